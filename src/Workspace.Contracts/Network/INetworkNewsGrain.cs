namespace Workspace.Contracts.Network;

/// <summary>What changed above the groups: open directory and library pages read again when told.</summary>
[GenerateSerializer, Alias("Workspace.NetworkNews")]
public enum NetworkNews
{
    /// <summary>A library entry was shared, changed or withdrawn.</summary>
    Library = 0,

    /// <summary>An organisation was listed, changed or unlisted in the directory.</summary>
    Directory = 1,
}

/// <summary>
/// Tells every node (key 0) that something above the groups changed; each node tells the connections
/// watching the network. The news carries no content: pages read again through REST, which authorises.
/// </summary>
[Alias("Workspace.INetworkNewsGrain")]
public interface INetworkNewsGrain : IGrainWithIntegerKey
{
    /// <summary>Something of this kind changed; nodes hear of it at most a few times a second per kind.</summary>
    [Alias("Announce")] Task Announce(NetworkNews news);

    /// <summary>Subscribes (or renews) a node's observer; it lasts <c>NetworkNewsGrain.WatchExpiry</c> unless renewed.</summary>
    [Alias("Watch")] Task Watch(string nodeKey, INetworkNewsObserver node);

    [Alias("Unwatch")] Task Unwatch(string nodeKey);
}

/// <summary>A node's observer of network news.</summary>
[Alias("Workspace.INetworkNewsObserver")]
public interface INetworkNewsObserver : IGrainObserver
{
    [Alias("News")] Task News(NetworkNews news);
}

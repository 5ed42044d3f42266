namespace Workspace.Server.Live;

/// <summary>
/// Network news: a connection that watches the network is told when the library or the directory changed
/// (<see cref="INetworkClient"/>), with no content, so an open page reads again through REST.
/// </summary>
public sealed partial class LiveHub
{
    /// <summary>Follows network news on this connection (every signed-in person may).</summary>
    public Task WatchNetwork() => Groups.AddToGroupAsync(Context.ConnectionId, NetworkNewsWatch.Watchers);

    /// <summary>Stops following network news.</summary>
    public Task UnwatchNetwork() => Groups.RemoveFromGroupAsync(Context.ConnectionId, NetworkNewsWatch.Watchers);
}

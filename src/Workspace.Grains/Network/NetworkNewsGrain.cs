using Workspace.Contracts.Network;

namespace Workspace.Grains.Network;

/// <summary>Passes network news to every node (placeholder until the nodes subscribe).</summary>
public sealed class NetworkNewsGrain : Grain, INetworkNewsGrain
{
    public Task Announce(NetworkNews news) => Task.CompletedTask;
}

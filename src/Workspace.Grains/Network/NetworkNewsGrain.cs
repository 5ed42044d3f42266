using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using Workspace.Contracts.Network;
using Workspace.Grains.Live;

namespace Workspace.Grains.Network;

/// <summary>
/// Passes network news to every node. A burst (an import, an administrator verifying fifty
/// organisations) reaches nodes as one news per kind per <see cref="Window"/>: the first at once, the
/// rest folded into one at the window's end.
/// </summary>
public sealed partial class NetworkNewsGrain(ILogger<NetworkNewsGrain> logger, TimeProvider clock) : Grain, INetworkNewsGrain
{
    /// <summary>How long a node's subscription lasts without renewal (nodes renew every third of it).</summary>
    public static readonly TimeSpan WatchExpiry = TimeSpan.FromSeconds(90);

    /// <summary>At most one news per kind in this time.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one node may take to hear the news before it is dropped (it subscribes again at its renewal).</summary>
    private static readonly TimeSpan NotifyDeadline = TimeSpan.FromSeconds(2);

    private readonly ObserverManager<string, INetworkNewsObserver> _nodes = new(WatchExpiry, logger);
    private readonly Dictionary<NetworkNews, DateTimeOffset> _lastSent = [];
    private readonly Dictionary<NetworkNews, IGrainTimer> _held = [];

    public Task Announce(NetworkNews news)
    {
        if (!Enum.IsDefined(news) || _held.ContainsKey(news))
        {
            return Task.CompletedTask; // already folded into the news the window's end sends
        }

        var now = clock.GetUtcNow();
        if (_lastSent.TryGetValue(news, out var last) && now - last < Window)
        {
            _held[news] = this.RegisterGrainTimer(
                async () =>
                {
                    _held.Remove(news, out var timer);
                    timer?.Dispose();
                    await Send(news);
                },
                new GrainTimerCreationOptions { DueTime = Window - (now - last), Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
            return Task.CompletedTask;
        }

        return Send(news);
    }

    public Task Watch(string nodeKey, INetworkNewsObserver node)
    {
        _nodes.Subscribe(nodeKey, node);
        return Task.CompletedTask;
    }

    public Task Unwatch(string nodeKey)
    {
        _nodes.Unsubscribe(nodeKey);
        return Task.CompletedTask;
    }

    /// <summary>Tells every node in parallel; one that does not answer in time is dropped until it renews.</summary>
    private async Task Send(NetworkNews news)
    {
        _lastSent[news] = clock.GetUtcNow();
        await NodeCalls.TellEvery(_nodes, node => node.News(news), NotifyDeadline, (e, key) => LogNodeMissed(logger, e, key));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeKey} did not hear the network news; it hears again once it renews.")]
    private static partial void LogNodeMissed(ILogger logger, Exception exception, string nodeKey);
}

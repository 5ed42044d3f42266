using Microsoft.AspNetCore.SignalR;
using Workspace.Contracts.Network;
using Workspace.Grains;
using Workspace.Grains.Network;

namespace Workspace.Server.Live;

/// <summary>
/// This node's subscription to network news (<see cref="INetworkNewsGrain"/>): subscribed at start and renewed
/// every third of the grain's expiry (so a moved or restarted grain hears of the node again within it); each
/// news goes to the node's connections that watch the network, as the kind's name and nothing else.
/// </summary>
public sealed partial class NetworkNewsWatch : BackgroundService, INetworkNewsObserver
{
    /// <summary>The SignalR group of this node's connections that watch the network.</summary>
    public const string Watchers = "network";

    private readonly IGrainFactory _grains;
    private readonly IHubContext<LiveHub, ILiveClient> _hub;
    private readonly ILogger<NetworkNewsWatch> _logger;
    private readonly INetworkNewsObserver _reference;

    public NetworkNewsWatch(IGrainFactory grains, IHubContext<LiveHub, ILiveClient> hub, ILocalSiloDetails silo, ILogger<NetworkNewsWatch> logger)
    {
        _grains = grains;
        _hub = hub;
        _logger = logger;
        _reference = grains.CreateObjectReference<INetworkNewsObserver>(this); // this singleton holds itself strongly
        NodeKey = NodeKeys.For(silo.SiloAddress);
    }

    public string NodeKey { get; }

    /// <summary>The wire name of a kind of news ("library", "directory").</summary>
    public static string WireName(NetworkNews news) => news.ToString().ToLowerInvariant();

    public Task News(NetworkNews news) => _hub.Clients.Group(Watchers).NetworkNews(WireName(news));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(NetworkNewsGrain.WatchExpiry / 3);
        do
        {
            try
            {
                await _grains.GetGrain<INetworkNewsGrain>(0).Watch(NodeKey, _reference);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogWatchFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await _grains.GetGrain<INetworkNewsGrain>(0).Unwatch(NodeKey).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception)
        {
            // leaving: the grain forgets the node when its subscription expires
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not follow the network news; the next renewal tries again.")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);
}

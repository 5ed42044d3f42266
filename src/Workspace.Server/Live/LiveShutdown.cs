namespace Workspace.Server.Live;

/// <summary>
/// A node that is asked to stop (SIGTERM) first sends its live connections away — browsers
/// reconnect with back-off, through the proxy, to a node that stays — and only then lets the
/// web server and the silo stop: nothing new arrives while the silo deactivates its grains and
/// finishes their writes, and it leaves the cluster as a clean shutdown rather than a death.
/// An edit in flight when its connection is closed is resubmitted on the new node and applied once.
/// </summary>
public sealed partial class LiveShutdown(IHostApplicationLifetime lifetime, ConnectionRegistry connections, ILogger<LiveShutdown> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(SendEveryoneAway);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>True once the node is stopping: new live connections are sent away at once.</summary>
    public bool Stopping => lifetime.ApplicationStopping.IsCancellationRequested;

    private void SendEveryoneAway()
    {
        var count = 0;
        foreach (var connection in connections.All())
        {
            connection.Context.Abort();
            count++;
        }

        LogSentAway(logger, count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Count} live connections sent to reconnect elsewhere")]
    private static partial void LogSentAway(ILogger logger, int count);
}

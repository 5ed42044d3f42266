using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Workspace.Server.Live;

/// <summary>
/// SignalR's own connection list for the live hub, which also attaches each connection's
/// <see cref="LiveWire"/>: this is the one place SignalR hands over a connection on the flow that
/// then reads its messages.
/// </summary>
public sealed class LiveLifetimeManager(
    ILogger<DefaultHubLifetimeManager<LiveHub>> logger,
    IOptions<LiveOptions> options,
    LiveRefusals refusals) : DefaultHubLifetimeManager<LiveHub>(logger)
{
    // Deliberately not async: the wire set here must stay visible to the caller's receive loop.
    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        LiveWire.Attach(connection, options.Value.ClientTimeout, refusals);
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        refusals.Forget(connection.ConnectionId);
        return base.OnDisconnectedAsync(connection);
    }
}

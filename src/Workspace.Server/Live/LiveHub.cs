using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Grains.Documents;
using Workspace.Server.Web;

namespace Workspace.Server.Live;

/// <summary>
/// The live surface over SignalR: one connection carries a browser's documents
/// (<c>LiveHub.Documents.cs</c>), group watches (<c>LiveHub.Groups.cs</c>) and sessions
/// (<c>LiveHub.Sessions.cs</c>). Thin: it knows the caller from their cookie, passes who they are to
/// the grains (which decide what they may do) and keeps this node's SignalR groups in step. Every
/// method is for signed-in people; the grains check the rest. This file holds the connection's
/// lifecycle and what the features share.
/// </summary>
[Authorize]
public sealed partial class LiveHub(
    IGrainFactory grains,
    DocumentFanOut fanOut,
    GroupFanOut groupFanOut,
    SessionFanOut sessionFanOut,
    LiveShutdown shutdown,
    ConnectionRegistry connections,
    HubErrors errors,
    IOptions<DocumentOptions> options,
    ILogger<LiveHub> logger) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";

    /// <summary>
    /// The hub's path before 2026-12-07, mapped to the same hub: a browser loaded before an upgrade
    /// reconnects there. Deprecated; remove once no such tab can be left open.
    /// </summary>
    public const string DeprecatedPath = "/hubs/documents";

    public override Task OnConnectedAsync()
    {
        if (shutdown.Stopping)
        {
            Context.Abort(); // this node is leaving: reconnect to another
            return Task.CompletedTask;
        }

        connections.Add(Context, UserId, options.Value.SubmitsPerSecond, options.Value.PresencePerSecond, options.Value.ActionsPerSecond);
        return Task.CompletedTask;
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (connections.Remove(Context.ConnectionId) is not { } connection)
        {
            return;
        }

        await groupFanOut.Disconnected(connection);
        await sessionFanOut.Disconnected(connection);

        foreach (var documentId in connection.Documents.Keys)
        {
            await TellClosed(documentId);
            await fanOut.Leave(documentId, Context.ConnectionId);
        }
    }

    /// <summary>
    /// Tells the document this connection closed. If it cannot be reached now (a node died and the
    /// document is moving), keeps trying in the background, or the connection would stay in everyone's list.
    /// </summary>
    private async Task TellClosed(Guid documentId)
    {
        if (!await TryClose(grains, logger, documentId, Context.ConnectionId))
        {
            _ = CloseLater(grains, logger, documentId, Context.ConnectionId);
        }
    }

    /// <summary>Tells the document a connection closed; false when it cannot be reached now (worth trying again).</summary>
    private static async Task<bool> TryClose(IGrainFactory grains, ILogger logger, Guid documentId, string connectionId)
    {
        try
        {
            await grains.GetGrain<IDocumentGrain>(documentId).Close(connectionId);
            return true;
        }
        catch (Exception e) when (Grains.Live.ClusterFailures.IsUnavailable(e))
        {
            return false;
        }
        catch (Exception e)
        {
            LogCloseFailed(logger, e, documentId);
            return true;
        }
    }

    private static async Task CloseLater(IGrainFactory grains, ILogger logger, Guid documentId, string connectionId)
    {
        foreach (var delay in new[] { 0.5, 1, 2, 4, 8, 15 })
        {
            await Task.Delay(TimeSpan.FromSeconds(delay));
            if (await TryClose(grains, logger, documentId, connectionId))
            {
                return;
            }
        }

        LogCloseFailed(logger, null, documentId);
    }

    private Guid UserId => Context.User!.UserId();

    private LiveConnection Connection() =>
        connections.Get(Context.ConnectionId) ?? throw new WorkspaceException(ErrorKind.Unavailable, ErrorCodes.ServerUnavailable); // closing

    /// <summary>The person's budget on this node is spent (shared by all their connections here).</summary>
    private static WorkspaceException RateLimited() => new(ErrorKind.TooManyRequests, ErrorCodes.RateLimited);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell document {DocumentId} that a connection closed; its node subscription will expire.")]
    private static partial void LogCloseFailed(ILogger logger, Exception? exception, Guid documentId);
}

using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Grains.Documents;
using Workspace.Server.Web;

namespace Workspace.Server.Live;

/// <summary>
/// Live documents over SignalR. Thin: it knows the caller from their cookie, passes who they
/// are to the document grain (which decides what they may do) and keeps this node's
/// SignalR groups in step. Every method is for signed-in people; the grain checks the rest.
/// </summary>
[Authorize]
public sealed partial class DocumentHub(
    IGrainFactory grains,
    DocumentFanOut fanOut,
    GroupFanOut groupFanOut,
    SessionFanOut sessionFanOut,
    LiveShutdown shutdown,
    ConnectionRegistry connections,
    HubErrors errors,
    IOptions<DocumentOptions> options,
    ILogger<DocumentHub> logger) : Hub<IDocumentClient>
{
    public const string Path = "/hubs/documents";

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

    /// <summary>Opens a document on this connection: its text (or, from <paramref name="sinceRevision"/>, what changed since) and who is here.</summary>
    public async Task<OpenedDocument> Open(Guid documentId, int? sinceRevision)
    {
        var connection = Connection();
        var document = Document(connection, documentId);
        var joined = connection.Documents.TryAdd(documentId, document);

        // A reader of the node's subscription before the document knows it, so nothing published in between is
        // missed; it receives broadcasts once the document says in which audience (its answer, or a broadcast).
        var node = fanOut.Join(documentId, Context.ConnectionId);
        try
        {
            var opened = await document.Open(new OpenRequest(UserId, Context.ConnectionId, fanOut.NodeKey, node, sinceRevision));
            fanOut.Opened(documentId, Context.ConnectionId, opened.Role);
            if (connection.IsClosed)
            {
                // The connection closed while the document was opening it: its goodbye may have reached the
                // document before the open did, which would leave the session in everyone's list.
                await TellClosed(documentId);
            }

            return opened;
        }
        catch
        {
            if (joined && connection.Documents.TryRemove(documentId, out _))
            {
                await fanOut.Leave(documentId, Context.ConnectionId);
            }

            throw;
        }
    }

    /// <summary>Submits one operation made against <paramref name="baseRevision"/>; returns the revision it became once it is durable.</summary>
    public Task<int> Submit(Guid documentId, int baseRevision, JsonElement operation, string clientId, long sequence)
    {
        var connection = Connection();
        if (!connection.Submits.TryTake())
        {
            throw RateLimited();
        }

        TextOperation parsed;
        try
        {
            parsed = TextOperationJson.Parse(operation);
        }
        catch (OperationException)
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.OperationInvalid);
        }

        if (parsed.Components.Any(c => c.Kind == ComponentKind.Insert && HasControlCharacters(c.Text)))
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.OperationInvalid);
        }

        return Opened(connection, documentId).Submit(new Submission(UserId, Context.ConnectionId, clientId ?? string.Empty, sequence, baseRevision, parsed));
    }

    /// <summary>
    /// <see cref="Submit"/> without an answer: the operation coming back in the document's
    /// broadcast is its acknowledgement, and a refusal comes as <c>Refused</c>. One frame less per
    /// keystroke for the server and for every editor (what the clients use).
    /// </summary>
    public async Task Send(Guid documentId, int baseRevision, JsonElement operation, string clientId, long sequence)
    {
        try
        {
            await Submit(documentId, baseRevision, operation, clientId, sequence);
        }
        catch (Exception e)
        {
            // Always an answer: a refusal, or server.unexpected for a fault of ours (logged as such).
            await Clients.Caller.Refused(documentId, clientId ?? string.Empty, sequence, errors.Refuse(Context, nameof(Send), e));
        }
    }

    /// <summary>Moves this reader's cursor and selection (positions in the text at <paramref name="revision"/>).</summary>
    public Task Presence(Guid documentId, int revision, int anchor, int head)
    {
        var connection = Connection();
        if (!connection.Presence.TryTake())
        {
            throw RateLimited();
        }

        return Opened(connection, documentId).MovePresence(Context.ConnectionId, revision, anchor, head);
    }

    /// <summary>Stops following a document on this connection.</summary>
    public async Task Close(Guid documentId)
    {
        if (Connection().Documents.TryRemove(documentId, out var document))
        {
            await document.Close(Context.ConnectionId);
            await fanOut.Leave(documentId, Context.ConnectionId);
        }
    }

    /// <summary>Follows a working group's live events (its board and recommendation threads) on this connection; returns the caller's role in it.</summary>
    public Task<GroupRole> WatchGroup(Guid groupId) => groupFanOut.Watch(Connection(), UserId, groupId);

    /// <summary>Stops following a working group's live events.</summary>
    public Task UnwatchGroup(Guid groupId) => groupFanOut.Unwatch(Connection(), groupId);

    /// <summary>Control characters other than tab and line breaks have no place in a document (NUL, escape…).</summary>
    private static bool HasControlCharacters(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') >= 0 && text.Any(ch => ch < ' ' && ch is not ('\t' or '\n' or '\r'));

    private Guid UserId => Context.User!.UserId();

    private LiveConnection Connection() =>
        connections.Get(Context.ConnectionId) ?? throw new WorkspaceException(ErrorKind.Unavailable, ErrorCodes.ServerUnavailable); // closing

    /// <summary>The person's budget on this node is spent (shared by all their connections here).</summary>
    private static WorkspaceException RateLimited() => new(ErrorKind.TooManyRequests, ErrorCodes.RateLimited);

    /// <summary>The document's grain, kept by the connection while the document is open on it (the document refuses the rest).</summary>
    private IDocumentGrain Document(LiveConnection connection, Guid documentId) =>
        connection.Documents.TryGetValue(documentId, out var document) ? document : grains.GetGrain<IDocumentGrain>(documentId);

    /// <summary>A document open on this connection; any other answers <c>document.not-open</c>, whether or not it exists.</summary>
    private static IDocumentGrain Opened(LiveConnection connection, Guid documentId) =>
        connection.Documents.TryGetValue(documentId, out var document) ? document : throw new WorkspaceException(ErrorKind.Conflict, ErrorCodes.DocumentNotOpen);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell document {DocumentId} that a connection closed; its node subscription will expire.")]
    private static partial void LogCloseFailed(ILogger logger, Exception? exception, Guid documentId);
}

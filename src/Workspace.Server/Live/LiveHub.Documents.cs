using System.Text.Json;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;

namespace Workspace.Server.Live;

/// <summary>
/// Live documents: open, send edits, move presence, close. An edit is sent one-way (<see cref="Send"/>);
/// its acknowledgement is the edit coming back in <see cref="IDocumentClient.Changes"/>, its refusal a
/// <see cref="IDocumentClient.Refused"/>. The document grain decides what the caller may do.
/// </summary>
public sealed partial class LiveHub
{
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

    /// <summary>
    /// Sends one operation made against <paramref name="baseRevision"/>, one-way: the only way to edit.
    /// Once durable it comes back in the document's broadcast (with this <paramref name="clientId"/> and
    /// <paramref name="sequence"/>), which is its acknowledgement; a refusal comes as <c>Refused</c>. (An
    /// invocation answering the revision, <c>Submit</c>, was removed on 2026-12-07: one frame less per
    /// keystroke for the server and every editor, and one protocol for clients to get right.)
    /// </summary>
    public async Task Send(Guid documentId, int baseRevision, JsonElement operation, string clientId, long sequence)
    {
        try
        {
            await SubmitOperation(documentId, baseRevision, operation, clientId, sequence);
        }
        catch (Exception e)
        {
            // Always an answer: a refusal, or server.unexpected for a fault of ours (logged as such).
            await Clients.Caller.Refused(documentId, clientId ?? string.Empty, sequence, errors.Refuse(Context, nameof(Send), e));
        }
    }

    /// <summary>Submits one operation made against <paramref name="baseRevision"/>; the revision it became once it is durable.</summary>
    private Task<int> SubmitOperation(Guid documentId, int baseRevision, JsonElement operation, string clientId, long sequence)
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

    /// <summary>Control characters other than tab and line breaks have no place in a document (NUL, escape…).</summary>
    private static bool HasControlCharacters(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') >= 0 && text.Any(ch => ch < ' ' && ch is not ('\t' or '\n' or '\r'));

    /// <summary>The document's grain, kept by the connection while the document is open on it (the document refuses the rest).</summary>
    private IDocumentGrain Document(LiveConnection connection, Guid documentId) =>
        connection.Documents.TryGetValue(documentId, out var document) ? document : grains.GetGrain<IDocumentGrain>(documentId);

    /// <summary>A document open on this connection; any other answers <c>document.not-open</c>, whether or not it exists.</summary>
    private static IDocumentGrain Opened(LiveConnection connection, Guid documentId) =>
        connection.Documents.TryGetValue(documentId, out var document) ? document : throw new WorkspaceException(ErrorKind.Conflict, ErrorCodes.DocumentNotOpen);
}

using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;

namespace Workspace.Grains.Documents;

/// <summary>
/// An edit's identity is (person, clientId, sequence). A clientId belongs to the person who first
/// used it on this document: everyone sees clientIds in broadcasts, so a clientId alone must never
/// let one person's submission stand in for another's edits (acknowledging them unapplied).
/// </summary>
public sealed partial class DocumentGrain
{
    /// <summary>Client ids the document gives its own operations; no live client may submit with them.</summary>
    private static bool IsServerClientId(string clientId) =>
        clientId is "restore" or "seed" || clientId.StartsWith("amendment-", StringComparison.Ordinal);

    /// <summary>
    /// A mark stored before marks had owners is bound to the author of the operation it points at
    /// (the last one applied under that clientId, by definition its owner), read once from the tail
    /// or from that operation's history chunk. Only if that operation cannot be read is the mark
    /// bound to whoever uses it first.
    /// </summary>
    private async Task BindStoredClient(string clientId, Guid submitter)
    {
        if (!S.Clients.TryGetValue(clientId, out var mark) || mark.Owner != Guid.Empty)
        {
            return;
        }

        var owner = submitter;
        try
        {
            var operations = mark.Revision >= 1 && mark.Revision <= S.Revision ? await OperationsBetween(mark.Revision - 1, mark.Revision) : [];
            if (operations.FirstOrDefault(o => o.Revision == mark.Revision) is { } applied && applied.ClientId == clientId && applied.AuthorId != Guid.Empty)
            {
                owner = applied.AuthorId;
            }
        }
        catch (WorkspaceException)
        {
            // Its history cannot be read: the first person to use it now owns it.
        }

        // Another call may have bound (or replaced) it while the history loaded.
        if (S.Clients.TryGetValue(clientId, out var current) && current.Owner == Guid.Empty)
        {
            S.Clients[clientId] = current with { Owner = owner };
        }
    }

    /// <summary>Remembers the client's latest applied operation, bound to its author; a person's oldest clientId goes beyond their share.</summary>
    private void Mark(AppliedOperation applied)
    {
        var known = S.Clients.ContainsKey(applied.ClientId);
        S.Clients[applied.ClientId] = new ClientMark(applied.Sequence, applied.Revision, applied.At, applied.AuthorId);
        if (known || applied.AuthorId == Guid.Empty)
        {
            return;
        }

        var own = S.Clients.Where(c => c.Value.Owner == applied.AuthorId).ToList();
        foreach (var (clientId, _) in own.OrderBy(c => c.Value.At).Take(own.Count - _options.RememberedClientsPerPerson))
        {
            S.Clients.Remove(clientId);
        }
    }

    /// <summary>Refuses a clientId the server uses or one bound to someone else. Synchronous: call right before deciding.</summary>
    private void RequireOwnClient(Submission submission)
    {
        if (IsServerClientId(submission.ClientId)
            || (S.Clients.TryGetValue(submission.ClientId, out var mark) && mark.Owner != Guid.Empty && mark.Owner != submission.UserId))
        {
            throw WorkspaceException.Conflict(ErrorCodes.OperationClientTaken);
        }
    }

    /// <summary>
    /// The revision an already applied submission became: its own when it is still in memory (a
    /// resubmission of an older sequence), otherwise that of the client's latest; null when it is new.
    /// </summary>
    private int? Acknowledged(Submission submission)
    {
        if (!S.Clients.TryGetValue(submission.ClientId, out var mark) || submission.Sequence > mark.Sequence)
        {
            return null;
        }

        if (submission.Sequence == mark.Sequence)
        {
            return mark.Revision;
        }

        for (var i = S.Recent.Count - 1; i >= 0; i--)
        {
            if (S.Recent[i].Sequence == submission.Sequence && S.Recent[i].ClientId == submission.ClientId)
            {
                return S.Recent[i].Revision;
            }
        }

        for (var i = _older.Count - 1; i >= 0; i--)
        {
            if (_older[i].Sequence == submission.Sequence && _older[i].ClientId == submission.ClientId)
            {
                return _older[i].Revision;
            }
        }

        return mark.Revision;
    }
}

using Workspace.Contracts.Errors;

namespace Workspace.Grains.Documents;

/// <summary>
/// An edit's identity is (person, clientId, sequence). A clientId belongs to the person who first
/// used it on this document: everyone sees clientIds in broadcasts, so a clientId alone must never
/// let one person's submission stand in for another's edits (acknowledging them unapplied).
/// The engine keeps the marks and the rules; this binds marks stored before marks had owners.
/// </summary>
public sealed partial class DocumentGrain
{
    /// <summary>
    /// A mark stored before marks had owners is bound to the author of the operation it points at
    /// (the last one applied under that clientId, by definition its owner), read once from the tail
    /// or from that operation's history chunk. Only if that operation cannot be read is the mark
    /// bound to whoever uses it first.
    /// </summary>
    private async Task BindStoredClient(string clientId, Guid submitter)
    {
        if (string.IsNullOrEmpty(clientId) || _engine.Client(clientId) is not { Owner: var stored } mark || stored != Guid.Empty)
        {
            return;
        }

        var owner = submitter;
        try
        {
            var operations = mark.Revision >= 1 && mark.Revision <= _engine.Revision ? await OperationsBetween(mark.Revision - 1, mark.Revision) : [];
            if (operations.FirstOrDefault(o => o.Revision == mark.Revision) is { } applied && applied.ClientId == clientId && applied.AuthorId != Guid.Empty)
            {
                owner = applied.AuthorId;
            }
        }
        catch (WorkspaceException)
        {
            // Its history cannot be read: the first person to use it now owns it.
        }

        // Another call may have bound (or replaced) it while the history loaded: the engine binds only an unowned mark.
        _engine.BindOwner(clientId, owner);
    }
}

using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;

namespace Workspace.Grains.Documents;

/// <summary>
/// What observers may receive of the document: nothing applied while it was members-only (the
/// stored boundary, <see cref="DocumentState.ObserversSince"/>), and people as the group's
/// <c>ObserversSeeNames</c> setting lets them see them (<see cref="DocumentProjection"/>).
/// </summary>
public sealed partial class DocumentGrain
{
    // The group's setting as last heard (from an open's access or the group's notice); until then, names stay hidden.
    private bool _observersSeeNames;

    // Counts notices from the group (members, settings, summary): an open whose reading of the group
    // overlapped one reads it again, so that no change falls between its reading and its session.
    private long _groupChanges;

    /// <summary>Operations above this revision may reach observers; null while the document is members-only.</summary>
    private int? ObserversFrom =>
        S.Summary is { Visibility: DocumentVisibility.Observers } && !S.Deleted ? S.ObserversSince ?? _engine.Revision : null;

    public Task ObserversSeeNamesChanged(bool observersSeeNames)
    {
        _groupChanges++;
        if (_observersSeeNames == observersSeeNames)
        {
            return Task.CompletedTask;
        }

        _observersSeeNames = observersSeeNames;
        if (S.Summary is null || S.Deleted)
        {
            return Task.CompletedTask;
        }

        // Observers' lists and labels follow at once: everyone present (and the summary) is published again.
        foreach (var session in _sessions.Values)
        {
            _outbox.Presence[session.Participant.SessionId] = session.Participant;
        }

        _outbox.Summary = S.Summary;
        Flush();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A document stored before the boundary was kept, and visible to observers: the boundary is
    /// the current revision — its observers get the whole text as it is now, never older operations
    /// (their authors and what was typed while it may have been members-only are not known to be theirs to see).
    /// </summary>
    private void KeepObserversBoundary()
    {
        if (S.Summary is { Visibility: DocumentVisibility.Observers } && !S.Deleted && S.ObserversSince is null)
        {
            S.ObserversSince = _engine.Revision;
            _stateChanged = true; // stored with the next write
        }
    }

    /// <summary>Records the revision at which the document becomes visible to observers (everything up to it stays theirs not to see).</summary>
    private void MarkVisibility(DocumentSummary? before, DocumentSummary after)
    {
        if (after.Visibility == DocumentVisibility.Observers && before?.Visibility != DocumentVisibility.Observers)
        {
            S.ObserversSince = _engine.Revision;
        }
    }

    /// <summary>
    /// The reader's standing from the group and, from the revision asked for, the operations they may
    /// catch up with — read again if the group said something meanwhile (a role or setting change
    /// would otherwise fall between this reading and the reader's session, and be lost for it).
    /// </summary>
    private async Task<(DocumentAccess Access, IReadOnlyList<AppliedEdit>? Since)> ReadAccess(OpenRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            var changes = _groupChanges;
            var access = await Group(RequireLive()).GetDocumentAccess(request.UserId, DocumentId);
            IReadOnlyList<AppliedEdit>? since = null;
            if (request.SinceRevision is { } from && from >= 0 && from <= _engine.Revision && _engine.Revision - from <= _options.MaxCatchUp
                && access.Disclosure.CatchUpFrom(from, ObserversFrom))
            {
                since = await OperationsSince(from);
            }

            if (changes == _groupChanges)
            {
                _observersSeeNames = access.ObserversSeeNames;
                return (access, since);
            }

            if (attempt == 3)
            {
                throw new WorkspaceException(ErrorKind.Unavailable, ErrorCodes.DocumentUnavailable); // the client opens again
            }
        }
    }
}

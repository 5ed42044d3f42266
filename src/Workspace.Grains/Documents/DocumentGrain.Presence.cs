using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;

namespace Workspace.Grains.Documents;

/// <summary>
/// Who has the document open, with what rights, and where their cursors are: ephemeral, in memory
/// only, carried through every operation and published through the outbox.
/// </summary>
public sealed partial class DocumentGrain
{
    public Task MovePresence(string connectionId, int revision, int anchor, int head)
    {
        if (!_sessions.TryGetValue(connectionId, out var session))
        {
            throw new WorkspaceException(ErrorKind.Conflict, ErrorCodes.DocumentNotOpen);
        }

        if (revision > _engine.Revision || _engine.MapIndex(revision, anchor) is not { } mappedAnchor || _engine.MapIndex(revision, head) is not { } mappedHead)
        {
            return Task.CompletedTask;
        }

        session.Participant = session.Participant with { Anchor = mappedAnchor, Head = mappedHead };
        _outbox.Presence[session.Participant.SessionId] = session.Participant;
        SchedulePresence();
        return Task.CompletedTask;
    }

    public Task Close(string connectionId)
    {
        if (_sessions.Remove(connectionId, out var session))
        {
            _outbox.Leave(session.Participant.SessionId);
            SchedulePresence();
        }

        return Task.CompletedTask;
    }

    /// <summary>A reader's session on this connection (replacing any earlier one), announced with the next broadcast.</summary>
    private Session OpenSession(OpenRequest request, DocumentAccess access, bool canEdit)
    {
        if (_sessions.Remove(request.ConnectionId, out var previous))
        {
            _outbox.Leave(previous.Participant.SessionId);
        }

        var participant = new Participant(Guid.NewGuid().ToString("N")[..12], request.UserId, access.DisplayName, access.Organisation, access.Role,
            AuthorColours.For(request.UserId), 0, 0);
        var session = new Session(request.UserId, request.ConnectionId, request.NodeKey, participant) { CanEdit = canEdit };
        _sessions[request.ConnectionId] = session;
        if (Subscribe(request.NodeKey, request.Node))
        {
            // First word from this node since activation: any other readers it has are unknown here.
            _ = request.Node.ListReaders();
        }

        _outbox.Presence[participant.SessionId] = participant;
        _outbox.Opened.Add(new AccessUpdate(request.ConnectionId, access.Role, canEdit));
        SchedulePresence();
        return session;
    }

    /// <summary>Every reader's cursor follows an applied operation (published with their next move).</summary>
    private void MoveCursors(TextOperation operation)
    {
        foreach (var session in _sessions.Values)
        {
            var p = session.Participant;
            session.Participant = p with { Anchor = operation.TransformIndex(Math.Min(p.Anchor, operation.BaseLength)), Head = operation.TransformIndex(Math.Min(p.Head, operation.BaseLength)) };
        }
    }

    private void SchedulePresence() => RequestFlush(_options.PresenceWindow);

    private void Recheck(Session session, GroupRole role)
    {
        var summary = S.Summary!;
        if (!summary.Readable(role))
        {
            CloseSession(session, ClosedReason.NoLongerVisible);
            return;
        }

        var canEdit = summary.Editable(role);
        if (canEdit != session.CanEdit || role != session.Participant.Role)
        {
            session.CanEdit = canEdit;
            session.Participant = session.Participant with { Role = role };
            _outbox.Access.Add(new AccessUpdate(session.ConnectionId, role, canEdit));
            _outbox.Presence[session.Participant.SessionId] = session.Participant;
        }
    }

    private void CloseSession(Session session, ClosedReason reason)
    {
        _sessions.Remove(session.ConnectionId);
        _outbox.Leave(session.Participant.SessionId);
        _outbox.Closed.Add(new ClosedSession(session.ConnectionId, reason));
    }

    private Session RequireSession(string connectionId, Guid userId) =>
        _sessions.TryGetValue(connectionId, out var session) && session.UserId == userId
            ? session
            : throw new WorkspaceException(ErrorKind.Conflict, ErrorCodes.DocumentNotOpen);

    /// <summary>Refuses someone who may not edit now, with the same reason as every other path (<see cref="Groups.GroupPolicy.EditRefusal"/>).</summary>
    private void RequireEditor(Session session)
    {
        if (!session.CanEdit)
        {
            throw Groups.GroupPolicy.EditRefusal(RequireLive(), session.Participant.Role);
        }
    }

    private sealed class Session(Guid userId, string connectionId, string nodeKey, Participant participant)
    {
        public Guid UserId { get; } = userId;

        public string ConnectionId { get; } = connectionId;

        public string NodeKey { get; } = nodeKey;

        public Participant Participant { get; set; } = participant;

        public bool CanEdit { get; set; }
    }
}

using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Groups;
using Workspace.Grains.Recommendations;

namespace Workspace.Grains.Sessions;

/// <summary>
/// The authority for one facilitated session: agenda, current item and its countdown (server
/// time), speaker queue (points of order first) and attendance. Facilitators run it; members
/// raise hands; observers follow, and queue only when a facilitator allows it.
/// </summary>
public sealed class SessionGrain(
    [PersistentState("session", StorageNames.Default)] IPersistentState<SessionState> state,
    TimeProvider clock) : Grain, ISessionGrain
{
    /// <summary>Connections in the session now: connection id → user.</summary>
    private readonly Dictionary<string, Guid> _present = new(StringComparer.Ordinal);

    private SessionState S => state.State;

    private Guid SessionId => this.GetPrimaryKey();

    public async Task Initialise(Guid groupId, SessionPlan plan)
    {
        if (S.Exists)
        {
            throw WorkspaceException.Conflict(ErrorCodes.GroupAlreadyExists);
        }

        S.Exists = true;
        S.GroupId = groupId;
        S.Title = plan.Title;
        S.ScheduledStart = plan.ScheduledStart;
        S.Agenda = plan.Agenda.Select(i => new AgendaItemRecord(Guid.NewGuid(), i.Title, i.Target, i.TargetId, i.Minutes)).ToList();
        await state.WriteStateAsync();
    }

    public async Task<SessionView> Get(Guid actorId) => await View(await Reader(actorId));

    public async Task<SessionView> Start(Guid actorId)
    {
        var actor = await Facilitator(actorId);
        if (S.Status != SessionStatus.Scheduled)
        {
            throw WorkspaceException.Conflict(ErrorCodes.SessionTransitionIllegal);
        }

        var now = clock.GetUtcNow();
        S.Status = SessionStatus.Live;
        S.StartedAt = now;
        if (S.Agenda.Count > 0)
        {
            (S.CurrentItem, S.ItemStartedAt) = (0, now);
        }

        foreach (var userId in _present.Values.Distinct())
        {
            await Attend(userId);
        }

        await Save(statusChanged: true);
        return await View(actor);
    }

    public async Task<SessionView> End(Guid actorId)
    {
        var actor = await Facilitator(actorId);
        if (S.Status != SessionStatus.Live)
        {
            throw WorkspaceException.Conflict(ErrorCodes.SessionTransitionIllegal);
        }

        S.Status = SessionStatus.Ended;
        S.EndedAt = clock.GetUtcNow();
        S.Queue.Clear();
        S.Floor = null;
        await Save(statusChanged: true);
        return await View(actor);
    }

    public async Task<SessionView> Focus(Guid actorId, int index)
    {
        var actor = await Facilitator(actorId);
        RequireLive();
        if (index < 0 || index >= S.Agenda.Count)
        {
            throw WorkspaceException.NotFound(ErrorCodes.AgendaItemUnknown);
        }

        (S.CurrentItem, S.ItemStartedAt) = (index, clock.GetUtcNow());
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> Join(Guid actorId, string connectionId)
    {
        var actor = await Reader(actorId);
        _present[connectionId] = actorId;
        if (S.Status == SessionStatus.Live && await Attend(actorId))
        {
            await Save();
        }

        return await View(actor);
    }

    public async Task Leave(string connectionId)
    {
        if (!_present.Remove(connectionId, out var userId) || _present.ContainsValue(userId))
        {
            return;
        }

        // Gone from the room: their hand goes down (the floor cannot be given to someone absent).
        if (S.Queue.RemoveAll(h => h.Person.Id == userId) > 0)
        {
            await Save();
        }
    }

    public async Task<SessionView> RaiseHand(Guid actorId, bool pointOfOrder)
    {
        var actor = await Reader(actorId);
        RequireLive();
        RequirePresent(actorId);
        if (actor.Role == GroupRole.Observer && !S.ObserversMayQueue)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.ObserversMayNotQueue);
        }

        if (S.Queue.Any(h => h.Person.Id == actorId))
        {
            throw WorkspaceException.Conflict(ErrorCodes.HandAlreadyRaised);
        }

        var hand = new HandRecord(Person(actor), actor.Role, pointOfOrder, clock.GetUtcNow());

        // A point of order goes before every ordinary hand, after earlier points of order.
        var at = pointOfOrder ? S.Queue.FindIndex(h => !h.PointOfOrder) : -1;
        S.Queue.Insert(at < 0 ? S.Queue.Count : at, hand);
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> LowerHand(Guid actorId)
    {
        var actor = await Reader(actorId);
        if (S.Queue.RemoveAll(h => h.Person.Id == actorId) == 0)
        {
            throw WorkspaceException.Conflict(ErrorCodes.HandNotRaised);
        }

        await Save();
        return await View(actor);
    }

    public async Task<SessionView> GiveFloor(Guid actorId, Guid? userId)
    {
        var actor = await Facilitator(actorId);
        RequireLive();
        HandRecord floor;
        if (userId is null)
        {
            floor = S.Queue.FirstOrDefault() ?? throw WorkspaceException.Conflict(ErrorCodes.QueueEmpty);
        }
        else
        {
            RequirePresent(userId.Value);
            floor = S.Queue.FirstOrDefault(h => h.Person.Id == userId)
                ?? await AnyoneAt(userId.Value);
        }

        S.Queue.RemoveAll(h => h.Person.Id == floor.Person.Id);
        S.Floor = floor;
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> AllowObserversInQueue(Guid actorId, bool allowed)
    {
        var actor = await Facilitator(actorId);
        S.ObserversMayQueue = allowed;
        if (!allowed)
        {
            S.Queue.RemoveAll(h => h.Role == GroupRole.Observer);
        }

        await Save();
        return await View(actor);
    }

    /// <summary>Records someone's first arrival while the session is live; true if it is new.</summary>
    private async Task<bool> Attend(Guid userId)
    {
        if (S.Attendance.ContainsKey(userId))
        {
            return false;
        }

        var access = await Group.GetMemberAccess(userId);
        S.Attendance[userId] = new AttendanceRecord(Person(access), access.Role, clock.GetUtcNow());
        return true;
    }

    private async Task<HandRecord> AnyoneAt(Guid userId)
    {
        var access = await Group.GetMemberAccess(userId);
        return new HandRecord(Person(access), access.Role, false, clock.GetUtcNow());
    }

    private async Task Save(bool statusChanged = false)
    {
        await state.WriteStateAsync();
        if (statusChanged)
        {
            await Group.SessionChanged(new SessionSummary(SessionId, S.GroupId, S.Title, S.ScheduledStart, S.Status));
        }
    }

    private async Task<SessionView> View(GroupMemberAccess reader)
    {
        var visible = reader.Role == GroupRole.Observer
            ? await Group.VisibleToObservers(S.Agenda.Select(i => i.TargetId).ToArray())
            : S.Agenda.Select(_ => true).ToArray();
        var agenda = S.Agenda.Select((item, i) => visible[i]
            ? new AgendaItemView(item.Id, item.Title, item.Target, item.TargetId, item.Minutes, false)
            : new AgendaItemView(item.Id, null, null, null, item.Minutes, true)).ToArray();
        var present = _present.Values.ToHashSet();
        var current = S.CurrentItem is { } index ? S.Agenda[index] : null;
        return new SessionView(
            SessionId, S.GroupId, S.Title, S.ScheduledStart, S.Status, agenda, S.CurrentItem, S.ItemStartedAt,
            current is null ? null : S.ItemStartedAt?.AddMinutes(current.Minutes),
            clock.GetUtcNow(),
            S.Queue.Select(Hand).ToArray(),
            S.Floor is null ? null : Hand(S.Floor),
            S.ObserversMayQueue,
            S.Attendance.Values.OrderBy(a => a.JoinedAt)
                .Select(a => new AttendanceView(P(a.Person), a.Role, a.JoinedAt, present.Contains(a.Person.Id))).ToArray(),
            reader.Role);
    }

    private static HandView Hand(HandRecord h) => new(P(h.Person), h.Role, h.PointOfOrder, h.RaisedAt);

    /// <summary>In a session, as in a document's presence list, everyone present is shown by name and organisation.</summary>
    private static PersonView P(Person p) => new(p.Id, p.Name, p.Organisation);

    private static Person Person(GroupMemberAccess a) => new(a.UserId, a.DisplayName, a.Organisation);

    private async Task<GroupMemberAccess> Reader(Guid actorId)
    {
        if (!S.Exists)
        {
            throw WorkspaceException.NotFound(ErrorCodes.SessionNotFound);
        }

        return await GroupAccess.Of(Group, actorId, ErrorCodes.SessionNotFound);
    }

    private async Task<GroupMemberAccess> Facilitator(Guid actorId) => (await Reader(actorId)).RequireFacilitator();

    private void RequireLive()
    {
        if (S.Status != SessionStatus.Live)
        {
            throw WorkspaceException.Conflict(ErrorCodes.SessionNotLive);
        }
    }

    private void RequirePresent(Guid userId)
    {
        if (!_present.ContainsValue(userId))
        {
            throw WorkspaceException.Conflict(ErrorCodes.NotPresent);
        }
    }

    private IWorkingGroupGrain Group => GrainFactory.GetGrain<IWorkingGroupGrain>(S.GroupId);
}

using Microsoft.Extensions.Options;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Groups;
using Workspace.Grains.Live;
using Workspace.Grains.Recommendations;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Sessions;

/// <summary>
/// The authority for one facilitated session: agenda, current item and its countdown (server
/// time), speaker queue (points of order first), polls on the current item, the Q&amp;A,
/// attendance and, at the end, the minutes. Facilitators run it; members raise hands and vote;
/// observers follow, ask questions, and queue only when a facilitator allows it.
/// Every change is announced to the nodes holding its people as a bare "changed"; each node
/// then reads each person's own view, so what someone may not see never leaves this grain.
/// </summary>
public sealed partial class SessionGrain(
    [PersistentState("session", StorageNames.Default)] IPersistentState<SessionState> state,
    TimeProvider clock,
    IOptions<NodeOptions> nodeOptions,
    IClusterMembershipService? membership = null) : Grain, ISessionGrain
{
    /// <summary>Connections in the session now: connection id → user and the node holding it.</summary>
    private readonly Dictionary<string, (Guid User, string Node)> _present = new(StringComparer.Ordinal);

    /// <summary>Who the people present are (name, organisation, role), asked of the group once; forgotten when the group says they changed.</summary>
    private readonly Dictionary<Guid, (Person Person, GroupRole Role)?> _people = [];

    /// <summary>The nodes holding the connections present; a node that expires or dies takes its connections with it.</summary>
    private readonly NodeWatchers<ISessionObserver> _nodes = new(nodeOptions.Value.Expiry, clock, membership);

    /// <summary>
    /// Connections present that their node's last renewal did not list. A node's list is taken before
    /// its call arrives, so it may predate a join: only a second renewal without them removes them.
    /// </summary>
    private readonly HashSet<string> _unlisted = new(StringComparer.Ordinal);

    /// <summary>
    /// Connections that left, and when: a renewal listed before they left does not bring them back
    /// (connection ids are never reused). Forgotten after <see cref="DepartureMemory"/>.
    /// </summary>
    private readonly Dictionary<string, DateTimeOffset> _departed = new(StringComparer.Ordinal);

    private static readonly TimeSpan DepartureMemory = TimeSpan.FromMinutes(2);

    private IGrainTimer? _expiry;

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
            Clock.Restart(0, now);
        }

        foreach (var userId in _present.Values.Select(p => p.User).Distinct())
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

        // A poll left open is closed with the session, so the minutes record its final count.
        if (CurrentPoll() is { ClosedAt: null } open)
        {
            await ClosePollRecord(actor, open);
        }

        S.Status = SessionStatus.Ended;
        S.EndedAt = clock.GetUtcNow();
        Queue.Close();
        S.MinutesDocumentId = await WriteMinutes(actor);
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

        Clock.Restart(index, clock.GetUtcNow());
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> Join(Guid actorId, string connectionId, string nodeKey, ISessionObserver node)
    {
        var actor = await Reader(actorId);
        _nodes.Subscribe(nodeKey, node);
        _present[connectionId] = (actorId, nodeKey);
        _departed.Remove(connectionId);
        _people[actorId] = (Person(actor), actor.Role);
        StartExpiry();
        if (S.Status == SessionStatus.Live && await Attend(actorId))
        {
            await Save();
        }
        else
        {
            Announce();
        }

        return await View(actor);
    }

    public async Task Leave(string connectionId)
    {
        if (Depart(connectionId) is not { } user)
        {
            return;
        }

        await Departed(user);
    }

    /// <summary>
    /// The node's connections in the room, as it listed them before this call set out: joins and
    /// departures may have overtaken it. Learns the ones it did not know (after a reactivation) unless
    /// they left meanwhile, and removes those the node has stopped listing (a goodbye that was lost).
    /// </summary>
    public async Task Renew(string nodeKey, ISessionObserver node, IReadOnlyList<SessionConnection> connections)
    {
        var now = clock.GetUtcNow();
        _nodes.Subscribe(nodeKey, node);
        foreach (var old in _departed.Where(d => d.Value < now - DepartureMemory).Select(d => d.Key).ToArray())
        {
            _departed.Remove(old);
        }

        var changed = false;
        var listed = connections.Select(c => c.ConnectionId).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in _present.Where(p => p.Value.Node == nodeKey && !listed.Contains(p.Key)).Select(p => p.Key).ToArray())
        {
            if (!_unlisted.Add(missing))
            {
                _unlisted.Remove(missing);
                _present.Remove(missing);
                changed = true;
            }
        }

        foreach (var c in connections)
        {
            _unlisted.Remove(c.ConnectionId);
            if (!_present.ContainsKey(c.ConnectionId) && !_departed.ContainsKey(c.ConnectionId) && !S.Removed.Contains(c.UserId))
            {
                _present[c.ConnectionId] = (c.UserId, nodeKey);
                changed = true;
            }
        }

        StartExpiry();
        if (changed)
        {
            await DropAbsentHands();
            Announce();
        }
    }

    /// <summary>Removes a connection from the room for good; returns whose it was, if it was there.</summary>
    private Guid? Depart(string connectionId)
    {
        _departed[connectionId] = clock.GetUtcNow();
        _unlisted.Remove(connectionId);
        return _present.Remove(connectionId, out var gone) ? gone.User : null;
    }

    public async Task MemberChanged(Guid userId)
    {
        _people.Remove(userId);
        var role = await Group.GetRole(userId);
        if (role is null)
        {
            foreach (var connection in _present.Where(p => p.Value.User == userId).Select(p => p.Key).ToArray())
            {
                Depart(connection);
            }

            await DropAbsentHands();
        }

        Announce();
    }

    public async Task<SessionView> Remove(Guid actorId, Guid userId)
    {
        var actor = await Facilitator(actorId);
        RequireLive();
        if (userId == actorId)
        {
            throw WorkspaceException.Conflict(ErrorCodes.RemoveSelf);
        }

        RequirePresent(userId);
        S.Removed.Add(userId);
        foreach (var connection in _present.Where(p => p.Value.User == userId).Select(p => p.Key).ToArray())
        {
            Depart(connection);
        }

        Queue.Remove(userId);
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> RaiseHand(Guid actorId, bool pointOfOrder)
    {
        var actor = await Reader(actorId);
        RequireLive();
        RequirePresent(actorId);
        Queue.Raise(new HandRecord(Person(actor), actor.Role, pointOfOrder, clock.GetUtcNow()));
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> LowerHand(Guid actorId)
    {
        var actor = await Reader(actorId);
        Queue.Lower(actorId);
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
            floor = Queue.Next();
        }
        else
        {
            RequirePresent(userId.Value);
            floor = Queue.HandOf(userId.Value) ?? await AnyoneAt(userId.Value);
        }

        var now = clock.GetUtcNow();
        Queue.Give(floor);
        S.FloorSince = now;
        S.Turns.Add(new FloorTurnRecord(floor.Person, floor.Role, S.Attendance.GetValueOrDefault(floor.Person.Id)?.OrganisationId, S.CurrentItem, now));
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> ClearFloor(Guid actorId)
    {
        var actor = await Reader(actorId);
        RequireLive();
        Queue.ClearFloor(actorId, actor.Role);
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> AllowObserversInQueue(Guid actorId, bool allowed)
    {
        var actor = await Facilitator(actorId);
        Queue.AllowObservers(allowed);
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
        S.Attendance[userId] = new AttendanceRecord(Person(access), access.Role, clock.GetUtcNow(), access.OrganisationId);
        return true;
    }

    private async Task<HandRecord> AnyoneAt(Guid userId)
    {
        var access = await Group.GetMemberAccess(userId);
        return new HandRecord(Person(access), access.Role, false, clock.GetUtcNow());
    }

    /// <summary>Someone's last connection left: their hand goes down (the floor cannot be given to someone absent).</summary>
    private async Task Departed(Guid userId)
    {
        if (_present.Values.Any(p => p.User == userId))
        {
            Announce();
            return;
        }

        await DropAbsentHands();
        Announce();
    }

    private async Task DropAbsentHands()
    {
        var present = _present.Values.Select(p => p.User).ToHashSet();
        if (Queue.DropAbsent(present))
        {
            await state.WriteStateAsync();
        }
    }

    private async Task Save(bool statusChanged = false)
    {
        await state.WriteStateAsync();
        if (statusChanged)
        {
            await Group.SessionChanged(new SessionSummary(SessionId, S.GroupId, S.Title, S.ScheduledStart, S.Status));
        }

        Announce();
    }

    /// <summary>Tells every node with people here that the session changed (one bare message per node; a hint to read again, never the record).</summary>
    private void Announce() => _nodes.Notify(node => node.Changed(SessionId));

    private void StartExpiry() =>
        _expiry ??= this.RegisterGrainTimer(ExpireNodes, new GrainTimerCreationOptions(nodeOptions.Value.SweepEvery, nodeOptions.Value.SweepEvery) { KeepAlive = true });

    /// <summary>Forgets nodes that stopped renewing or died (their people leave the room); stops when nobody is left.</summary>
    private async Task ExpireNodes(CancellationToken cancellation)
    {
        var gone = _nodes.Sweep().Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
        if (gone.Count > 0)
        {
            foreach (var connection in _present.Where(p => gone.Contains(p.Value.Node)).Select(p => p.Key).ToArray())
            {
                _present.Remove(connection);
                _unlisted.Remove(connection);
            }

            await DropAbsentHands();
            Announce();
        }

        if (_nodes.Count == 0)
        {
            _expiry?.Dispose();
            _expiry = null;
        }
    }

    /// <summary>Which agenda items observers may see: those about material they may read, and those about none (a title and a time box).</summary>
    private async Task<bool[]> AgendaVisibleToObservers()
    {
        var visible = await Group.VisibleToObservers(S.Agenda.Select(i => i.TargetId).ToArray());
        return S.Agenda.Select((item, i) => item.Target == AgendaTarget.None || visible[i]).ToArray();
    }

    /// <summary>The session as <paramref name="reader"/> sees it: every person in it goes through the reader's <see cref="Disclosure"/>.</summary>
    private async Task<SessionView> View(GroupMemberAccess reader)
    {
        var disclosure = reader.Disclosure;
        var visible = reader.Role == GroupRole.Observer ? await AgendaVisibleToObservers() : S.Agenda.Select(_ => true).ToArray();
        var agenda = S.Agenda.Select((item, i) => !visible[i] ? new AgendaItemView(item.Id, null, null, null, item.Minutes, true)
            : item.Target == AgendaTarget.None ? new AgendaItemView(item.Id, item.Title, null, null, item.Minutes, false)
            : new AgendaItemView(item.Id, item.Title, item.Target, item.TargetId, item.Minutes, false)).ToArray();
        var present = _present.Values.Select(p => p.User).ToHashSet();
        var poll = CurrentPoll() is { } record && visible[record.Item] ? await PollView(record, reader) : null;
        var minutes = S.MinutesDocumentId is { } minutesId && (reader.Role > GroupRole.Observer
            || (await Group.VisibleToObservers([minutesId]))[0]) ? minutesId : (Guid?)null;
        return new SessionView(
            SessionId, S.GroupId, S.Title, S.ScheduledStart, S.Status, agenda, S.CurrentItem, S.ItemStartedAt,
            Clock.ItemEndsAt(),
            clock.GetUtcNow(),
            S.Queue.Select(h => Hand(h, disclosure, reader.UserId)).ToArray(),
            S.Floor is null ? null : Hand(S.Floor, disclosure, reader.UserId),
            S.ObserversMayQueue,
            S.Attendance.Values.OrderBy(a => a.JoinedAt)
                .Select(a => new AttendanceView(P(a.Person, disclosure), a.Role, a.JoinedAt, present.Contains(a.Person.Id), a.Person.Id == reader.UserId))
                .ToArray(),
            reader.Role,
            reader.UserId,
            await Present(disclosure, reader.UserId),
            poll,
            OrderedQuestions().Select(q => Question(q, disclosure, reader.UserId)).ToArray(),
            !S.QuestionsClosed,
            minutes,
            S.ItemPausedAt,
            S.ItemExtraMinutes,
            S.SpeakingLimitSeconds,
            S.Floor is null ? null : S.FloorSince,
            Clock.FloorEndsAt());
    }

    /// <summary>
    /// Everyone connected now, once each, facilitators first, then by name as the reader sees it
    /// (by organisation for a reader who sees no names, so the order tells nothing about names either).
    /// </summary>
    private async Task<ParticipantInSession[]> Present(Disclosure disclosure, Guid readerId)
    {
        var people = new List<ParticipantInSession>();
        foreach (var userId in _present.Values.Select(p => p.User).Distinct())
        {
            if (!_people.TryGetValue(userId, out var known))
            {
                _people[userId] = known = await Participant(userId);
            }

            if (known is { } p)
            {
                people.Add(new ParticipantInSession(P(p.Person, disclosure), p.Role, userId == readerId));
            }
        }

        return [.. people.OrderByDescending(p => p.Role)
            .ThenBy(p => p.Person.Name ?? string.Empty, StringComparer.CurrentCulture)
            .ThenBy(p => p.Person.Organisation, StringComparer.CurrentCulture)];
    }

    private async Task<(Person, GroupRole)?> Participant(Guid userId)
    {
        try
        {
            var access = await Group.GetMemberAccess(userId);
            return (Person(access), access.Role);
        }
        catch (WorkspaceException)
        {
            return null;
        }
    }

    private static HandView Hand(HandRecord h, Disclosure disclosure, Guid readerId) =>
        new(P(h.Person, disclosure), h.Role, h.PointOfOrder, h.RaisedAt, h.Person.Id == readerId);

    /// <summary>A person of the session as the reader may see them: the one decision, <see cref="Disclosure.Person"/>.</summary>
    private static PersonView P(Person p, Disclosure disclosure) => disclosure.Person(p.Id, p.Name, p.Organisation);

    private static Person Person(GroupMemberAccess a) => new(a.UserId, a.DisplayName, a.Organisation);

    /// <summary>The hands and the floor, as rules over the stored session.</summary>
    private SpeakerQueue Queue => new(S);

    private async Task<GroupMemberAccess> Reader(Guid actorId)
    {
        if (!S.Exists)
        {
            throw WorkspaceException.NotFound(ErrorCodes.SessionNotFound);
        }

        var access = await GroupAccess.Of(Group, actorId, ErrorCodes.SessionNotFound);
        return S.Removed.Contains(actorId) ? throw WorkspaceException.Forbidden(ErrorCodes.SessionRemoved) : access;
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
        if (!_present.Values.Any(p => p.User == userId))
        {
            throw WorkspaceException.Conflict(ErrorCodes.NotPresent);
        }
    }

    private IWorkingGroupGrain Group => GrainFactory.GetGrain<IWorkingGroupGrain>(S.GroupId);
}

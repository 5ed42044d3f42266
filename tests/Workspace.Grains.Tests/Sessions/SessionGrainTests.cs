using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Tests.Infrastructure;
using Workspace.Grains.Tests.Recommendations;

namespace Workspace.Grains.Tests.Sessions;

[Collection(ClusterCollection.Name)]
public sealed class SessionGrainTests(ClusterFixture fixture)
{
    private sealed record Room(RecommendationScenario S, ISessionGrain Session, Guid SecretId, Guid PublicId);

    /// <summary>A session whose agenda has a members-only recommendation and an observer-visible document.</summary>
    private async Task<Room> Plan()
    {
        var s = await RecommendationScenario.Create(fixture);
        var secret = await s.G.CreateRecommendation(s.Group.Member.Id, RecommendationScenario.Facts(DocumentVisibility.Members) with { Title = "Witness identities" }, "");
        var shared = await s.G.CreateDocument(s.Group.Facilitator.Id, "Public agenda notes", DocumentVisibility.Observers);
        var summary = await s.G.CreateSession(s.Group.Facilitator.Id, new SessionPlan("Roundtable day 1", fixture.Clock.GetUtcNow().AddHours(1),
        [
            new AgendaItemInput("Witness identities", AgendaTarget.Recommendation, secret.Id, 20),
            new AgendaItemInput("Notes", AgendaTarget.Document, shared.Id, 10),
        ]));
        return new Room(s, fixture.Grains.GetGrain<ISessionGrain>(summary.Id), secret.Id, shared.Id);
    }

    [Fact]
    public async Task Facilitators_plan_start_focus_and_end_with_one_server_clock()
    {
        var (s, session, _, _) = await Plan();
        await session.Join(s.Group.Member.Id, "m1", "node", fixture.SessionNode());

        var started = await session.Start(s.Group.Facilitator.Id);
        fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        var focused = await session.Focus(s.Group.Facilitator.Id, 1);
        var ended = await session.End(s.Group.Facilitator.Id);

        Assert.Equal((SessionStatus.Live, 0), (started.Status, started.CurrentItem));
        Assert.Equal(started.ItemStartedAt!.Value.AddMinutes(20), started.ItemEndsAt);
        Assert.Equal(1, focused.CurrentItem);
        Assert.Equal(fixture.Clock.GetUtcNow().AddMinutes(10), focused.ItemEndsAt);
        Assert.Equal(SessionStatus.Ended, ended.Status);
        Assert.Equal(["Mateo"], ended.Attendance.Select(a => a.Person.Name!).ToArray()); // joined before the start, counted at the start
        Assert.Equal(SessionStatus.Ended, (await s.G.GetSessions(s.Group.Observer.Id)).Single().Status);

        var again = await Assert.ThrowsAsync<WorkspaceException>(() => session.Start(s.Group.Facilitator.Id));
        Assert.Equal(ErrorCodes.SessionTransitionIllegal, again.Code);
    }

    [Fact]
    public async Task A_node_renewal_overtaken_by_a_join_or_a_departure_neither_drops_nor_brings_back_anyone()
    {
        var (s, session, _, _) = await Plan();
        var node = fixture.SessionNode();
        var (facilitator, member, observer) = (s.Group.Facilitator.Id, s.Group.Member.Id, s.Group.Observer.Id);
        await session.Join(facilitator, "f", "node-r", node);
        await session.Join(observer, "o", "node-r", node);
        var listedEarlier = new[] { new SessionConnection("f", facilitator), new SessionConnection("o", observer) };

        // The member joins and the observer leaves after the node took its list, before the list arrives.
        await session.Join(member, "m", "node-r", node);
        await session.Leave("o");
        await session.Renew("node-r", node, listedEarlier);
        Assert.Equal(new[] { facilitator, member }.Order(), Present(await session.Get(facilitator)));

        // The node's next list has the member. If it then stops listing them (their goodbye was lost),
        // they are removed at the second renewal without them.
        await session.Renew("node-r", node, [new SessionConnection("f", facilitator), new SessionConnection("m", member)]);
        await session.Renew("node-r", node, [new SessionConnection("f", facilitator)]);
        Assert.Equal(new[] { facilitator, member }.Order(), Present(await session.Get(facilitator)));
        await session.Renew("node-r", node, [new SessionConnection("f", facilitator)]);
        Assert.Equal([facilitator], Present(await session.Get(facilitator)));

        // A connection the session does not know (it was reactivated) is learnt from the renewal.
        await session.Renew("node-r", node, [new SessionConnection("f", facilitator), new SessionConnection("m2", member)]);
        Assert.Equal(new[] { facilitator, member }.Order(), Present(await session.Get(facilitator)));
    }

    private static Guid[] Present(SessionView view) => [.. view.Present.Select(p => p.Person.Id!.Value).Order()];

    [Fact]
    public async Task Only_facilitators_run_the_session_and_strangers_do_not_find_it()
    {
        var (s, session, _, _) = await Plan();

        var member = await Assert.ThrowsAsync<WorkspaceException>(() => session.Start(s.Group.Member.Id));
        var stranger = await Assert.ThrowsAsync<WorkspaceException>(() => session.Get(s.Group.Stranger.Id));
        var focusBeforeStart = await Assert.ThrowsAsync<WorkspaceException>(() => session.Focus(s.Group.Facilitator.Id, 0));
        await session.Start(s.Group.Facilitator.Id);
        var outOfRange = await Assert.ThrowsAsync<WorkspaceException>(() => session.Focus(s.Group.Facilitator.Id, 2));
        var planByMember = await Assert.ThrowsAsync<WorkspaceException>(() => s.G.CreateSession(s.Group.Member.Id, new SessionPlan("X", DateTimeOffset.UtcNow, [])));

        Assert.Equal(
            (ErrorCodes.FacilitatorOnly, ErrorCodes.SessionNotFound, ErrorCodes.SessionNotLive, ErrorCodes.AgendaItemUnknown, ErrorCodes.FacilitatorOnly),
            (member.Code, stranger.Code, focusBeforeStart.Code, outOfRange.Code, planByMember.Code));
        Assert.Equal(0, (await session.Get(s.Group.Member.Id)).CurrentItem);
    }

    [Fact]
    public async Task An_agenda_must_point_at_the_groups_own_material()
    {
        var s = await RecommendationScenario.Create(fixture);

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => s.G.CreateSession(s.Group.Facilitator.Id, new SessionPlan("", DateTimeOffset.UtcNow,
            [new AgendaItemInput("Elsewhere", AgendaTarget.Document, Guid.NewGuid(), 0)])));

        Assert.Equal(
            [("agenda", ErrorCodes.AgendaTargetUnknown), ("agenda", ErrorCodes.OutOfRange), ("title", ErrorCodes.Required)],
            error.FieldErrors.Select(e => (e.Field, e.Code)).Order().ToArray());
        Assert.Empty(await s.G.GetSessions(s.Group.Facilitator.Id));
    }

    [Fact]
    public async Task An_item_with_nothing_to_open_is_a_name_and_a_time_that_observers_see_and_that_keeps_the_minutes_open_to_them()
    {
        var s = await RecommendationScenario.Create(fixture);
        var notes = await s.G.CreateDocument(s.Group.Facilitator.Id, "Public agenda notes", DocumentVisibility.Observers);
        var withId = await Assert.ThrowsAsync<WorkspaceException>(() => s.G.CreateSession(s.Group.Facilitator.Id, new SessionPlan("Day 2", fixture.Clock.GetUtcNow(),
            [new AgendaItemInput("Welcome", AgendaTarget.None, notes.Id, 5)])));
        var unnamed = await Assert.ThrowsAsync<WorkspaceException>(() => s.G.CreateSession(s.Group.Facilitator.Id, new SessionPlan("Day 2", fixture.Clock.GetUtcNow(),
            [new AgendaItemInput(" ", AgendaTarget.None, Guid.Empty, 5)])));
        var summary = await s.G.CreateSession(s.Group.Facilitator.Id, new SessionPlan("Day 2", fixture.Clock.GetUtcNow(),
        [
            new AgendaItemInput("Welcome", AgendaTarget.None, Guid.Empty, 5),
            new AgendaItemInput("Notes", AgendaTarget.Document, notes.Id, 10),
        ]));
        var session = fixture.Grains.GetGrain<ISessionGrain>(summary.Id);

        var observer = await session.Get(s.Group.Observer.Id);
        await session.Start(s.Group.Facilitator.Id);
        var ended = await session.End(s.Group.Facilitator.Id);

        Assert.Equal(ErrorCodes.AgendaTargetUnknown, withId.FieldErrors.Single().Code);
        Assert.Equal(ErrorCodes.Required, unnamed.FieldErrors.Single().Code);
        Assert.Equal((false, "Welcome", (AgendaTarget?)null, (Guid?)null, 5),
            (observer.Agenda[0].Hidden, observer.Agenda[0].Title, observer.Agenda[0].Target, observer.Agenda[0].TargetId, observer.Agenda[0].Minutes));
        Assert.NotNull((await session.Get(s.Group.Observer.Id)).MinutesDocumentId); // nothing members-only on the agenda: observers may read the minutes
        Assert.NotNull(ended.MinutesDocumentId);
    }

    [Fact]
    public async Task Observers_see_the_running_order_but_not_what_members_only_items_are()
    {
        var (s, session, secretId, publicId) = await Plan();

        var observer = await session.Get(s.Group.Observer.Id);
        var member = await session.Get(s.Group.Member.Id);

        Assert.Equal((true, (string?)null, (Guid?)null, 20), (observer.Agenda[0].Hidden, observer.Agenda[0].Title, observer.Agenda[0].TargetId, observer.Agenda[0].Minutes));
        Assert.Equal(("Notes", (Guid?)publicId), (observer.Agenda[1].Title, observer.Agenda[1].TargetId));
        Assert.Equal(("Witness identities", (Guid?)secretId), (member.Agenda[0].Title, member.Agenda[0].TargetId));
    }

    [Fact]
    public async Task The_speaker_queue_puts_points_of_order_first_and_gives_the_floor_only_to_people_present()
    {
        var (s, session, _, _) = await Plan();
        foreach (var (user, connection) in new[] { (s.Group.Member.Id, "m"), (s.SecondMember.Id, "l"), (s.Group.Observer.Id, "o"), (s.Group.Facilitator.Id, "f") })
        {
            await session.Join(user, connection, "node", fixture.SessionNode());
        }

        var notLive = await Assert.ThrowsAsync<WorkspaceException>(() => session.RaiseHand(s.Group.Member.Id, false));
        await session.Start(s.Group.Facilitator.Id);
        await session.RaiseHand(s.Group.Member.Id, false);
        var twice = await Assert.ThrowsAsync<WorkspaceException>(() => session.RaiseHand(s.Group.Member.Id, false));
        var observerBlocked = await Assert.ThrowsAsync<WorkspaceException>(() => session.RaiseHand(s.Group.Observer.Id, false));
        await session.AllowObserversInQueue(s.Group.Facilitator.Id, true);
        await session.RaiseHand(s.Group.Observer.Id, false);
        var queued = await session.RaiseHand(s.SecondMember.Id, pointOfOrder: true);

        Assert.Equal(["Lucia", "Mateo", "Olga"], queued.Queue.Select(h => h.Person.Name!).ToArray());
        Assert.True(queued.Queue[0].PointOfOrder);
        Assert.Equal(GroupRole.Observer, queued.Queue[2].Role);

        var next = await session.GiveFloor(s.Group.Facilitator.Id, null);
        Assert.Equal("Lucia", next.Floor!.Person.Name);
        Assert.Equal(["Mateo", "Olga"], next.Queue.Select(h => h.Person.Name!).ToArray());

        // Someone who left cannot be given the floor, and their hand went down with them.
        await session.Leave("o");
        var absent = await Assert.ThrowsAsync<WorkspaceException>(() => session.GiveFloor(s.Group.Facilitator.Id, s.Group.Observer.Id));
        var byMember = await Assert.ThrowsAsync<WorkspaceException>(() => session.GiveFloor(s.Group.Member.Id, null));
        var lowered = await session.LowerHand(s.Group.Member.Id);
        var notRaised = await Assert.ThrowsAsync<WorkspaceException>(() => session.LowerHand(s.Group.Member.Id));
        var empty = await Assert.ThrowsAsync<WorkspaceException>(() => session.GiveFloor(s.Group.Facilitator.Id, null));

        Assert.Equal(
            (ErrorCodes.SessionNotLive, ErrorCodes.HandAlreadyRaised, ErrorCodes.ObserversMayNotQueue, ErrorCodes.NotPresent, ErrorCodes.FacilitatorOnly, ErrorCodes.HandNotRaised, ErrorCodes.QueueEmpty),
            (notLive.Code, twice.Code, observerBlocked.Code, absent.Code, byMember.Code, notRaised.Code, empty.Code));
        Assert.Empty(lowered.Queue);
        Assert.Equal("Lucia", lowered.Floor!.Person.Name);
        var attendance = (await session.Get(s.Group.Facilitator.Id)).Attendance;
        Assert.Equal(4, attendance.Count);
        Assert.False(attendance.Single(a => a.Person.Name == "Olga").Present);
        Assert.Equal("Olga Org", attendance.Single(a => a.Role == GroupRole.Observer).Person.Organisation);
    }
}

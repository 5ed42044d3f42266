using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Tests.Infrastructure;
using Workspace.Grains.Tests.Recommendations;

namespace Workspace.Grains.Tests.Sessions;

/// <summary>Pausing, resuming and extending the current item, and the speaking-time limit (issue 20).</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionTimingTests(ClusterFixture fixture)
{
    /// <summary>A live session with a 20-minute item and a 10-minute one; facilitator, member and observer present.</summary>
    private async Task<SessionRoom> Live(bool start = true)
    {
        var s = await RecommendationScenario.Create(fixture);
        var notes = await s.G.CreateDocument(s.Group.Facilitator.Id, "Notes", DocumentVisibility.Observers);
        var summary = await s.G.CreateSession(s.Group.Facilitator.Id, new SessionPlan("Timed", fixture.Clock.GetUtcNow(),
        [
            new AgendaItemInput("Welcome", AgendaTarget.None, Guid.Empty, 20),
            new AgendaItemInput("Notes", AgendaTarget.Document, notes.Id, 10),
        ]));
        var session = fixture.Grains.GetGrain<ISessionGrain>(summary.Id);
        var room = new SessionRoom(s, session);
        foreach (var (user, connection) in new[] { (room.Facilitator, "f"), (room.Member, "m"), (room.Observer, "o") })
        {
            await session.Join(user, connection, "node", fixture.SessionNode());
        }

        if (start)
        {
            await session.Start(room.Facilitator);
        }

        return room;
    }

    [Fact]
    public async Task A_pause_stops_the_countdown_and_resuming_moves_the_end_by_the_pause()
    {
        var room = await Live();
        var started = await room.Session.Get(room.Member);
        var end = started.ItemEndsAt!.Value;

        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var paused = await room.Session.PauseItem(room.Facilitator);
        fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        var whilePaused = await room.Session.Get(room.Observer);
        var twice = await Assert.ThrowsAsync<WorkspaceException>(() => room.Session.PauseItem(room.Facilitator));
        var resumed = await room.Session.ResumeItem(room.Facilitator);
        var again = await Assert.ThrowsAsync<WorkspaceException>(() => room.Session.ResumeItem(room.Facilitator));

        Assert.Equal(fixture.Clock.GetUtcNow() - TimeSpan.FromMinutes(3), paused.ItemPausedAt);
        Assert.Equal(TimeSpan.FromMinutes(15), whilePaused.ItemEndsAt!.Value - whilePaused.ItemPausedAt!.Value); // frozen: 15 minutes left
        Assert.Null(resumed.ItemPausedAt);
        Assert.Equal(end.AddMinutes(3), resumed.ItemEndsAt);
        Assert.Equal((ErrorCodes.ItemAlreadyPaused, ErrorCodes.ItemNotPaused), (twice.Code, again.Code));
    }

    [Fact]
    public async Task Extending_adds_minutes_and_moving_on_starts_the_next_item_afresh()
    {
        var room = await Live();
        var end = (await room.Session.Get(room.Facilitator)).ItemEndsAt!.Value;

        await room.Session.ExtendItem(room.Facilitator, 1);
        var extended = await room.Session.ExtendItem(room.Facilitator, 5);
        await room.Session.PauseItem(room.Facilitator);
        var next = await room.Session.Focus(room.Facilitator, 1);

        Assert.Equal((end.AddMinutes(6), 6), (extended.ItemEndsAt, extended.ItemExtraMinutes));
        Assert.Equal((fixture.Clock.GetUtcNow().AddMinutes(10), 0, (DateTimeOffset?)null), (next.ItemEndsAt, next.ItemExtraMinutes, next.ItemPausedAt));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(241)]
    public async Task Bad_minutes_are_refused_with_a_typed_error_and_change_nothing(int minutes)
    {
        var room = await Live();
        var before = await room.Session.Get(room.Facilitator);

        var refused = await Assert.ThrowsAsync<WorkspaceException>(() => room.Session.ExtendItem(room.Facilitator, minutes));

        Assert.Equal((ErrorKind.Validation, ErrorCodes.OutOfRange), (refused.Kind, refused.Code));
        Assert.Equal(("minutes", ErrorCodes.OutOfRange), (refused.FieldErrors.Single().Field, refused.FieldErrors.Single().Code));
        Assert.Equal(before.ItemEndsAt, (await room.Session.Get(room.Facilitator)).ItemEndsAt);
    }

    [Fact]
    public async Task Only_facilitators_pause_extend_or_limit_and_only_while_live()
    {
        var room = await Live(start: false);
        var scheduled = await Assert.ThrowsAsync<WorkspaceException>(() => room.Session.PauseItem(room.Facilitator));
        await room.Session.Start(room.Facilitator);

        var refusals = new List<string>();
        foreach (var who in new[] { room.Member, room.Observer })
        {
            foreach (var call in new Func<Task>[]
            {
                () => room.Session.PauseItem(who), () => room.Session.ResumeItem(who), () => room.Session.ExtendItem(who, 5),
                () => room.Session.SetSpeakingLimit(who, 120),
            })
            {
                refusals.Add((await Assert.ThrowsAsync<WorkspaceException>(call)).Code);
            }
        }

        var view = await room.Session.Get(room.Facilitator);
        Assert.Equal(ErrorCodes.SessionNotLive, scheduled.Code);
        Assert.All(refusals, code => Assert.Equal(ErrorCodes.FacilitatorOnly, code));
        Assert.Equal(((DateTimeOffset?)null, 0, (int?)null), (view.ItemPausedAt, view.ItemExtraMinutes, view.SpeakingLimitSeconds));
    }

    [Fact]
    public async Task The_speaking_limit_gives_each_turn_an_end_shown_to_everyone_and_nobody_is_cut_off()
    {
        var room = await Live();
        var limited = await room.Session.SetSpeakingLimit(room.Facilitator, 120);
        await room.Session.GiveFloor(room.Facilitator, room.Member);
        var given = fixture.Clock.GetUtcNow();
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var member = await room.Session.Get(room.Member);
        var observer = await room.Session.Get(room.Observer);
        var tooShort = await Assert.ThrowsAsync<WorkspaceException>(() => room.Session.SetSpeakingLimit(room.Facilitator, 5));
        var none = await room.Session.SetSpeakingLimit(room.Facilitator, null);

        Assert.Equal((int?)120, limited.SpeakingLimitSeconds);
        Assert.Null(limited.FloorEndsAt); // nobody speaking yet
        Assert.Equal((given, given.AddMinutes(2)), (member.FloorSince!.Value, member.FloorEndsAt!.Value));
        Assert.True(member.Floor!.Mine); // over time, still speaking
        Assert.Equal(member.FloorEndsAt, observer.FloorEndsAt);
        Assert.Equal(("seconds", ErrorCodes.OutOfRange), (tooShort.FieldErrors.Single().Field, tooShort.FieldErrors.Single().Code));
        Assert.Equal(((int?)null, (DateTimeOffset?)null, given), (none.SpeakingLimitSeconds, none.FloorEndsAt, none.FloorSince!.Value));
    }
}

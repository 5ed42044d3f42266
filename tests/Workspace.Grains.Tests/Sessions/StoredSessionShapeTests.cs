using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Recommendations;
using Workspace.Grains.Sessions;

namespace Workspace.Grains.Tests.Sessions;

/// <summary>Session state written before pause/extend, speaking-time limits and floor records still loads (issue 20).</summary>
public sealed class StoredSessionShapeTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    internal static SessionState Sample()
    {
        var at = new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);
        var ana = new Person(Guid.Parse("00000000-0000-0000-0000-00000000000a"), "Ana", "Ana Org");
        return new SessionState
        {
            Exists = true,
            GroupId = Guid.Parse("00000000-0000-0000-0000-0000000000a1"),
            Title = "Roundtable",
            ScheduledStart = at,
            Status = SessionStatus.Live,
            Agenda = [new AgendaItemRecord(Guid.Parse("00000000-0000-0000-0000-0000000000b1"), "Welcome", AgendaTarget.None, Guid.Empty, 10)],
            CurrentItem = 0,
            ItemStartedAt = at,
            Floor = new HandRecord(ana, GroupRole.Member, false, at),
            Attendance = { [ana.Id] = new AttendanceRecord(ana, GroupRole.Member, at, Guid.Parse("00000000-0000-0000-0000-0000000000c1")) },
            StartedAt = at,
            Questions = [new QuestionRecord(Guid.Parse("00000000-0000-0000-0000-0000000000d1"), ana, GroupRole.Member, "Budget?", at, [], QuestionStatus.Answered, false)],
        };
    }

    /// <summary><see cref="Sample"/> as the Orleans serializer stored it before issue 20's fields existed (captured from commit d437da9).</summary>
    private const string StoredBefore =
        "IAADQSEAAAAAAAAAAAAAAAAAAAChQRVSb3VuZHRhYmxlIYAAMK5js0/fCIEAAAAAAAAAAOABBSEAAyHoQCEAAAAAAAAAAAAAAAAAAACxQQ9XZWxjb21lAQlBIQAAAAAAAAAAAAAAAAAAAAABKeDgAQEhgAAwrmOzT98IgQAAAAAAAAAA4CHgIegg6EAhAAAAAAAAAAAAAAAAAAAACkEHQW5hQQ9BbmEgT3Jn4AEFAQEhgAAwrmOzT98IgQAAAAAAAAAA4OABASEBA0EhAAAAAAAAAAAAAAAAAAAACiDowC8BBSGAADCuY7NP3wiBAAAAAAAAAADgQSEAAAAAAAAAAAAAAAAAAADB4OAhgAAwrmOzT98IgQAAAAAAAAAA4MEBIeAh4CEAAyHoQCEAAAAAAAAAAAAAAAAAAADRwS8BBUEPQnVkZ2V0PyGAADCuY7NP3wiBAAAAAAAAAADgIeABBQEB4OABAcEB4A==";

    [Fact]
    public void A_session_stored_before_pause_extend_limits_and_floor_records_loads_running_unextended_and_unlimited()
    {
        var state = Serializer.Deserialize<SessionState>(Convert.FromBase64String(StoredBefore))!;
        var sample = Sample();

        Assert.Equal((sample.Title, sample.Status, sample.CurrentItem, sample.ItemStartedAt), (state.Title, state.Status, state.CurrentItem, state.ItemStartedAt));
        Assert.Equal(sample.Attendance.Values.Single().OrganisationId, state.Attendance.Values.Single().OrganisationId);
        Assert.Equal((null, TimeSpan.Zero, 0, null, null), (state.ItemPausedAt, state.ItemPausedFor, state.ItemExtraMinutes, state.SpeakingLimitSeconds, state.FloorSince));
        Assert.NotNull(state.Turns);
        Assert.Empty(state.Turns);
        var question = state.Questions.Single();
        Assert.Equal((QuestionStatus.Answered, (int?)null, (string?)null), (question.Status, question.AnsweredDuring, question.AnswerNote));

        // The rules work on it as on a new one: the time box ends where it always did, and it can be paused and extended.
        var clock = new ItemClock(state);
        Assert.Equal(sample.ItemStartedAt!.Value.AddMinutes(10), clock.ItemEndsAt());
        Assert.Null(clock.FloorEndsAt());
        clock.Pause(sample.ItemStartedAt.Value.AddMinutes(4));
        clock.Resume(sample.ItemStartedAt.Value.AddMinutes(6));
        clock.Extend(5);
        Assert.Equal(sample.ItemStartedAt.Value.AddMinutes(17), clock.ItemEndsAt());
    }

    [Fact]
    public void A_session_with_the_new_fields_round_trips()
    {
        var state = Sample();
        state.ItemPausedAt = state.StartedAt!.Value.AddMinutes(2);
        state.ItemPausedFor = TimeSpan.FromSeconds(30);
        state.ItemExtraMinutes = 5;
        state.SpeakingLimitSeconds = 120;
        state.FloorSince = state.StartedAt.Value.AddMinutes(1);
        state.Turns.Add(new FloorTurnRecord(state.Floor!.Person, GroupRole.Member, Guid.NewGuid(), 0, state.FloorSince.Value));
        state.Questions[0] = state.Questions[0] with { AnsweredDuring = 0, AnswerNote = "In March." };

        var back = Serializer.Deserialize<SessionState>(Serializer.SerializeToArray(state))!;

        Assert.Equal((state.ItemPausedAt, state.ItemPausedFor, 5, (int?)120, state.FloorSince), (back.ItemPausedAt, back.ItemPausedFor, back.ItemExtraMinutes, back.SpeakingLimitSeconds, back.FloorSince));
        Assert.Equal(state.Turns, back.Turns);
        Assert.Equal((0, "In March."), (back.Questions[0].AnsweredDuring, back.Questions[0].AnswerNote));
    }
}

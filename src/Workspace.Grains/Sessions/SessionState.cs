using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Recommendations;

namespace Workspace.Grains.Sessions;

/// <summary>Stored state of one facilitated session (who is connected right now is kept in memory only).</summary>
[GenerateSerializer, Alias("Workspace.SessionState")]
public sealed class SessionState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public Guid GroupId { get; set; }
    [Id(2)] public string Title { get; set; } = string.Empty;
    [Id(3)] public DateTimeOffset ScheduledStart { get; set; }
    [Id(4)] public SessionStatus Status { get; set; }
    [Id(5)] public List<AgendaItemRecord> Agenda { get; set; } = [];
    [Id(6)] public int? CurrentItem { get; set; }
    [Id(7)] public DateTimeOffset? ItemStartedAt { get; set; }
    [Id(8)] public List<HandRecord> Queue { get; set; } = [];
    [Id(9)] public HandRecord? Floor { get; set; }
    [Id(10)] public bool ObserversMayQueue { get; set; }
    [Id(11)] public Dictionary<Guid, AttendanceRecord> Attendance { get; set; } = [];
    [Id(12)] public DateTimeOffset? StartedAt { get; set; }
    [Id(13)] public DateTimeOffset? EndedAt { get; set; }
    [Id(14)] public HashSet<Guid> Removed { get; set; } = [];
    [Id(15)] public List<SessionPollRecord> Polls { get; set; } = [];
    [Id(16)] public List<QuestionRecord> Questions { get; set; } = [];
    [Id(17)] public bool QuestionsClosed { get; set; }
    [Id(18)] public Guid? MinutesDocumentId { get; set; }

    // Issue 20: pausing and extending the current item, a speaking-time limit, who had the floor.
    // State written before these loads with none of them: running, no extension, no limit, no turns.

    /// <summary>When the current item's countdown was paused; null while it runs.</summary>
    [Id(19)] public DateTimeOffset? ItemPausedAt { get; set; }

    /// <summary>How long the current item's countdown has been paused in earlier pauses (the one under way not included).</summary>
    [Id(20)] public TimeSpan ItemPausedFor { get; set; }

    /// <summary>Minutes the facilitators added to the current item's time box.</summary>
    [Id(21)] public int ItemExtraMinutes { get; set; }

    /// <summary>How long one turn at the floor may last, in seconds; null: no limit. Shown, never enforced.</summary>
    [Id(22)] public int? SpeakingLimitSeconds { get; set; }

    /// <summary>When the current speaker was given the floor.</summary>
    [Id(23)] public DateTimeOffset? FloorSince { get; set; }

    /// <summary>Every turn at the floor, in order, for the minutes.</summary>
    [Id(24)] public List<FloorTurnRecord> Turns { get; set; } = [];
}

/// <summary>One turn at the floor: who, during which agenda item, from when; the organisation by id, named as it is when the minutes are written.</summary>
[GenerateSerializer, Alias("Workspace.FloorTurnRecord")]
public sealed record FloorTurnRecord(
    [property: Id(0)] Person Person,
    [property: Id(1)] GroupRole Role,
    [property: Id(2)] Guid? OrganisationId,
    [property: Id(3)] int? Item,
    [property: Id(4)] DateTimeOffset At);

/// <summary>
/// A poll held on an agenda item. On a recommendation it is the thread's own poll (same id; the
/// thread keeps the votes and the tally is copied when it closes); otherwise the session keeps the votes.
/// </summary>
[GenerateSerializer, Alias("Workspace.SessionPollRecord")]
public sealed record SessionPollRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] int Item,
    [property: Id(2)] Guid? RecommendationId,
    [property: Id(3)] string Question,
    [property: Id(4)] DateTimeOffset OpenedAt,
    [property: Id(5)] DateTimeOffset? ClosedAt,
    [property: Id(6)] Dictionary<Guid, PollChoice> Votes,
    [property: Id(7)] PollTally? FinalTally);

[GenerateSerializer, Alias("Workspace.QuestionRecord")]
public sealed record QuestionRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Person Author,
    [property: Id(2)] GroupRole AuthorRole,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] HashSet<Guid> Upvoters,
    [property: Id(6)] QuestionStatus Status,
    [property: Id(7)] bool Pinned,
    [property: Id(8)] int? AnsweredDuring = null,
    [property: Id(9)] string? AnswerNote = null);

[GenerateSerializer, Alias("Workspace.AgendaItemRecord")]
public sealed record AgendaItemRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Title,
    [property: Id(2)] AgendaTarget Target,
    [property: Id(3)] Guid TargetId,
    [property: Id(4)] int Minutes);

[GenerateSerializer, Alias("Workspace.HandRecord")]
public sealed record HandRecord(
    [property: Id(0)] Person Person,
    [property: Id(1)] GroupRole Role,
    [property: Id(2)] bool PointOfOrder,
    [property: Id(3)] DateTimeOffset RaisedAt);

[GenerateSerializer, Alias("Workspace.AttendanceRecord")]
public sealed record AttendanceRecord(
    [property: Id(0)] Person Person,
    [property: Id(1)] GroupRole Role,
    [property: Id(2)] DateTimeOffset JoinedAt,
    [property: Id(3)] Guid? OrganisationId = null);

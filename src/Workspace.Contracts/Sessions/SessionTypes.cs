using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;

namespace Workspace.Contracts.Sessions;

/// <summary>Where a facilitated session is: <c>scheduled → live → ended</c>.</summary>
[GenerateSerializer, Alias("Workspace.SessionStatus")]
public enum SessionStatus
{
    Scheduled = 0,
    Live = 1,
    Ended = 2,
}

/// <summary>What an agenda item is about.</summary>
[GenerateSerializer, Alias("Workspace.AgendaTarget")]
public enum AgendaTarget
{
    Document = 0,
    Recommendation = 1,

    /// <summary>Nothing to open: a title and a time box ("Welcome", "Any other business"); its target id is empty.</summary>
    None = 2,
}

/// <summary>An agenda item as a facilitator gives it.</summary>
[GenerateSerializer, Alias("Workspace.AgendaItemInput")]
public sealed record AgendaItemInput(
    [property: Id(0)] string Title,
    [property: Id(1)] AgendaTarget Target,
    [property: Id(2)] Guid TargetId,
    [property: Id(3)] int Minutes);

/// <summary>The facts of a new session.</summary>
[GenerateSerializer, Alias("Workspace.SessionPlan")]
public sealed record SessionPlan(
    [property: Id(0)] string Title,
    [property: Id(1)] DateTimeOffset ScheduledStart,
    [property: Id(2)] IReadOnlyList<AgendaItemInput> Agenda);

/// <summary>
/// An agenda item as one reader sees it. Items about something the reader may not see are
/// listed without title or target (<see cref="Hidden"/>), so the running order stays the same for everyone.
/// </summary>
[GenerateSerializer, Alias("Workspace.AgendaItemView")]
public sealed record AgendaItemView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string? Title,
    [property: Id(2)] AgendaTarget? Target,
    [property: Id(3)] Guid? TargetId,
    [property: Id(4)] int Minutes,
    [property: Id(5)] bool Hidden);

/// <summary>A raised hand or the floor; <see cref="Person"/> as the reader may see them, <see cref="Mine"/> when it is the reader's.</summary>
[GenerateSerializer, Alias("Workspace.HandView")]
public sealed record HandView(
    [property: Id(0)] PersonView Person,
    [property: Id(1)] GroupRole Role,
    [property: Id(2)] bool PointOfOrder,
    [property: Id(3)] DateTimeOffset RaisedAt,
    [property: Id(4)] bool Mine);

/// <summary>Someone who came to the session, as the reader may see them.</summary>
[GenerateSerializer, Alias("Workspace.AttendanceView")]
public sealed record AttendanceView(
    [property: Id(0)] PersonView Person,
    [property: Id(1)] GroupRole Role,
    [property: Id(2)] DateTimeOffset JoinedAt,
    [property: Id(3)] bool Present,
    [property: Id(4)] bool Mine);

/// <summary>
/// A facilitated session as one reader sees it; times are the server's, so every screen counts down alike.
/// Every person in it is as the reader's <see cref="Disclosure"/> shows them (observers of a group that hides
/// names get organisations and roles only); <see cref="MyId"/> is the reader's own id, and the <c>Mine</c> flags
/// tell the reader which entries are theirs without ids.
/// While <see cref="ItemPausedAt"/> is set the countdown stands still: the time left is <c>ItemEndsAt − ItemPausedAt</c>.
/// <see cref="ItemEndsAt"/> counts <see cref="ItemExtraMinutes"/> and earlier pauses. <see cref="FloorEndsAt"/> is when
/// the speaker's turn reaches <see cref="SpeakingLimitSeconds"/> (never enforced: "time is up" is shown, nobody is cut off).
/// </summary>
[GenerateSerializer, Alias("Workspace.SessionView")]
public sealed record SessionView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid GroupId,
    [property: Id(2)] string Title,
    [property: Id(3)] DateTimeOffset ScheduledStart,
    [property: Id(4)] SessionStatus Status,
    [property: Id(5)] IReadOnlyList<AgendaItemView> Agenda,
    [property: Id(6)] int? CurrentItem,
    [property: Id(7)] DateTimeOffset? ItemStartedAt,
    [property: Id(8)] DateTimeOffset? ItemEndsAt,
    [property: Id(9)] DateTimeOffset ServerNow,
    [property: Id(10)] IReadOnlyList<HandView> Queue,
    [property: Id(11)] HandView? Floor,
    [property: Id(12)] bool ObserversMayQueue,
    [property: Id(13)] IReadOnlyList<AttendanceView> Attendance,
    [property: Id(14)] GroupRole MyRole,
    [property: Id(15)] Guid MyId,
    [property: Id(16)] IReadOnlyList<ParticipantInSession> Present,
    [property: Id(17)] SessionPollView? Poll,
    [property: Id(18)] IReadOnlyList<QuestionView> Questions,
    [property: Id(19)] bool QuestionsOpen,
    [property: Id(20)] Guid? MinutesDocumentId,
    [property: Id(21)] DateTimeOffset? ItemPausedAt,
    [property: Id(22)] int ItemExtraMinutes,
    [property: Id(23)] int? SpeakingLimitSeconds,
    [property: Id(24)] DateTimeOffset? FloorSince,
    [property: Id(25)] DateTimeOffset? FloorEndsAt);

/// <summary>Someone connected to the live session now (observers are marked by their role), as the reader may see them.</summary>
[GenerateSerializer, Alias("Workspace.ParticipantInSession")]
public sealed record ParticipantInSession(
    [property: Id(0)] PersonView Person,
    [property: Id(1)] GroupRole Role,
    [property: Id(2)] bool Mine);

/// <summary>
/// The poll on the current agenda item: the recommendation thread's consensus poll when the
/// item is a thread, otherwise the session's own consensus check. Results are live.
/// </summary>
[GenerateSerializer, Alias("Workspace.SessionPollView")]
public sealed record SessionPollView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] int Item,
    [property: Id(2)] Guid? RecommendationId,
    [property: Id(3)] string Question,
    [property: Id(4)] bool Open,
    [property: Id(5)] PollTally Tally,
    [property: Id(6)] PollChoice? MyChoice);

/// <summary>Where a question of the Q&amp;A stands.</summary>
[GenerateSerializer, Alias("Workspace.QuestionStatus")]
public enum QuestionStatus
{
    Open = 0,
    Answered = 1,
    Dismissed = 2,
}

/// <summary>A question of the session's Q&amp;A: pinned first, then open ones by upvotes.</summary>
[GenerateSerializer, Alias("Workspace.QuestionView")]
public sealed record QuestionView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] PersonView Author,
    [property: Id(2)] GroupRole AuthorRole,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] int Upvotes,
    [property: Id(6)] bool UpvotedByMe,
    [property: Id(7)] bool Mine,
    [property: Id(8)] QuestionStatus Status,
    [property: Id(9)] bool Pinned,
    [property: Id(10)] string? AnswerNote = null);

/// <summary>This node's connections in a session, as the node re-announces them.</summary>
[GenerateSerializer, Alias("Workspace.SessionConnection")]
public sealed record SessionConnection(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] Guid UserId);

/// <summary>A session as its group lists it.</summary>
[GenerateSerializer, Alias("Workspace.SessionSummary")]
public sealed record SessionSummary(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid GroupId,
    [property: Id(2)] string Title,
    [property: Id(3)] DateTimeOffset ScheduledStart,
    [property: Id(4)] SessionStatus Status);

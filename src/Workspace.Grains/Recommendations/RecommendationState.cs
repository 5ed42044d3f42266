using Workspace.Contracts.Organisations;
using Workspace.Contracts.Recommendations;

namespace Workspace.Grains.Recommendations;

/// <summary>Stored state of one recommendation thread (its body is a document of its own).</summary>
[GenerateSerializer, Alias("Workspace.RecommendationState")]
public sealed class RecommendationState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public Guid GroupId { get; set; }
    [Id(2)] public Guid BodyId { get; set; }
    [Id(3)] public RecommendationFacts Facts { get; set; } = new(string.Empty, string.Empty, [], [], [], default);
    [Id(4)] public RecommendationStatus Status { get; set; }
    [Id(5)] public Person CreatedBy { get; set; } = new(Guid.Empty, string.Empty, string.Empty);
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(8)] public List<TransitionRecord> Transitions { get; set; } = [];
    [Id(9)] public AdoptionRecord? Adoption { get; set; }
    [Id(10)] public List<CommentRecord> Comments { get; set; } = [];
    [Id(11)] public List<AmendmentRecord> Amendments { get; set; } = [];
    [Id(12)] public List<StanceRecord> Stances { get; set; } = [];
    [Id(13)] public List<PollRecord> Polls { get; set; } = [];
    [Id(14)] public List<FollowUpRecord> FollowUp { get; set; } = [];
    [Id(15)] public DateOnly? ReviewDate { get; set; }
    [Id(16)] public List<ReminderRecord> Reminders { get; set; } = [];
}

/// <summary>Someone as they were when they acted (names and organisations can change later).</summary>
[GenerateSerializer, Alias("Workspace.RecommendationPerson")]
public sealed record Person(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Organisation);

[GenerateSerializer, Alias("Workspace.TransitionRecord")]
public sealed record TransitionRecord(
    [property: Id(0)] RecommendationStatus From,
    [property: Id(1)] RecommendationStatus To,
    [property: Id(2)] Person By,
    [property: Id(3)] DateTimeOffset At);

[GenerateSerializer, Alias("Workspace.AdoptionRecord")]
public sealed record AdoptionRecord(
    [property: Id(0)] Person By,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] PollTally? Poll);

[GenerateSerializer, Alias("Workspace.CommentRecord")]
public sealed record CommentRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid? ParentId,
    [property: Id(2)] Person Author,
    [property: Id(3)] string Markdown,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] DateTimeOffset? EditedAt,
    [property: Id(6)] bool Deleted,
    [property: Id(7)] Person? HiddenBy,
    [property: Id(8)] string? HiddenReason);

[GenerateSerializer, Alias("Workspace.AmendmentRecord")]
public sealed record AmendmentRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Person ProposedBy,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] int Revision,
    [property: Id(4)] int From,
    [property: Id(5)] int To,
    [property: Id(6)] string Original,
    [property: Id(7)] string Replacement,
    [property: Id(8)] string Reason,
    [property: Id(9)] AmendmentStatus Status,
    [property: Id(10)] Person? DecidedBy,
    [property: Id(11)] DateTimeOffset? DecidedAt,
    [property: Id(12)] string? DecisionReason,
    [property: Id(13)] int? AppliedRevision,
    [property: Id(14)] string? ContextBefore = null,
    [property: Id(15)] string? ContextAfter = null);

[GenerateSerializer, Alias("Workspace.StanceRecord")]
public sealed record StanceRecord(
    [property: Id(0)] string Organisation,
    [property: Id(1)] Stance Stance,
    [property: Id(2)] string? Note,
    [property: Id(3)] Person By,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] Guid? OrganisationId = null,
    [property: Id(6)] bool Upgraded = false)
{
    /// <summary>
    /// Stances recorded before organisations were entities (given their organisation's id by the
    /// upgrade) keep counting as they did; every later one counts only for a verified organisation.
    /// </summary>
    public bool Counts(OrganisationStatus status) => Upgraded || status == OrganisationStatus.Verified;
}

[GenerateSerializer, Alias("Workspace.PollRecord")]
public sealed record PollRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Question,
    [property: Id(2)] Person OpenedBy,
    [property: Id(3)] DateTimeOffset OpenedAt,
    [property: Id(4)] DateTimeOffset? ClosedAt,
    [property: Id(5)] Dictionary<Guid, VoteRecord> Votes);

[GenerateSerializer, Alias("Workspace.VoteRecord")]
public sealed record VoteRecord(
    [property: Id(0)] Person By,
    [property: Id(1)] PollChoice Choice,
    [property: Id(2)] string? Reason,
    [property: Id(3)] DateTimeOffset At);

[GenerateSerializer, Alias("Workspace.FollowUpRecord")]
public sealed record FollowUpRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Country,
    [property: Id(2)] FollowUpStatus Status,
    [property: Id(3)] DateOnly Date,
    [property: Id(4)] string Note,
    [property: Id(5)] IReadOnlyList<string> Evidence,
    [property: Id(6)] Person ReportedBy,
    [property: Id(7)] DateTimeOffset RecordedAt);

[GenerateSerializer, Alias("Workspace.ReminderRecord")]
public sealed record ReminderRecord(
    [property: Id(0)] DateOnly ReviewDate,
    [property: Id(1)] DateTimeOffset RemindedAt,
    [property: Id(2)] IReadOnlyList<string> Countries);

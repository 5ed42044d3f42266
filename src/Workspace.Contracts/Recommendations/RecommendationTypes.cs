using Workspace.Contracts.Documents;

namespace Workspace.Contracts.Recommendations;

/// <summary>Where a recommendation is in its life: <c>draft → under discussion → proposed for adoption → adopted | withdrawn</c>.</summary>
[GenerateSerializer, Alias("Workspace.RecommendationStatus")]
public enum RecommendationStatus
{
    Draft = 0,
    UnderDiscussion = 1,
    ProposedForAdoption = 2,
    Adopted = 3,
    Withdrawn = 4,
}

/// <summary>How far a country has implemented an adopted recommendation.</summary>
[GenerateSerializer, Alias("Workspace.FollowUpStatus")]
public enum FollowUpStatus
{
    NotStarted = 0,
    InProgress = 1,
    PartiallyImplemented = 2,
    Implemented = 3,
    NoInformation = 4,
}

/// <summary>An organisation's position on a recommendation.</summary>
[GenerateSerializer, Alias("Workspace.Stance")]
public enum Stance
{
    Support = 0,
    SupportWithReservations = 1,
    Oppose = 2,
}

/// <summary>A vote in a consensus poll.</summary>
[GenerateSerializer, Alias("Workspace.PollChoice")]
public enum PollChoice
{
    Agree = 0,
    Abstain = 1,
    Disagree = 2,
    Block = 3,
}

/// <summary>What became of a proposed amendment.</summary>
[GenerateSerializer, Alias("Workspace.AmendmentStatus")]
public enum AmendmentStatus
{
    Open = 0,
    Accepted = 1,
    Rejected = 2,
}

/// <summary>The facts of a recommendation that its drafters edit (the body is a live document).</summary>
[GenerateSerializer, Alias("Workspace.RecommendationFacts")]
public sealed record RecommendationFacts(
    [property: Id(0)] string Title,
    [property: Id(1)] string ThematicArea,
    [property: Id(2)] IReadOnlyList<string> Articles,
    [property: Id(3)] IReadOnlyList<string> Addressees,
    [property: Id(4)] IReadOnlyList<string> Countries,
    [property: Id(5)] DocumentVisibility Visibility);

/// <summary>A recommendation as its group lists it: enough to filter, sort and show on the board.</summary>
[GenerateSerializer, Alias("Workspace.RecommendationSummary")]
public sealed record RecommendationSummary(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid GroupId,
    [property: Id(2)] Guid BodyId,
    [property: Id(3)] RecommendationFacts Facts,
    [property: Id(4)] RecommendationStatus Status,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] IReadOnlyDictionary<string, FollowUpStatus> FollowUp,
    [property: Id(8)] DateOnly? ReviewDate,
    [property: Id(9)] bool FollowUpDue);

/// <summary>Who someone is in a group, as the group's grains need it to decide and to attribute.</summary>
[GenerateSerializer, Alias("Workspace.GroupMemberAccess")]
public sealed record GroupMemberAccess(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] Groups.GroupRole Role,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string Organisation,
    [property: Id(4)] bool ObserversSeeNames,
    [property: Id(5)] Guid? OrganisationId = null)
{
    /// <summary>How the group's people appear to this person.</summary>
    public Groups.Disclosure Disclosure => new(Role, ObserversSeeNames);
}

/// <summary>Everything a new recommendation grain is given by its group (it must not call the group back while created).</summary>
[GenerateSerializer, Alias("Workspace.RecommendationSetup")]
public sealed record RecommendationSetup(
    [property: Id(0)] Guid GroupId,
    [property: Id(1)] Guid BodyId,
    [property: Id(2)] RecommendationFacts Facts,
    [property: Id(3)] Guid CreatedBy,
    [property: Id(4)] string CreatedByName,
    [property: Id(5)] string CreatedByOrganisation,
    [property: Id(6)] DateTimeOffset CreatedAt);

/// <summary>A member's proposal to replace a range of the body (as it was at <see cref="Revision"/>) with new text.</summary>
[GenerateSerializer, Alias("Workspace.AmendmentProposal")]
public sealed record AmendmentProposal(
    [property: Id(0)] int Revision,
    [property: Id(1)] int From,
    [property: Id(2)] int To,
    [property: Id(3)] string Replacement,
    [property: Id(4)] string Reason);

/// <summary>A follow-up update for one country of an adopted recommendation.</summary>
[GenerateSerializer, Alias("Workspace.FollowUpReport")]
public sealed record FollowUpReport(
    [property: Id(0)] string Country,
    [property: Id(1)] FollowUpStatus Status,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] string Note,
    [property: Id(4)] IReadOnlyList<string> Evidence);

/// <summary>A person as a reader sees them: observers see organisations, names only where the group allows it.</summary>
[GenerateSerializer, Alias("Workspace.PersonView")]
public sealed record PersonView(
    [property: Id(0)] Guid? Id,
    [property: Id(1)] string? Name,
    [property: Id(2)] string Organisation);

[GenerateSerializer, Alias("Workspace.TransitionView")]
public sealed record TransitionView(
    [property: Id(0)] RecommendationStatus From,
    [property: Id(1)] RecommendationStatus To,
    [property: Id(2)] PersonView By,
    [property: Id(3)] DateTimeOffset At);

[GenerateSerializer, Alias("Workspace.PollTally")]
public sealed record PollTally(
    [property: Id(0)] int Agree,
    [property: Id(1)] int Abstain,
    [property: Id(2)] int Disagree,
    [property: Id(3)] int Block)
{
    public int Total => Agree + Abstain + Disagree + Block;
}

[GenerateSerializer, Alias("Workspace.AdoptionView")]
public sealed record AdoptionView(
    [property: Id(0)] PersonView By,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] PollTally? Poll);

[GenerateSerializer, Alias("Workspace.CommentView")]
public sealed record CommentView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid? ParentId,
    [property: Id(2)] PersonView Author,
    [property: Id(3)] string? Markdown,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] DateTimeOffset? EditedAt,
    [property: Id(6)] bool Deleted,
    [property: Id(7)] bool Hidden,
    [property: Id(8)] string? HiddenReason,
    [property: Id(9)] bool Mine);

[GenerateSerializer, Alias("Workspace.AmendmentView")]
public sealed record AmendmentView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] PersonView ProposedBy,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] int Revision,
    [property: Id(4)] int From,
    [property: Id(5)] int To,
    [property: Id(6)] string Original,
    [property: Id(7)] string Replacement,
    [property: Id(8)] string Reason,
    [property: Id(9)] AmendmentStatus Status,
    [property: Id(10)] bool Outdated,
    [property: Id(11)] PersonView? DecidedBy,
    [property: Id(12)] DateTimeOffset? DecidedAt,
    [property: Id(13)] string? DecisionReason,
    [property: Id(14)] int? AppliedRevision,
    [property: Id(15)] string? ContextBefore = null,
    [property: Id(16)] string? ContextAfter = null);

[GenerateSerializer, Alias("Workspace.StanceView")]
public sealed record StanceView(
    [property: Id(0)] string Organisation,
    [property: Id(1)] Stance Stance,
    [property: Id(2)] string? Note,
    [property: Id(3)] PersonView By,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] Guid? OrganisationId = null);

[GenerateSerializer, Alias("Workspace.StanceTally")]
public sealed record StanceTally(
    [property: Id(0)] int Support,
    [property: Id(1)] int SupportWithReservations,
    [property: Id(2)] int Oppose);

[GenerateSerializer, Alias("Workspace.VoteView")]
public sealed record VoteView(
    [property: Id(0)] PersonView By,
    [property: Id(1)] PollChoice Choice,
    [property: Id(2)] string? Reason,
    [property: Id(3)] DateTimeOffset At);

[GenerateSerializer, Alias("Workspace.PollView")]
public sealed record PollView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Question,
    [property: Id(2)] DateTimeOffset OpenedAt,
    [property: Id(3)] DateTimeOffset? ClosedAt,
    [property: Id(4)] PollTally Tally,
    [property: Id(5)] IReadOnlyList<VoteView> Votes,
    [property: Id(6)] PollChoice? MyChoice)
{
    public bool Open => ClosedAt is null;
}

[GenerateSerializer, Alias("Workspace.FollowUpUpdateView")]
public sealed record FollowUpUpdateView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] FollowUpStatus Status,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] string Note,
    [property: Id(4)] IReadOnlyList<string> Evidence,
    [property: Id(5)] PersonView ReportedBy,
    [property: Id(6)] DateTimeOffset RecordedAt);

[GenerateSerializer, Alias("Workspace.CountryFollowUpView")]
public sealed record CountryFollowUpView(
    [property: Id(0)] string Country,
    [property: Id(1)] FollowUpStatus Status,
    [property: Id(2)] IReadOnlyList<FollowUpUpdateView> Updates);

[GenerateSerializer, Alias("Workspace.FollowUpReminderView")]
public sealed record FollowUpReminderView(
    [property: Id(0)] DateOnly ReviewDate,
    [property: Id(1)] DateTimeOffset RemindedAt,
    [property: Id(2)] IReadOnlyList<string> Countries);

/// <summary>A whole recommendation thread as one reader may see it.</summary>
[GenerateSerializer, Alias("Workspace.RecommendationView")]
public sealed record RecommendationView(
    [property: Id(0)] RecommendationSummary Summary,
    [property: Id(1)] PersonView CreatedBy,
    [property: Id(2)] IReadOnlyList<TransitionView> Transitions,
    [property: Id(3)] AdoptionView? Adoption,
    [property: Id(4)] IReadOnlyList<CommentView> Comments,
    [property: Id(5)] IReadOnlyList<AmendmentView> Amendments,
    [property: Id(6)] IReadOnlyList<StanceView> Stances,
    [property: Id(7)] StanceTally StanceTally,
    [property: Id(8)] IReadOnlyList<PollView> Polls,
    [property: Id(9)] IReadOnlyList<CountryFollowUpView> FollowUp,
    [property: Id(10)] IReadOnlyList<FollowUpReminderView> Reminders,
    [property: Id(11)] Groups.GroupRole MyRole,
    [property: Id(12)] IReadOnlyList<RecommendationStatus> AllowedTransitions);

/// <summary>What changed in a recommendation, so live views know what to refresh.</summary>
[GenerateSerializer, Alias("Workspace.RecommendationChange")]
public enum RecommendationChange
{
    Created = 0,
    Updated = 1,
    Status = 2,
    Comment = 3,
    Amendment = 4,
    Stance = 5,
    Poll = 6,
    FollowUp = 7,
    Reminder = 8,
}

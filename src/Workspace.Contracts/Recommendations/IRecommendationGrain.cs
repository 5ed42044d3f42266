namespace Workspace.Contracts.Recommendations;

/// <summary>
/// The authority for one recommendation thread: its facts, lifecycle, conversation,
/// amendments, organisations' stances, consensus polls and follow-up. Every call names the
/// acting user; the grain asks the group who that is and decides what they may do.
/// </summary>
[Alias("Workspace.IRecommendationGrain")]
public interface IRecommendationGrain : IGrainWithGuidKey
{
    /// <summary>Called by the group that creates it, once.</summary>
    [Alias("Initialise")] Task Initialise(RecommendationSetup setup);

    [Alias("Get")] Task<RecommendationView> Get(Guid actorId);

    [Alias("UpdateFacts")] Task<RecommendationView> UpdateFacts(Guid actorId, RecommendationFacts facts);

    [Alias("Transition")] Task<RecommendationView> Transition(Guid actorId, RecommendationStatus to);

    [Alias("AddComment")] Task<RecommendationView> AddComment(Guid actorId, Guid? parentId, string markdown);

    [Alias("EditComment")] Task<RecommendationView> EditComment(Guid actorId, Guid commentId, string markdown);

    [Alias("DeleteComment")] Task<RecommendationView> DeleteComment(Guid actorId, Guid commentId);

    [Alias("HideComment")] Task<RecommendationView> HideComment(Guid actorId, Guid commentId, string reason);

    [Alias("ProposeAmendment")] Task<RecommendationView> ProposeAmendment(Guid actorId, AmendmentProposal proposal);

    [Alias("AcceptAmendment")] Task<RecommendationView> AcceptAmendment(Guid actorId, Guid amendmentId);

    [Alias("RejectAmendment")] Task<RecommendationView> RejectAmendment(Guid actorId, Guid amendmentId, string reason);

    [Alias("SetStance")] Task<RecommendationView> SetStance(Guid actorId, Stance stance, string? note);

    [Alias("OpenPoll")] Task<RecommendationView> OpenPoll(Guid actorId, string? question);

    [Alias("Vote")] Task<RecommendationView> Vote(Guid actorId, Guid pollId, PollChoice choice, string? reason);

    [Alias("ClosePoll")] Task<RecommendationView> ClosePoll(Guid actorId, Guid pollId);

    [Alias("ReportFollowUp")] Task<RecommendationView> ReportFollowUp(Guid actorId, FollowUpReport report);

    [Alias("SetReviewDate")] Task<RecommendationView> SetReviewDate(Guid actorId, DateOnly? reviewDate);

    /// <summary>Gives each stance recorded before organisations were entities its organisation's id (the organisations upgrade).</summary>
    [Alias("UpgradeOrganisations")] Task<int> UpgradeOrganisations();
}

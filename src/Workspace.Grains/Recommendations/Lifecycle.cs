using Workspace.Contracts.Recommendations;

namespace Workspace.Grains.Recommendations;

/// <summary>
/// The legal moves of a recommendation: <c>draft → under discussion → proposed for adoption →
/// adopted | withdrawn</c>, back from proposed to under discussion, and withdrawal from any open
/// status. Members open a draft for discussion and propose it; facilitators do everything else.
/// </summary>
public static class Lifecycle
{
    public static IReadOnlyList<RecommendationStatus> Targets(RecommendationStatus from) => from switch
    {
        RecommendationStatus.Draft => [RecommendationStatus.UnderDiscussion, RecommendationStatus.Withdrawn],
        RecommendationStatus.UnderDiscussion => [RecommendationStatus.ProposedForAdoption, RecommendationStatus.Withdrawn],
        RecommendationStatus.ProposedForAdoption => [RecommendationStatus.Adopted, RecommendationStatus.UnderDiscussion, RecommendationStatus.Withdrawn],
        _ => [],
    };

    public static bool IsLegal(RecommendationStatus from, RecommendationStatus to) => Targets(from).Contains(to);

    /// <summary>Adopting, withdrawing and sending a proposal back to discussion are the facilitators' decisions.</summary>
    public static bool NeedsFacilitator(RecommendationStatus from, RecommendationStatus to) =>
        to is RecommendationStatus.Adopted or RecommendationStatus.Withdrawn
        || (from == RecommendationStatus.ProposedForAdoption && to == RecommendationStatus.UnderDiscussion);
}

using Workspace.Contracts.Recommendations;

namespace Workspace.Contracts.Groups;

/// <summary>
/// A node's subscription to one working group's live events (boards and threads). The node
/// decides nothing: each event says which audience may receive it.
/// </summary>
[Alias("Workspace.IGroupObserver")]
public interface IGroupObserver : IGrainObserver
{
    [Alias("Recommendation")] Task Recommendation(RecommendationEvent change);

    /// <summary>Someone's role changed, or (null) they left the group: their live views must follow at once.</summary>
    [Alias("Member")] Task Member(Guid groupId, Guid userId, GroupRole? role);
}

/// <summary>
/// A recommendation changed. Members and facilitators receive every event; observers only those
/// of recommendations visible to them — and a removal when one stops being visible.
/// </summary>
[GenerateSerializer, Alias("Workspace.RecommendationEvent")]
public sealed record RecommendationEvent(
    [property: Id(0)] Guid GroupId,
    [property: Id(1)] RecommendationChange Change,
    [property: Id(2)] RecommendationSummary Summary,
    [property: Id(3)] bool WasVisibleToObservers)
{
    public bool VisibleToObservers => Summary.Facts.Visibility == Documents.DocumentVisibility.Observers;
}

using Workspace.Contracts.Accounts;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Grains.Tests.Groups;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Recommendations;

/// <summary>A group (see <see cref="GroupScenario"/>) plus a second member, and helpers to start and move recommendations.</summary>
public sealed record RecommendationScenario(GroupScenario Group, UserProfile SecondMember, ClusterFixture Fixture)
{
    public const string Body = "The State shall protect reporting persons. Reports may be anonymous. Retaliation is an offence.";

    public static RecommendationFacts Facts(DocumentVisibility visibility = DocumentVisibility.Observers) => new(
        "Protect reporting persons", "Whistleblower protection", ["art 33", "Art. 8.4"], ["Congress"], ["mx", "BR"], visibility);

    public static async Task<RecommendationScenario> Create(ClusterFixture fixture)
    {
        var group = await GroupScenario.Create(fixture);
        var second = await fixture.NewUser("Lucia");
        await GroupScenario.Join(group.Group, group.Facilitator.Id, second.Id, GroupRole.Member);
        return new RecommendationScenario(group, second, fixture);
    }

    public IWorkingGroupGrain G => Group.Group;

    public async Task<IRecommendationGrain> Start(DocumentVisibility visibility = DocumentVisibility.Observers, string body = Body)
    {
        var summary = await G.CreateRecommendation(Group.Member.Id, Facts(visibility), body);
        return Fixture.Grains.GetGrain<IRecommendationGrain>(summary.Id);
    }

    /// <summary>A recommendation moved, by a facilitator, along the legal path to <paramref name="status"/>.</summary>
    public async Task<IRecommendationGrain> StartIn(RecommendationStatus status)
    {
        var recommendation = await Start();
        foreach (var step in PathTo(status))
        {
            await recommendation.Transition(Group.Facilitator.Id, step);
        }

        return recommendation;
    }

    /// <summary>The legal moves from draft to <paramref name="status"/>.</summary>
    public static RecommendationStatus[] PathTo(RecommendationStatus status) => status switch
    {
        RecommendationStatus.Draft => [],
        RecommendationStatus.UnderDiscussion => [RecommendationStatus.UnderDiscussion],
        RecommendationStatus.ProposedForAdoption => [RecommendationStatus.UnderDiscussion, RecommendationStatus.ProposedForAdoption],
        RecommendationStatus.Adopted => [RecommendationStatus.UnderDiscussion, RecommendationStatus.ProposedForAdoption, RecommendationStatus.Adopted],
        RecommendationStatus.Withdrawn => [RecommendationStatus.Withdrawn],
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public async Task<string> BodyText(IRecommendationGrain recommendation)
    {
        var view = await recommendation.Get(Group.Facilitator.Id);
        return (await Fixture.Grains.GetGrain<IDocumentGrain>(view.Summary.BodyId).GetText(Group.Facilitator.Id)).Text;
    }

    public async Task<int> BodyRevision(IRecommendationGrain recommendation)
    {
        var view = await recommendation.Get(Group.Facilitator.Id);
        return (await Fixture.Grains.GetGrain<IDocumentGrain>(view.Summary.BodyId).GetText(Group.Facilitator.Id)).Revision;
    }
}

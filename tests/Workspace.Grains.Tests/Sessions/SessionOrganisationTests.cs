using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Organisations;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Tests.Groups;
using Workspace.Grains.Tests.Infrastructure;
using Workspace.Grains.Tests.Recommendations;

namespace Workspace.Grains.Tests.Sessions;

/// <summary>Attendance points at organisations by id: a merge of duplicates moves it to the survivor.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionOrganisationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Minutes_written_after_a_merge_list_the_attendance_under_the_surviving_organisation()
    {
        var s = await RecommendationScenario.Create(fixture);
        var facilitator = s.Group.Facilitator.Id;
        var unique = Guid.NewGuid().ToString("N")[..6];
        var rosa = await fixture.NewUser($"Rosa{unique}"); // her organisation: "Rosa… Org", a duplicate the administrator merges
        var keeper = await fixture.NewUser($"Keeper{unique}");
        await GroupScenario.Join(s.G, facilitator, rosa.Id, GroupRole.Member);
        var notes = await s.G.CreateDocument(facilitator, "Notes", DocumentVisibility.Members);
        var planned = await s.G.CreateSession(facilitator, new SessionPlan("Merge day", fixture.Clock.GetUtcNow(),
            [new AgendaItemInput("Notes", AgendaTarget.Document, notes.Id, 10)]));
        var session = fixture.Grains.GetGrain<ISessionGrain>(planned.Id);
        await session.Join(facilitator, "f", "node", fixture.SessionNode());
        await session.Join(rosa.Id, "r", "node", fixture.SessionNode());
        await session.Start(facilitator);

        await fixture.Grains.GetGrain<IOrganisationGrain>(rosa.OrganisationId!.Value).MergeInto(keeper.OrganisationId!.Value);
        var ended = await session.End(facilitator);

        var text = (await fixture.Grains.GetGrain<IDocumentGrain>(ended.MinutesDocumentId!.Value).GetText(facilitator)).Text;
        Assert.Contains($"- **Keeper{unique} Org**: Rosa{unique} (miembro, desde las ", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"Rosa{unique} Org", text, StringComparison.Ordinal);
    }
}

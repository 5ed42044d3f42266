using Microsoft.Extensions.DependencyInjection;
using Workspace.Contracts.Documents;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// A document comes back in a new activation (as after its node died) while people have it open.
/// The new activation knows none of them; the first one to reach it (an editor whose next keystroke
/// was refused) brings the document to ask the node for its readers, and every one of them
/// reopens at once — the observer who only watches too — rather than at the next renewal, 30 s later.
/// </summary>
public sealed class ReactivationTests : HostedTest
{
    [Fact]
    public async Task When_a_document_is_activated_anew_every_reader_on_the_node_reopens_and_is_listed_again_at_once()
    {
        await using var live = await LiveWorld.Create(Host, "observers");
        var facilitator = await live.Open("facilitator");
        var member = await live.Open("member");
        var observer = await live.Open("observer");
        var everyone = new[] { facilitator, member, observer };
        await Eventually.True(() => everyone.All(d => d.Participants.Count == 3), "everyone sees the three of them");
        var before = everyone.Select(d => d.SessionId).ToArray();

        var grains = Host.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var document = grains.GetGrain<IDocumentGrain>(live.DocumentId);
        await management.DeactivateGrain(document.GetGrainId());
        var id = document.GetGrainId();
        for (var i = 0; i < 100 && (await management.GetActiveGrains(id.Type)).Contains(id); i++)
        {
            await Task.Delay(50);
        }

        Assert.DoesNotContain(id, await management.GetActiveGrains(id.Type));

        member.Insert(0, "Hello");

        await Eventually.True(
            () => everyone.All(d => d.IsSynchronized && d.Text == "Hello"),
            "the member's edit is accepted by the new activation and everyone has it",
            seconds: 10);
        await Eventually.True(
            () => everyone.All(d => d.Participants.Select(p => p.SessionId).Order().SequenceEqual(everyone.Select(x => x.SessionId!).Order())),
            "everyone, the observer included, reopened and is listed by everyone under their new session",
            seconds: 10);
        Assert.All(everyone.Zip(before), pair => Assert.NotEqual(pair.Second, pair.First.SessionId));
        Assert.All(everyone, d => Assert.Empty(d.Errors));

        // And the observer, reopened, still cannot type.
        Assert.False(observer.CanEdit);
    }
}

using Workspace.Contracts.Accounts;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Accounts;

[Collection(ClusterCollection.Name)]
public sealed class SignInsGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Ending_one_sign_in_leaves_the_others_and_tells_watching_nodes_which_one()
    {
        var signIns = fixture.Grains.GetGrain<ISignInsGrain>(Guid.NewGuid());
        var laptop = await signIns.Start();
        var phone = await signIns.Start();
        var node = new EndedRecorder();
        var reference = fixture.Grains.CreateObjectReference<ISignInObserver>(node);

        Assert.Empty(await signIns.Watch("node-a", reference, [laptop.Id, phone.Id]));
        await signIns.End(laptop.Id);

        Assert.False(await signIns.IsActive(laptop.Id));
        Assert.True(await signIns.IsActive(phone.Id));
        Assert.Equal([laptop.Id], node.Ended.Single());
        Assert.Equal([laptop.Id], await signIns.Watch("node-a", reference, [laptop.Id, phone.Id]));
        GC.KeepAlive(node);
    }

    [Fact]
    public async Task Ending_all_ends_every_sign_in_and_unknown_ones_were_never_active()
    {
        var signIns = fixture.Grains.GetGrain<ISignInsGrain>(Guid.NewGuid());
        var first = await signIns.Start();
        var second = await signIns.Start();
        var node = new EndedRecorder();
        var reference = fixture.Grains.CreateObjectReference<ISignInObserver>(node);
        await signIns.Watch("node-b", reference, [first.Id]);

        await signIns.EndAll();

        Assert.False(await signIns.IsActive(first.Id));
        Assert.False(await signIns.IsActive(second.Id));
        Assert.False(await signIns.IsActive("not-a-sign-in"));
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), node.Ended.Single().Order(StringComparer.Ordinal));
        GC.KeepAlive(node);
    }

    [Fact]
    public async Task A_sign_in_ends_at_its_absolute_maximum_however_much_it_is_used()
    {
        var signIns = fixture.Grains.GetGrain<ISignInsGrain>(Guid.NewGuid());
        var ticket = await signIns.Start();

        fixture.Clock.Advance(TimeSpan.FromDays(29));
        var before = await signIns.IsActive(ticket.Id);
        fixture.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        Assert.True(before);
        Assert.False(await signIns.IsActive(ticket.Id));
    }

    private sealed class EndedRecorder : ISignInObserver
    {
        public System.Collections.Concurrent.ConcurrentQueue<string[]> Ended { get; } = new();

        Task ISignInObserver.Ended(Guid userId, IReadOnlyList<string> signInIds)
        {
            Ended.Enqueue([.. signInIds]);
            return Task.CompletedTask;
        }
    }
}

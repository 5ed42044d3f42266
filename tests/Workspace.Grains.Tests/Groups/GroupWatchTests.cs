using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Grains.Live;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Groups;

/// <summary>A group's node subscriptions follow the one node policy (<see cref="NodeOptions"/>), as documents' and sessions' do.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GroupWatchTests(ClusterFixture fixture)
{
    private readonly List<GroupNodeRecorder> _held = []; // Orleans holds observers weakly

    [Fact]
    public async Task A_node_that_stops_renewing_is_no_longer_told_and_its_renewal_says_so_while_a_renewing_node_keeps_hearing()
    {
        var s = await GroupScenario.Create(fixture);
        var (renewing, silent) = (new GroupNodeRecorder(), new GroupNodeRecorder());
        var (a, b) = (Node(renewing), Node(silent));
        await s.Group.Watch(s.Member.Id, "node-a", a);
        await s.Group.Watch(s.Observer.Id, "node-b", b);
        var expiry = new NodeOptions().Expiry;

        fixture.Clock.Advance(expiry * 2 / 3);
        Assert.True(await s.Group.RenewWatch("node-a", a));
        fixture.Clock.Advance(expiry / 2); // node-b is now silent for longer than the expiry, node-a is not
        await s.Group.ChangeRole(s.Facilitator.Id, s.Member.Id, GroupRole.Facilitator);

        for (var i = 0; i < 500 && renewing.Members == 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, renewing.Members);
        Assert.False(await s.Group.RenewWatch("node-b", b)); // the node watches again through one of its people
        Assert.Equal(0, silent.Members);
        Assert.True(await s.Group.RenewWatch("node-a", a));
    }

    [Fact]
    public async Task A_late_goodbye_of_a_node_s_old_subscription_leaves_its_new_one_watching()
    {
        var s = await GroupScenario.Create(fixture);
        var (old, current) = (new GroupNodeRecorder(), new GroupNodeRecorder());
        var (before, after) = (Node(old), Node(current));

        // The node's last watcher left and a new one came (a new subscription) before the old one's goodbye arrived.
        await s.Group.Watch(s.Member.Id, "node-a", before);
        await s.Group.Watch(s.Member.Id, "node-a", after);
        await s.Group.Unwatch("node-a", before);

        await s.Group.ChangeRole(s.Facilitator.Id, s.Observer.Id, GroupRole.Member);
        for (var i = 0; i < 500 && current.Members == 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, current.Members);
        Assert.True(await s.Group.RenewWatch("node-a", after));

        // The current subscription's own goodbye does end it.
        await s.Group.Unwatch("node-a", after);
        Assert.False(await s.Group.RenewWatch("node-a", after));
    }

    private IGroupObserver Node(GroupNodeRecorder recorder)
    {
        _held.Add(recorder);
        return fixture.Grains.CreateObjectReference<IGroupObserver>(recorder);
    }

    private sealed class GroupNodeRecorder : IGroupObserver
    {
        private int _members;

        public int Members => Volatile.Read(ref _members);

        public Task Recommendation(RecommendationEvent change) => Task.CompletedTask;

        public Task Member(Guid groupId, Guid userId, GroupRole? role)
        {
            Interlocked.Increment(ref _members);
            return Task.CompletedTask;
        }
    }
}

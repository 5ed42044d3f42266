using System.Collections.Immutable;
using System.Net;
using Workspace.Grains.Live;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Live;

/// <summary>The grain side of every node subscription (documents, groups, sessions), without a cluster.</summary>
public sealed class NodeWatchersTests
{
    private static readonly TimeSpan Expiry = new NodeOptions().Expiry;

    private readonly ManualClock _clock = new();
    private readonly FakeMembership _membership = new();

    private static readonly SiloAddress SiloA = SiloAddress.New(IPAddress.Loopback, 11111, 1);
    private static readonly SiloAddress SiloB = SiloAddress.New(IPAddress.Loopback, 11112, 1);

    private NodeWatchers<Node, List<string>> Watchers() => new(Expiry, _clock, _membership, _ => []);

    [Fact]
    public void A_node_that_keeps_renewing_stays_and_one_that_stops_is_gone_after_the_expiry_with_its_state()
    {
        var watchers = Watchers();
        var (a, b) = (NodeKeys.For(SiloA), NodeKeys.For(SiloB));
        Assert.True(watchers.Subscribe(a, new Node("a")));
        Assert.True(watchers.Subscribe(b, new Node("b")));
        watchers.Find(b)!.State.Add("connection-on-b");

        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(Expiry / 3);
            Assert.False(watchers.Subscribe(a, new Node("a")), "a renewal of the same observer is not new");
            Assert.Empty(watchers.Sweep());
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        watchers.Subscribe(a, new Node("a"));
        var gone = Assert.Single(watchers.Sweep());
        Assert.Equal((b, "connection-on-b"), (gone.Key, Assert.Single(gone.State)));
        Assert.Equal([a], watchers.Nodes.Select(n => n.Key));
        Assert.Empty(watchers.Sweep());
    }

    [Fact]
    public void A_node_is_kept_until_its_expiry_is_past_not_at_it()
    {
        var watchers = Watchers();
        var a = NodeKeys.For(SiloA);
        watchers.Subscribe(a, new Node("a"));

        _clock.Advance(Expiry);
        Assert.Empty(watchers.Sweep());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([a], watchers.Sweep().Select(n => n.Key));
    }

    [Fact]
    public void A_node_on_a_silo_the_cluster_declared_dead_goes_at_the_next_sweep_without_waiting_for_its_expiry()
    {
        var watchers = Watchers();
        var (a, b) = (NodeKeys.For(SiloA), NodeKeys.For(SiloB));
        watchers.Subscribe(a, new Node("a"));
        watchers.Subscribe(b, new Node("b"));
        Assert.Empty(watchers.Sweep());

        _membership.Declare(SiloB, SiloStatus.Dead);

        Assert.Equal([b], watchers.Sweep().Select(n => n.Key));
        Assert.Equal([a], watchers.Nodes.Select(n => n.Key));
    }

    [Fact]
    public void Renewing_a_node_the_grain_does_not_know_says_so_and_does_not_subscribe_it()
    {
        var watchers = Watchers();
        var a = NodeKeys.For(SiloA);

        Assert.False(watchers.Renew(a, new Node("a")));
        Assert.Equal(0, watchers.Count);

        watchers.Subscribe(a, new Node("a"));
        _clock.Advance(Expiry - TimeSpan.FromSeconds(1));
        Assert.True(watchers.Renew(a, new Node("a")));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(watchers.Sweep()); // renewed: its expiry counts from the renewal
    }

    [Fact]
    public void A_new_observer_of_a_known_node_starts_afresh_and_a_late_end_of_the_old_one_leaves_it_in_place()
    {
        var watchers = Watchers();
        var a = NodeKeys.For(SiloA);
        watchers.Subscribe(a, new Node("first"));
        watchers.Find(a)!.State.Add("numbered under the first");

        Assert.True(watchers.Subscribe(a, new Node("second")));
        Assert.Empty(watchers.Find(a)!.State);

        Assert.Null(watchers.Unsubscribe(a, new Node("first")));
        Assert.Equal(new Node("second"), watchers.Find(a)!.Observer);
        Assert.NotNull(watchers.Unsubscribe(a, new Node("second")));
        Assert.Equal(0, watchers.Count);
    }

    [Fact]
    public async Task Notify_tells_every_node_at_once_and_one_that_fails_or_hangs_neither_stops_the_others_nor_is_dropped()
    {
        var watchers = new NodeWatchers<Node>(Expiry, _clock, _membership);
        var hanging = new TaskCompletionSource();
        watchers.Subscribe(NodeKeys.For(SiloA), new Node("hangs"));
        watchers.Subscribe("not-a-silo-key", new Node("throws"));
        watchers.Subscribe(NodeKeys.For(SiloB), new Node("hears"));
        var told = new List<string>();

        watchers.Notify(node =>
        {
            told.Add(node.Name);
            return node.Name switch
            {
                "hangs" => hanging.Task,
                "throws" => throw new InvalidOperationException("gone"),
                _ => Task.CompletedTask,
            };
        });

        Assert.Equal(["hangs", "throws", "hears"], told);
        Assert.Equal(3, watchers.Count);
        hanging.SetException(new TimeoutException());
        await Task.Yield();
        Assert.Empty(watchers.Sweep()); // a key without a silo address only expires
    }

    [Fact]
    public void Each_node_gets_its_own_state_as_a_document_numbers_each_nodes_broadcasts()
    {
        var watchers = new NodeWatchers<Node, Numbering>(Expiry, _clock, _membership, _ => new Numbering());
        var (a, b) = (NodeKeys.For(SiloA), NodeKeys.For(SiloB));
        watchers.Subscribe(a, new Node("a"));
        var sent = new List<(string Node, long Sequence)>();

        watchers.Notify(node => Record(node.Observer.Name, ++node.State.Sent));
        watchers.Subscribe(b, new Node("b"));
        watchers.Notify(node => Record(node.Observer.Name, ++node.State.Sent));

        Assert.Equal([("a", 1L), ("a", 2L), ("b", 1L)], sent.OrderBy(s => s.Node).ThenBy(s => s.Sequence));

        Task Record(string node, long sequence)
        {
            sent.Add((node, sequence));
            return Task.CompletedTask;
        }
    }

    private sealed class Numbering
    {
        public long Sent { get; set; }
    }

    [Fact]
    public void Node_keys_carry_the_silo_address_and_differ_at_every_start()
    {
        var (first, second) = (NodeKeys.For(SiloA), NodeKeys.For(SiloA));

        Assert.NotEqual(first, second);
        Assert.Equal(SiloA, NodeKeys.Silo(first));
        Assert.Null(NodeKeys.Silo("machine/123/abc"));
        Assert.Null(NodeKeys.Silo("garbage|abc"));
    }

    public sealed record Node(string Name);

    /// <summary>The cluster's view of its silos, as the test declares it.</summary>
    private sealed class FakeMembership : IClusterMembershipService
    {
        private ImmutableDictionary<SiloAddress, ClusterMember> _members = ImmutableDictionary<SiloAddress, ClusterMember>.Empty;
        private long _version;

        public ClusterMembershipSnapshot CurrentSnapshot => new(_members, new MembershipVersion(_version));

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public void Declare(SiloAddress silo, SiloStatus status)
        {
            _members = _members.SetItem(silo, new ClusterMember(silo, status, silo.ToString()));
            _version++;
        }

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => Task.FromResult(false);
    }
}

using System.Net;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workspace.Grains;
using Workspace.Grains.Live;
using Workspace.Server.Live;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// The node side of every live subscription (documents, groups, sessions), against grains played by the
/// grain side's own <see cref="NodeWatchers{TObserver}"/>: reference counting, renewal, re-subscription
/// after a grain forgot the node, and failures that must not stop the rest.
/// </summary>
public sealed class NodeFanOutTests
{
    private static readonly SiloAddress Silo = SiloAddress.New(IPAddress.Loopback, 11111, 7);

    private readonly Dictionary<Guid, FakeGrain> _grains = [];
    private readonly IGrainFactory _factory = DispatchProxy.Create<IGrainFactory, FakeReferences>();
    private readonly RecordingLogger _log = new();
    private readonly TestFanOut _fanOut;

    public NodeFanOutTests()
    {
        _fanOut = new TestFanOut(_factory, _grains, Options.Create(new NodeOptions { RenewEvery = TimeSpan.FromMilliseconds(100), Expiry = TimeSpan.FromSeconds(1) }), _log);
    }

    private FakeReferences References => (FakeReferences)(object)_factory;

    private FakeGrain Grain(Guid id) => _grains.TryGetValue(id, out var grain) ? grain : _grains[id] = new FakeGrain();

    [Fact]
    public async Task The_first_local_connection_subscribes_the_node_once_and_only_the_last_to_leave_ends_it()
    {
        var target = Guid.NewGuid();
        await _fanOut.Join(target, "c1");
        await _fanOut.Join(target, "c2");

        Assert.Equal(1, References.Created);
        Assert.Equal(1, Grain(target).Nodes.Count);
        Assert.Equal(1, _fanOut.Count);

        Assert.True(await _fanOut.Leave(target, "c1"));
        Assert.Equal((1, 0), (Grain(target).Nodes.Count, References.Deleted));

        Assert.True(await _fanOut.Leave(target, "c2"));
        Assert.False(await _fanOut.Leave(target, "c2"));
        Assert.Equal((0, 1, 0), (Grain(target).Nodes.Count, References.Deleted, _fanOut.Count));

        // Joining again begins a new subscription with a new reference.
        await _fanOut.Join(target, "c3");
        Assert.Equal((2, 1), (References.Created, Grain(target).Nodes.Count));
    }

    [Fact]
    public async Task Renewal_lists_each_grain_its_local_connections_and_keeps_the_node_from_expiring()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await _fanOut.Join(first, "a1");
        await _fanOut.Join(first, "a2");
        await _fanOut.Join(second, "b1");

        await _fanOut.RenewAll();

        Assert.Equal(["a1", "a2"], Grain(first).LastListed.Order());
        Assert.Equal(["b1"], Grain(second).LastListed);
        Assert.Equal((1, 1), (Grain(first).Renewals, Grain(second).Renewals));
        Assert.Empty(_log.Warnings);
    }

    [Fact]
    public async Task A_grain_that_forgot_the_node_is_subscribed_again_and_learns_the_connections_it_no_longer_knew()
    {
        var target = Guid.NewGuid();
        await _fanOut.Join(target, "c1");
        await _fanOut.Join(target, "c2");

        Grain(target).Reactivate(); // its node died and it came back elsewhere, knowing nobody
        await _fanOut.RenewAll();

        Assert.Equal(["c1", "c2"], Grain(target).Rejoined.Order());
        Assert.Equal(1, Grain(target).Nodes.Count);
        Assert.Equal(["c1", "c2"], Grain(target).Connections.Order());

        await _fanOut.RenewAll();
        Assert.Equal(2, Grain(target).Rejoined.Count); // known again: nothing more to rejoin
    }

    [Fact]
    public async Task A_renewal_that_fails_is_logged_and_the_other_grains_are_still_renewed()
    {
        var (failing, fine) = (Guid.NewGuid(), Guid.NewGuid());
        await _fanOut.Join(failing, "a");
        await _fanOut.Join(fine, "b");
        Grain(failing).Fail = true;

        await _fanOut.RenewAll();

        Assert.Equal(1, Grain(fine).Renewals);
        var warning = Assert.Single(_log.Warnings);
        Assert.Contains($"thing {failing}", warning);
    }

    [Fact]
    public async Task An_end_the_grain_does_not_hear_is_logged_and_the_reference_is_released_once_the_grain_has_expired_the_node()
    {
        var target = Guid.NewGuid();
        await _fanOut.Join(target, "a");
        Grain(target).Fail = true;

        Assert.True(await _fanOut.Leave(target, "a"));

        // The grain still holds the observer and may call it: deleting it now would make each call fail in Orleans.
        Assert.Equal((0, 0), (References.Deleted, _fanOut.Count));
        Assert.Contains("expires on its own", Assert.Single(_log.Warnings));
        await _fanOut.RenewAll();
        Assert.Equal(0, References.Deleted);

        await Task.Delay(TimeSpan.FromSeconds(2.2)); // twice the expiry
        await _fanOut.RenewAll();
        Assert.Equal(1, References.Deleted);
    }

    [Fact]
    public async Task A_kind_whose_grains_forget_nodes_only_on_expiry_keeps_the_observer_until_then_and_a_returning_connection_takes_it_up()
    {
        var fanOut = new TestFanOut(_factory, _grains, Options.Create(new NodeOptions { RenewEvery = TimeSpan.FromMilliseconds(100), Expiry = TimeSpan.FromSeconds(1) }), _log) { ExpiryOnly = true };
        var target = Guid.NewGuid();
        await fanOut.Join(target, "a");
        Assert.True(await fanOut.Leave(target, "a"));
        Assert.Equal((0, 0, 1), (References.Deleted, fanOut.Count, Grain(target).Nodes.Count)); // nothing told: the grain expires it

        // Back within the expiry (the person opened the session page again): the grain sees the same observer.
        await fanOut.Join(target, "b");
        Assert.Equal((1, 1), (References.Created, Grain(target).Nodes.Count));
        Assert.True(await fanOut.Leave(target, "b"));

        await fanOut.RenewAll();
        Assert.Equal(0, References.Deleted);
        await Task.Delay(TimeSpan.FromSeconds(2.2)); // twice the expiry: the grain has swept the node by now
        await fanOut.RenewAll();
        Assert.Equal((1, 1), (References.Created, References.Deleted));
        Assert.Empty(_log.Warnings);
    }

    [Fact]
    public async Task The_node_renews_on_its_own_every_RenewEvery_and_its_key_names_its_silo()
    {
        var target = Guid.NewGuid();
        await _fanOut.Join(target, "a");

        await _fanOut.StartAsync(CancellationToken.None);
        await Eventually.True(() => Grain(target).Renewals >= 2, "two renewals on the node's own timer");
        await _fanOut.StopAsync(CancellationToken.None);

        Assert.Equal(Silo, NodeKeys.Silo(_fanOut.NodeKey));
    }

    public interface ITestObserver : IGrainObserver
    {
        Task Changed();
    }

    public sealed class TestNode(Guid targetId) : ITestObserver
    {
        public Guid TargetId { get; } = targetId;

        public Task Changed() => Task.CompletedTask;
    }

    /// <summary>A grain as a node meets it: the grain side's watchers, and the connections it knows.</summary>
    private sealed class FakeGrain
    {
        public NodeWatchers<ITestObserver> Nodes { get; private set; } = new(TimeSpan.FromSeconds(1), TimeProvider.System, null);

        public HashSet<string> Connections { get; private set; } = [];

        public List<string> Rejoined { get; } = [];

        public string[] LastListed { get; set; } = [];

        public int Renewals { get; set; }

        public bool Fail { get; set; }

        public void Reactivate() => (Nodes, Connections) = (new(TimeSpan.FromSeconds(1), TimeProvider.System, null), []);

        public void Check()
        {
            if (Fail)
            {
                throw new TimeoutException("the grain did not answer");
            }
        }
    }

    private sealed class TestFanOut(IGrainFactory grains, Dictionary<Guid, FakeGrain> world, IOptions<NodeOptions> options, ILogger logger)
        : NodeFanOut<ITestObserver, TestNode, string>(grains, new SiloDetails(), options, logger)
    {
        protected override string Kind => "thing";

        public bool ExpiryOnly { get; init; }

        protected override bool ForgottenOnlyOnExpiry => ExpiryOnly;

        public Task Join(Guid targetId, string connectionId)
        {
            ITestObserver reference;
            lock (Sync)
            {
                var subscription = Attach(targetId);
                subscription.Connections[connectionId] = connectionId;
                reference = subscription.Reference;
            }

            var grain = Known(targetId);
            grain.Nodes.Subscribe(NodeKey, reference);
            grain.Connections.Add(connectionId);
            return Task.CompletedTask;
        }

        public Task<bool> Leave(Guid targetId, string connectionId) => Detach(targetId, connectionId);

        protected override TestNode CreateObserver(Guid targetId) => new(targetId);

        protected override Task<IReadOnlyCollection<string>> Renew(Guid targetId, ITestObserver reference, IReadOnlyList<KeyValuePair<string, string>> connections)
        {
            var grain = Known(targetId);
            grain.Check();
            grain.Renewals++;
            grain.LastListed = [.. connections.Select(c => c.Key)];
            grain.Nodes.Subscribe(NodeKey, reference);
            return Task.FromResult<IReadOnlyCollection<string>>([.. connections.Select(c => c.Key).Where(c => !grain.Connections.Contains(c))]);
        }

        protected override Task Rejoin(Guid targetId, ITestObserver reference, IReadOnlyCollection<string> connectionIds)
        {
            var grain = Known(targetId);
            grain.Rejoined.AddRange(connectionIds);
            grain.Connections.UnionWith(connectionIds);
            return Task.CompletedTask;
        }

        protected override Task Unsubscribe(Guid targetId, ITestObserver reference)
        {
            var grain = Known(targetId);
            grain.Check();
            grain.Nodes.Unsubscribe(NodeKey, reference);
            return Task.CompletedTask;
        }

        private FakeGrain Known(Guid targetId) => world.TryGetValue(targetId, out var grain) ? grain : world[targetId] = new FakeGrain();
    }

    private sealed class SiloDetails : ILocalSiloDetails
    {
        public string Name => "test";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => Silo;

        public SiloAddress GatewayAddress => Silo;
    }

    /// <summary>The grain factory as a node fan-out uses it: object references made and released, counted.</summary>
    public class FakeReferences : DispatchProxy
    {
        public int Created { get; private set; }

        public int Deleted { get; private set; }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            switch (method?.Name)
            {
                case nameof(IGrainFactory.CreateObjectReference):
                    Created++;
                    return args![0];
                case nameof(IGrainFactory.DeleteObjectReference):
                    Deleted++;
                    return null;
                default:
                    throw new NotSupportedException(method?.Name);
            }
        }
    }

    private sealed class RecordingLogger : ILogger
    {
        private readonly List<string> _warnings = [];

        public IReadOnlyList<string> Warnings
        {
            get
            {
                lock (_warnings)
                {
                    return [.. _warnings];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                lock (_warnings)
                {
                    _warnings.Add(formatter(state, exception));
                }
            }
        }
    }
}

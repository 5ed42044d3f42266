using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;
using Workspace.Grains.Documents;
using Workspace.Grains.Tests.Groups;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Documents;

/// <summary>
/// Group commit, against a storage whose document writes are slow: one write in flight at a
/// time, each carrying everything applied meanwhile; every edit acknowledged only after the write
/// that carries it; what is published goes out in batches, in revision order.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private readonly SlowDocumentStorage _storage = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, _storage);
            silo.Services.AddSingleton(TimeProvider.System);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_edits_share_writes_and_each_is_acknowledged_only_once_durable()
    {
        var grains = _cluster.Client;
        var fixture = new ScenarioUsers(grains);
        var scenario = await fixture.Scenario();
        var summary = await scenario.Group.CreateDocument(scenario.Facilitator.Id, "Draft", DocumentVisibility.Members);
        var document = grains.GetGrain<IDocumentGrain>(summary.Id);
        var node = new RecordingNode();
        var reference = grains.CreateObjectReference<IDocumentObserver>(node);
        for (var i = 0; i < 20; i++)
        {
            await document.Open(new OpenRequest(scenario.Member.Id, $"c{i}", "node-1", reference, null));
        }

        var writesBefore = _storage.DocumentWrites;
        var early = new ConcurrentBag<(int Acknowledged, int Durable)>();
        await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            var revision = await document.Submit(new Submission(scenario.Member.Id, $"c{i % 20}", $"client-{i}", 1, 0, TextOperation.Builder().Insert("x").Build()));
            early.Add((revision, _storage.DurableRevision));
        }));

        var writes = _storage.DocumentWrites - writesBefore;
        Assert.All(early, e => Assert.True(e.Acknowledged <= e.Durable, $"revision {e.Acknowledged} acknowledged before it was written (durable: {e.Durable})"));
        Assert.Equal(Enumerable.Range(1, 60), early.Select(e => e.Acknowledged).Order());
        Assert.InRange(writes, 1, 20);
        Assert.Equal(1, _storage.MostConcurrentWrites);
        Assert.Equal(0, _storage.InconsistentWrites);
        Assert.Equal(new string('x', 60), (await document.GetText(scenario.Member.Id)).Text);

        // Calls to an observer may arrive in any order (a node puts them back in order by their
        // sequence numbers): in sequence order, the broadcasts carry every revision once, in order.
        await WaitFor(() => node.Operations.Count == 60);
        Assert.Equal(Enumerable.Range(1, 60), node.InSequence().SelectMany(b => b.Operations).Select(o => o.Revision));
        Assert.All(node.InSequence(), b => Assert.True(b.Sequence > 0, "every broadcast is numbered"));
        Assert.Equal(node.Broadcasts.Count, node.InSequence().Select(b => b.Sequence).Distinct().Count());
        Assert.InRange(node.BatchesWithOperations, 1, 20);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }

    private sealed class RecordingNode : IDocumentObserver
    {
        private readonly Lock _lock = new();

        public List<AppliedOperation> Operations { get; } = [];

        public List<DocumentBroadcast> Broadcasts { get; } = [];

        public int BatchesWithOperations { get; private set; }

        public IEnumerable<DocumentBroadcast> InSequence()
        {
            lock (_lock)
            {
                return Broadcasts.OrderBy(b => b.Sequence).ToArray();
            }
        }

        public Task Publish(DocumentBroadcast broadcast)
        {
            lock (_lock)
            {
                Broadcasts.Add(broadcast);
                Operations.AddRange(broadcast.Operations);
                if (broadcast.Operations.Count > 0)
                {
                    BatchesWithOperations++;
                }
            }

            return Task.CompletedTask;
        }

        public Task ListReaders() => Task.CompletedTask;
    }

    /// <summary>Users and a group on this test's own cluster (the shared fixture's helpers, without its clock).</summary>
    private sealed class ScenarioUsers(IGrainFactory grains)
    {
        public async Task<(IWorkingGroupGrain Group, Contracts.Accounts.UserProfile Facilitator, Contracts.Accounts.UserProfile Member)> Scenario()
        {
            var admin = await NewUser("Admin", admin: true);
            var facilitator = await NewUser("Fabiola");
            var member = await NewUser("Mateo");
            var group = grains.GetGrain<IWorkingGroupGrain>(Guid.NewGuid());
            await group.CreateWithFacilitator(admin.Id, GroupScenario.Details, facilitator.Id);
            await GroupScenario.Join(group, facilitator.Id, member.Id, GroupRole.Member);
            return (group, facilitator, member);
        }

        private Task<Contracts.Accounts.UserProfile> NewUser(string name, bool admin = false)
        {
            var email = $"{name.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
            return grains.GetGrain<Contracts.Accounts.IAccountGrain>(email).Register(new Contracts.Accounts.NewAccount(email, "correct horse battery", name, $"{name} Org", "MX"), admin);
        }
    }
}

/// <summary>In-memory grain storage whose document writes take a while, counting them and how many overlap.</summary>
public sealed class SlowDocumentStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string, GrainId), (object State, string ETag)> _store = new();
    private int _concurrent;
    private int _mostConcurrent;
    private int _durable;
    private int _writes;
    private int _inconsistent;

    /// <summary>Writes that, read after their await, saw a text of another revision than the state's.</summary>
    public int InconsistentWrites => Volatile.Read(ref _inconsistent);

    public int DocumentWrites => Volatile.Read(ref _writes);

    public int MostConcurrentWrites => Volatile.Read(ref _mostConcurrent);

    /// <summary>The highest document revision a completed write carried.</summary>
    public int DurableRevision => Volatile.Read(ref _durable);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_store.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = (T)stored.State;
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.State is DocumentState document)
        {
            var revision = document.Revision;
            var now = Interlocked.Increment(ref _concurrent);
            InterlockedMax(ref _mostConcurrent, now);
            await Task.Delay(40);

            // A provider may serialise the state only now, after an await (edits went on meanwhile):
            // it must still see one revision's text (every edit here inserts one character).
            if (document.Text.Length != document.Revision)
            {
                Interlocked.Increment(ref _inconsistent);
            }

            Interlocked.Decrement(ref _concurrent);
            Interlocked.Increment(ref _writes);
            InterlockedMax(ref _durable, revision);
        }

        grainState.ETag = Guid.NewGuid().ToString("N");
        grainState.RecordExists = true;
        _store[(stateName, grainId)] = (grainState.State!, grainState.ETag);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _store.TryRemove((stateName, grainId), out _);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

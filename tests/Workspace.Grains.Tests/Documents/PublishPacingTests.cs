using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Workspace.Collaboration;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;
using Workspace.Grains.Documents;
using Workspace.Grains.Tests.Groups;

namespace Workspace.Grains.Tests.Documents;

/// <summary>
/// Load-following batching, on a real cluster: a document publishes each edit at once while its
/// node keeps up, and gathers what arrives while a broadcast is still being delivered into the next.
/// </summary>
public sealed class PublishPacingTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.Services.AddSingleton(TimeProvider.System);

            // Long enough that only a delivery's answer, never the ceiling, can release what waits.
            silo.Services.Configure<DocumentOptions>(o => o.MaxPublishWindow = TimeSpan.FromSeconds(30));
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
    public async Task Edits_go_out_one_by_one_while_delivery_keeps_up_and_together_while_it_lags()
    {
        var grains = _cluster.Client;
        var (group, member) = await Scenario(grains);
        var summary = await group.CreateDocument(member.Id, "Draft", DocumentVisibility.Members);
        var document = grains.GetGrain<IDocumentGrain>(summary.Id);
        var node = new GatedNode();
        await document.Open(new OpenRequest(member.Id, "c1", "node-1", grains.CreateObjectReference<IDocumentObserver>(node), null));
        var sequence = 0;
        Task<int> Type(string text) => document.Submit(new Submission(member.Id, "c1", "client-1", ++sequence, sequence - 1, TextOperation.Builder().Retain(sequence - 1).Insert(text).Build()));

        // Keeping up: each edit is its own broadcast, sent as soon as it is durable.
        await Type("a");
        await node.WaitForOperations(1);
        await Type("b");
        await node.WaitForOperations(2);
        Assert.Equal([[1], [2]], node.OperationBatches());

        // The node stops answering: the next edit goes out, the three after it wait for that delivery.
        node.Hold();
        await Type("c");
        await node.WaitForOperations(3);
        await Type("d");
        await Type("e");
        await Type("f");
        await Task.Delay(300);
        Assert.Equal(3, node.OperationCount);

        // Its answer releases them, in one broadcast.
        node.Release();
        await node.WaitForOperations(6);
        Assert.Equal([[1], [2], [3], [4, 5, 6]], node.OperationBatches());

        // Back to keeping up: the next edit goes alone, at once.
        await Type("g");
        await node.WaitForOperations(7);
        Assert.Equal([7], node.OperationBatches()[^1]);
    }

    private static async Task<(IWorkingGroupGrain Group, UserProfile Member)> Scenario(IGrainFactory grains)
    {
        var admin = await NewUser(grains, "Admin", admin: true);
        var facilitator = await NewUser(grains, "Fabiola");
        var group = grains.GetGrain<IWorkingGroupGrain>(Guid.NewGuid());
        await group.CreateWithFacilitator(admin.Id, GroupScenario.Details, facilitator.Id);
        return (group, facilitator);
    }

    private static Task<UserProfile> NewUser(IGrainFactory grains, string name, bool admin = false)
    {
        var email = $"{name.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        return grains.GetGrain<IAccountGrain>(email).Register(new NewAccount(email, "correct horse battery", name, $"{name} Org", "MX"), admin);
    }

    /// <summary>A node whose answers to broadcasts can be held back, as a busy node's would be.</summary>
    private sealed class GatedNode : IDocumentObserver
    {
        private readonly Lock _lock = new();
        private readonly List<DocumentBroadcast> _broadcasts = [];
        private TaskCompletionSource? _gate;

        public int OperationCount
        {
            get
            {
                lock (_lock)
                {
                    return _broadcasts.Sum(b => b.Operations.Count);
                }
            }
        }

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Interlocked.Exchange(ref _gate, null)?.SetResult();

        public int[][] OperationBatches()
        {
            lock (_lock)
            {
                return _broadcasts.OrderBy(b => b.Sequence).Where(b => b.Operations.Count > 0).Select(b => b.Operations.Select(o => o.Revision).ToArray()).ToArray();
            }
        }

        public async Task WaitForOperations(int count)
        {
            for (var i = 0; i < 500 && OperationCount < count; i++)
            {
                await Task.Delay(10);
            }

            Assert.Equal(count, OperationCount);
        }

        public Task Publish(DocumentBroadcast broadcast)
        {
            lock (_lock)
            {
                _broadcasts.Add(broadcast);
            }

            return _gate?.Task ?? Task.CompletedTask;
        }

        public Task ListReaders() => Task.CompletedTask;
    }
}

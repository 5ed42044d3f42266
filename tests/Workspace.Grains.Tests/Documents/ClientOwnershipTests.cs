using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Grains.Documents;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Documents;

/// <summary>
/// An edit's identity is (person, clientId, sequence): a clientId belongs to the person who first
/// used it on a document, so knowing someone's clientId (every broadcast shows it) never lets another
/// person's submission be taken for theirs.
/// </summary>
public sealed class ClientOwnershipTests : IAsyncLifetime
{
    private readonly List<IDocumentObserver> _nodes = [];
    private readonly List<SilentNode> _silent = []; // Orleans holds observers weakly
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);

            // As in production: state stored by the Orleans serializer (its [Id]s are what an upgrade must keep).
            silo.Services.AddOptions<Orleans.Configuration.MemoryGrainStorageOptions>(StorageNames.Default)
                .Configure<Orleans.Serialization.Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.Configure<DocumentOptions>(o =>
            {
                o.RememberedClients = 30;
                o.RememberedClientsPerPerson = 10;
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(long.MaxValue)]
    public async Task Another_person_using_an_author_s_client_id_is_refused_and_the_author_s_edits_keep_applying(long sequence)
    {
        var (document, a, b) = await OpenDocument();

        Assert.Equal(1, await document.Submit(Edit(a, "a-client", 1, 0, "Hello")));
        var refused = await Assert.ThrowsAsync<WorkspaceException>(() => document.Submit(Edit(b, "a-client", sequence, 1, "!", retain: 5)));
        Assert.Equal(ErrorCodes.OperationClientTaken, refused.Code);

        Assert.Equal(2, await document.Submit(Edit(a, "a-client", 2, 1, " world", retain: 5)));
        Assert.Equal(3, await document.Submit(Edit(a, "a-client", 3, 2, ".", retain: 11)));
        Assert.Equal("Hello world.", (await document.GetText(a.User)).Text);
    }

    [Fact]
    public async Task Using_many_client_ids_does_not_push_another_person_s_out_so_that_it_could_be_claimed()
    {
        var (document, a, b) = await OpenDocument();
        Assert.Equal(1, await document.Submit(Edit(a, "a-client", 1, 0, "A")));

        // B uses far more clientIds than the document remembers: only B's own oldest are forgotten.
        var revision = 1;
        for (var i = 0; i < 40; i++)
        {
            revision = await document.Submit(Edit(b, $"b-{i}", 1, revision, "b", retain: revision));
        }

        var refused = await Assert.ThrowsAsync<WorkspaceException>(() => document.Submit(Edit(b, "a-client", 99, revision, "!", retain: revision)));
        Assert.Equal(ErrorCodes.OperationClientTaken, refused.Code);
        Assert.Equal(1, await document.Submit(Edit(a, "a-client", 1, 0, "A"))); // still acknowledged, not applied again
        Assert.Equal(revision + 1, await document.Submit(Edit(a, "a-client", 2, revision, "a", retain: revision)));
    }

    [Fact]
    public async Task The_document_s_own_client_ids_cannot_be_used_by_a_live_client()
    {
        var (document, a, _) = await OpenDocument();

        foreach (var reserved in new[] { "restore", "seed", $"amendment-{Guid.NewGuid():N}" })
        {
            var refused = await Assert.ThrowsAsync<WorkspaceException>(() => document.Submit(Edit(a, reserved, 1, 0, "x")));
            Assert.Equal(ErrorCodes.OperationClientTaken, refused.Code);
        }

        Assert.Equal(string.Empty, (await document.GetText(a.User)).Text);
    }

    [Fact]
    public async Task Resubmitting_an_older_sequence_answers_the_revision_it_became()
    {
        var (document, a, b) = await OpenDocument();
        Assert.Equal(1, await document.Submit(Edit(a, "a-client", 1, 0, "one ")));
        Assert.Equal(2, await document.Submit(Edit(b, "b-client", 1, 1, "two ", retain: 4)));
        Assert.Equal(3, await document.Submit(Edit(a, "a-client", 2, 2, "three", retain: 8)));

        Assert.Equal(1, await document.Submit(Edit(a, "a-client", 1, 0, "one ")));
        Assert.Equal(3, await document.Submit(Edit(a, "a-client", 2, 2, "three", retain: 8)));
        Assert.Equal("one two three", (await document.GetText(a.User)).Text);
    }

    [Fact]
    public async Task A_mark_stored_before_client_ids_had_owners_is_bound_to_the_author_of_its_operation()
    {
        var (document, a, b) = await OpenDocument();
        Assert.Equal(1, await document.Submit(Edit(a, "a-client", 1, 0, "Hello")));

        // As stored by the previous version: the mark has no owner.
        await Deactivate(document);
        var storage = _cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var stored = new GrainState<DocumentState>();
        await storage.ReadStateAsync("document", document.GetGrainId(), stored);
        stored.State!.Clients = stored.State.Clients.ToDictionary(c => c.Key, c => c.Value with { Owner = Guid.Empty });
        await storage.WriteStateAsync("document", document.GetGrainId(), stored);

        await document.Open(new OpenRequest(a.User, a.Connection, "node", _nodes[0], null));
        await document.Open(new OpenRequest(b.User, b.Connection, "node", _nodes[0], null));
        var refused = await Assert.ThrowsAsync<WorkspaceException>(() => document.Submit(Edit(b, "a-client", 1_000_000, 1, "!", retain: 5)));
        Assert.Equal(ErrorCodes.OperationClientTaken, refused.Code);
        Assert.Equal(2, await document.Submit(Edit(a, "a-client", 2, 1, " again", retain: 5)));
        Assert.Equal("Hello again", (await document.GetText(a.User)).Text);
    }

    [Fact]
    public async Task Submitting_to_a_document_not_open_on_the_connection_gets_one_answer_whether_or_not_it_exists()
    {
        var (existing, a, _) = await OpenDocument();
        var unknown = Grains.GetGrain<IDocumentGrain>(Guid.NewGuid());
        var stranger = a with { Connection = "not-opened-here" };

        var onExisting = await Assert.ThrowsAsync<WorkspaceException>(() => existing.Submit(Edit(stranger, "s", 1, 0, "x")));
        var onUnknown = await Assert.ThrowsAsync<WorkspaceException>(() => unknown.Submit(Edit(stranger, "s", 1, 0, "x")));

        Assert.Equal(ErrorCodes.DocumentNotOpen, onExisting.Code);
        Assert.Equal(ErrorCodes.DocumentNotOpen, onUnknown.Code);
    }

    private async Task<(IDocumentGrain Document, Editor A, Editor B)> OpenDocument()
    {
        var admin = await NewUser("Admin", admin: true);
        var facilitator = await NewUser("Fabiola");
        var memberA = await NewUser("Ana");
        var memberB = await NewUser("Bruno");
        var group = Grains.GetGrain<IWorkingGroupGrain>(Guid.NewGuid());
        await group.CreateWithFacilitator(admin.Id, Groups.GroupScenario.Details, facilitator.Id);
        await Groups.GroupScenario.Join(group, facilitator.Id, memberA.Id, GroupRole.Member);
        await Groups.GroupScenario.Join(group, facilitator.Id, memberB.Id, GroupRole.Member);
        var summary = await group.CreateDocument(facilitator.Id, "Draft", DocumentVisibility.Members);
        var document = Grains.GetGrain<IDocumentGrain>(summary.Id);
        var silent = new SilentNode();
        _silent.Add(silent);
        var node = Grains.CreateObjectReference<IDocumentObserver>(silent);
        _nodes.Add(node);
        var a = new Editor(memberA.Id, $"a-{Guid.NewGuid():N}");
        var b = new Editor(memberB.Id, $"b-{Guid.NewGuid():N}");
        await document.Open(new OpenRequest(a.User, a.Connection, "node", node, null));
        await document.Open(new OpenRequest(b.User, b.Connection, "node", node, null));
        return (document, a, b);
    }

    private static Submission Edit(Editor editor, string clientId, long sequence, int baseRevision, string insert, int retain = 0) =>
        new(editor.User, editor.Connection, clientId, sequence, baseRevision, TextOperation.Builder().Retain(retain).Insert(insert).Build());

    private async Task Deactivate(IDocumentGrain document)
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        await management.DeactivateGrain(document.GetGrainId());
        for (var i = 0; i < 500 && await management.GetActivationAddress(document) is not null; i++)
        {
            await Task.Delay(10);
        }
    }

    private Task<Contracts.Accounts.UserProfile> NewUser(string name, bool admin = false)
    {
        var email = $"{name.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        return Grains.GetGrain<Contracts.Accounts.IAccountGrain>(email).Register(new Contracts.Accounts.NewAccount(email, "correct horse battery", name, $"{name} Org", "MX"), admin);
    }

    private sealed record Editor(Guid User, string Connection);

    private sealed class SilentNode : IDocumentObserver
    {
        public Task Publish(DocumentBroadcast broadcast) => Task.CompletedTask;

        public Task ListReaders() => Task.CompletedTask;
    }
}

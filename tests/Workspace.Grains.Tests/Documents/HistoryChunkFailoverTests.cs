using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Grains.Tests.Groups;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Documents;

/// <summary>
/// A completed chunk of history is stored with a grain of its own, which may live on a node that
/// has just died. Until the cluster declares that node dead, storing the chunk fails: the document
/// waits that out instead of breaking; and if a write does fail, its readers are not told the
/// document closed — their nodes are asked to renew, learn that it no longer knows them, and they
/// open it again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HistoryChunkFailoverTests(ClusterFixture fixture)
{
    private readonly List<Node> _nodes = []; // Orleans holds observers weakly

    [Fact]
    public async Task Storing_a_chunk_while_its_node_is_gone_is_retried_and_every_edit_is_acknowledged_and_kept()
    {
        var (document, member) = await NewDocument();
        var (node, reference) = NewNode();
        HistoryFaults.Fail(document.GetPrimaryKey(), 3);
        var opened = await document.Open(new OpenRequest(member, "c1", "node-a", reference, null));

        // Past the first chunk boundary (256 operations): that write's chunk store fails three times.
        var expected = "";
        for (var sequence = 1; sequence <= 300; sequence++)
        {
            var letter = (char)('a' + sequence % 26);
            Assert.Equal(opened.Revision + sequence, await document.Submit(new Submission(member, "c1", "editor", sequence, opened.Revision + sequence - 1, Insert(expected.Length, letter.ToString()))));
            expected += letter;
        }

        Assert.Equal(3, HistoryFaults.Failures(document.GetPrimaryKey()));
        Assert.Equal(0, node.Closed);

        // Durable, chunk included: a new activation reads revision 100 from the stored chunk.
        await fixture.RewriteStored<Grains.Documents.DocumentState>(document, "document", s => Assert.Equal(300, s.Revision));
        Assert.Equal(expected, (await document.GetText(member)).Text);
        Assert.Equal(expected[..100], (await document.GetRevision(member, 100)).Text);
    }

    [Fact]
    public async Task A_write_that_fails_for_good_sends_its_readers_to_reopen_not_away_and_their_edit_can_be_resubmitted()
    {
        var (document, member) = await NewDocument();
        var (node, reference) = NewNode();
        var id = document.GetPrimaryKey();
        HistoryFaults.Fail(id, int.MaxValue);
        var opened = await document.Open(new OpenRequest(member, "c1", "node-a", reference, null));
        var askedBefore = node.ListReadersCalls;

        // Edits until the one whose write carries the first chunk: it fails once the retries give up (2 s here).
        var text = "";
        var sequence = 0;
        WorkspaceException? refused = null;
        while (refused is null && sequence < 600)
        {
            sequence++;
            try
            {
                await document.Submit(new Submission(member, "c1", "editor", sequence, opened.Revision + sequence - 1, Insert(text.Length, "x")));
                text += "x";
            }
            catch (WorkspaceException e)
            {
                refused = e;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(ErrorCodes.DocumentUnavailable, refused.Code);
        Assert.True(HistoryFaults.Failures(id) > 1, "the store was tried more than once before the write failed");

        // The node is asked for its readers; nobody is told the document closed.
        await Eventually(() => node.ListReadersCalls > askedBefore, "the node is asked to renew at once");
        Assert.Equal(0, node.Closed);

        // Once the history grain answers again, the replacement does not know the reader: its node has it reopen.
        HistoryFaults.Heal(id);
        await Eventually(async () => (await Renew(document, reference)).Contains("c1"), "the renewal names the reader, which reopens");
        OpenedDocument? reopened = null;
        await Eventually(async () => (reopened = await TryOpen(document, new OpenRequest(member, "c1", "node-a", reference, opened.Revision + sequence - 1))) is not null, "the replacement activation opens");
        Assert.Equal(opened.Revision + sequence - 1, reopened!.Revision);

        // The refused edit, resubmitted as it was, is applied once.
        var revision = await document.Submit(new Submission(member, "c1", "editor", sequence, reopened.Revision, Insert(text.Length, "x")));
        Assert.Equal(reopened.Revision + 1, revision);
        Assert.Equal(text + "x", (await document.GetText(member)).Text);
    }

    private static async Task<OpenedDocument?> TryOpen(IDocumentGrain document, OpenRequest request)
    {
        try
        {
            return await document.Open(request);
        }
        catch (WorkspaceException e) when (e.Code == ErrorCodes.DocumentUnavailable)
        {
            return null; // the failed activation refuses until it is replaced
        }
    }

    private static async Task<IReadOnlyList<string>> Renew(IDocumentGrain document, IDocumentObserver reference)
    {
        try
        {
            return await document.Renew("node-a", reference, ["c1"]);
        }
        catch (WorkspaceException)
        {
            return []; // the failed activation is still being replaced
        }
    }

    private async Task<(IDocumentGrain Document, Guid Member)> NewDocument()
    {
        var scenario = await GroupScenario.Create(fixture);
        var summary = await scenario.Group.CreateDocument(scenario.Facilitator.Id, "Draft", DocumentVisibility.Members);
        return (fixture.Grains.GetGrain<IDocumentGrain>(summary.Id), scenario.Member.Id);
    }

    private (Node Node, IDocumentObserver Reference) NewNode()
    {
        var node = new Node();
        _nodes.Add(node);
        return (node, fixture.Grains.CreateObjectReference<IDocumentObserver>(node));
    }

    private static TextOperation Insert(int at, string text) => TextOperation.Builder().Retain(at).Insert(text).Build();

    private static Task Eventually(Func<bool> condition, string because) => Eventually(() => Task.FromResult(condition()), because);

    private static async Task Eventually(Func<Task<bool>> condition, string because)
    {
        for (var i = 0; i < 500 && !await condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(await condition(), because);
    }

    private sealed class Node : IDocumentObserver
    {
        private int _closed;
        private int _listReaders;

        public int Closed => Volatile.Read(ref _closed);

        public int ListReadersCalls => Volatile.Read(ref _listReaders);

        public Task Publish(DocumentBroadcast broadcast)
        {
            Interlocked.Add(ref _closed, broadcast.Closed.Count);
            return Task.CompletedTask;
        }

        public Task ListReaders()
        {
            Interlocked.Increment(ref _listReaders);
            return Task.CompletedTask;
        }
    }
}

using Workspace.Contracts.Documents;
using Workspace.Grains.Tests.Groups;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Documents;

/// <summary>
/// How a document keeps track of the nodes that have it open. Sessions live only in its memory:
/// when it is activated again (its node died, or it was collected), the nodes still hold
/// connections that had it open — the first time the new activation hears from a node it asks
/// for that node's readers, and a renewal names those it does not know so that they reopen (a
/// lurker included, who never submits anything). A node's late goodbye does not end a newer
/// subscription of the same node.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NodeSubscriptionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_late_unsubscribe_of_a_node_s_old_subscription_leaves_its_new_reader_subscribed()
    {
        var scenario = await GroupScenario.Create(fixture);
        var summary = await scenario.Group.CreateDocument(scenario.Facilitator.Id, "Draft", DocumentVisibility.Members);
        var document = fixture.Grains.GetGrain<IDocumentGrain>(summary.Id);
        var (_, old) = Node();
        var (fresh, current) = Node();

        // A page is refreshed: its old connection was the node's last reader, and the new one opens
        // (through a new subscription of the same node) before the old subscription's goodbye arrives.
        await document.Open(new OpenRequest(scenario.Member.Id, "before-refresh", "node-a", old, null));
        await document.Close("before-refresh");
        var opened = await document.Open(new OpenRequest(scenario.Member.Id, "after-refresh", "node-a", current, null));
        await document.Unsubscribe("node-a", old);

        // The new reader is still present, may still edit, and its node still hears of every edit.
        var revision = await document.Submit(new Submission(scenario.Member.Id, "after-refresh", "editor", 1, opened.Revision, Collaboration.TextOperation.Builder().Insert("kept").Build()));
        await Eventually(() => fresh.Operations.Contains(revision), "the node's new subscription receives the edit");
        Assert.Empty(await document.Renew("node-a", current, ["after-refresh"]));

        // The goodbye of the subscription that is current does end it.
        await document.Unsubscribe("node-a", current);
        Assert.Equal(["after-refresh"], await document.Renew("node-a", current, ["after-refresh"]));
    }

    [Fact]
    public async Task A_reactivated_document_asks_each_node_it_meets_again_for_its_readers_and_names_those_it_does_not_know()
    {
        var scenario = await GroupScenario.Create(fixture);
        var summary = await scenario.Group.CreateDocument(scenario.Facilitator.Id, "Draft", DocumentVisibility.Observers);
        var document = fixture.Grains.GetGrain<IDocumentGrain>(summary.Id);
        var (nodeA, a) = Node();
        var (nodeB, b) = Node();

        var first = await document.Open(new OpenRequest(scenario.Member.Id, "member", "node-a", a, null));
        await document.Open(new OpenRequest(scenario.Observer.Id, "observer", "node-a", a, null));
        await document.Open(new OpenRequest(scenario.Facilitator.Id, "facilitator", "node-b", b, null));
        await Eventually(() => nodeA.ListReadersCalls == 1 && nodeB.ListReadersCalls == 1, "each node is asked once, when the document first hears from it");

        // While the activation lasts it knows everyone; a connection it never saw is named.
        Assert.Empty(await document.Renew("node-a", a, ["member", "observer"]));
        Assert.Equal(["stranger-connection"], await document.Renew("node-b", b, ["facilitator", "stranger-connection"]));
        Assert.Equal(["facilitator"], await document.Renew("node-a", a, ["facilitator"])); // a session is known only on its own node

        // Each node's broadcasts form one stream numbered 1, 2, 3… (calls to an observer may arrive in
        // any order; the node delivers them in the order of their numbers).
        await Eventually(() => nodeB.Received.Count >= 1, "node B hears of the others");
        var firstStream = nodeA.Received[0].Stream;
        Assert.All(nodeA.Received, r => Assert.Equal(firstStream, r.Stream));
        await Eventually(() => Numbered(nodeA.Received), "node A's broadcasts are numbered 1..n");
        Assert.NotEqual(firstStream, nodeB.Received[0].Stream);

        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await management.DeactivateGrain(document.GetGrainId());
        await Eventually(async () => await management.GetActivationAddress(document) is null, "the document is no longer active");

        // The facilitator's editor reopens (its edit was refused by the new activation): node B is asked at once.
        var reopened = await document.Open(new OpenRequest(scenario.Facilitator.Id, "facilitator", "node-b", b, 0));
        await Eventually(() => nodeB.ListReadersCalls == 2, "node B is asked for its readers by the new activation");
        Assert.Equal(1, nodeA.ListReadersCalls); // not heard from yet
        Assert.Equal([reopened.SessionId], reopened.Participants.Select(p => p.SessionId)); // the new activation knew nobody else
        Assert.NotEqual(first.Epoch, reopened.Epoch); // readers drop the old activation's people (nobody will say they left)
        Assert.NotEmpty(reopened.Epoch);

        // Node A's renewal names both of its readers, the observer who only watches included; once they reopen, nobody is missing.
        Assert.Equal(["member", "observer"], (await document.Renew("node-a", a, ["member", "observer"])).Order());
        await document.Open(new OpenRequest(scenario.Member.Id, "member", "node-a", a, 0));
        var observer = await document.Open(new OpenRequest(scenario.Observer.Id, "observer", "node-a", a, 0));
        Assert.Empty(await document.Renew("node-a", a, ["member", "observer"]));
        Assert.Equal(3, observer.Participants.Count);
        Assert.Equal(1, nodeA.ListReadersCalls); // node A renewed before it opened: the document had already heard from it

        // The new activation numbers node A's broadcasts afresh, in a stream of its own.
        await Eventually(() => nodeA.Received.Any(r => r.Stream != firstStream), "node A hears from the new activation");
        await Eventually(() => Numbered(nodeA.Received.Where(r => r.Stream != firstStream).ToArray()), "the new stream is numbered 1..n");
    }

    [Fact]
    public async Task The_answer_to_an_open_names_the_sessions_that_left_in_the_last_minute()
    {
        var scenario = await GroupScenario.Create(fixture);
        var summary = await scenario.Group.CreateDocument(scenario.Facilitator.Id, "Draft", DocumentVisibility.Observers);
        var document = fixture.Grains.GetGrain<IDocumentGrain>(summary.Id);
        var (_, a) = Node();

        // A reopening reader is in no audience when a departure is published: its answer must say who left,
        // or a broadcast received while opening (older than the answer) would bring them back for good.
        var member = await document.Open(new OpenRequest(scenario.Member.Id, "member", "node-a", a, null));
        var facilitator = await document.Open(new OpenRequest(scenario.Facilitator.Id, "facilitator", "node-a", a, null));
        await document.Close("member");
        var observer = await document.Open(new OpenRequest(scenario.Observer.Id, "observer", "node-a", a, null));

        Assert.Equal([member.SessionId], observer.Departed);
        Assert.DoesNotContain(member.SessionId, observer.Participants.Select(p => p.SessionId));
        Assert.Contains(facilitator.SessionId, observer.Participants.Select(p => p.SessionId));

        // A minute later the departure is forgotten: answers stay small however many people came and went.
        fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        var later = await document.Open(new OpenRequest(scenario.Facilitator.Id, "facilitator-again", "node-a", a, null));
        Assert.Empty(later.Departed);
    }

    /// <summary>True if the sequence numbers received are exactly 1..n, whatever order they arrived in.</summary>
    private static bool Numbered(IReadOnlyList<(Guid Stream, long Sequence)> received) =>
        received.Select(r => r.Sequence).Order().SequenceEqual(Enumerable.Range(1, received.Count).Select(i => (long)i));

    private (RecordingNode Node, IDocumentObserver Reference) Node()
    {
        var node = new RecordingNode();
        _nodes.Add(node); // Orleans holds observers weakly
        return (node, fixture.Grains.CreateObjectReference<IDocumentObserver>(node));
    }

    private readonly List<RecordingNode> _nodes = [];

    private static Task Eventually(Func<bool> condition, string because) => Eventually(() => Task.FromResult(condition()), because);

    private static async Task Eventually(Func<Task<bool>> condition, string because)
    {
        for (var i = 0; i < 500 && !await condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(await condition(), because);
    }

    private sealed class RecordingNode : IDocumentObserver
    {
        private int _listReaders;

        public int ListReadersCalls => Volatile.Read(ref _listReaders);

        private readonly List<(Guid Stream, long Sequence)> _received = [];
        private readonly List<int> _operations = [];

        public IReadOnlyList<int> Operations
        {
            get
            {
                lock (_received)
                {
                    return [.. _operations];
                }
            }
        }

        public IReadOnlyList<(Guid Stream, long Sequence)> Received
        {
            get
            {
                lock (_received)
                {
                    return [.. _received];
                }
            }
        }

        public Task Publish(DocumentBroadcast broadcast)
        {
            lock (_received)
            {
                _received.Add((broadcast.Stream, broadcast.Sequence));
                _operations.AddRange(broadcast.Operations.Select(o => o.Revision));
            }

            return Task.CompletedTask;
        }

        public Task ListReaders()
        {
            Interlocked.Increment(ref _listReaders);
            return Task.CompletedTask;
        }
    }
}

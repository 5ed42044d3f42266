using System.Collections.Concurrent;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Grains.Documents;
using Workspace.Contracts.Groups;
using Workspace.Grains.Tests.Groups;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Documents;

/// <summary>
/// What the document grain itself answers an observer: catch-up never reaches behind the moment the
/// document became visible to observers, and the answer shows organisations, not people.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ObserverCatchUpTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_observer_catching_up_from_before_visibility_gets_the_text_never_the_members_only_operations()
    {
        var node = new Node();
        var (scenario, summary, document, reference, secret, boundary) = await SecretTypedThenVisible(node);

        // From revision 0 (or anything before the switch): the whole text, no operations.
        foreach (var since in new int?[] { 0, secret, null })
        {
            var opened = await document.Open(new OpenRequest(scenario.Observer.Id, "observer", "node-a", reference, since));
            Assert.Equal("Public.", opened.Text);
            Assert.Null(opened.Since);
            Assert.Equal(boundary, opened.Revision);
            Assert.Equal(GroupRole.Observer, opened.Role);
            Assert.Equal("", opened.Summary.CreatedByName);
            Assert.All(opened.Participants, p => Assert.Equal("", p.DisplayName));
            Assert.DoesNotContain(opened.Participants, p => p.UserId == scenario.Member.Id || p.UserId == scenario.Observer.Id);
            Assert.Contains(opened.Participants, p => p.UserId == Disclosure.Pseudonym(summary.Id, scenario.Member.Id) && p.Role == GroupRole.Member);
        }

        // From the switch on: operations, with pseudonymous authors and no client ids.
        var next = await document.Submit(new Submission(scenario.Member.Id, "member", "m", 3, boundary, TextOperation.Builder().Retain(7).Insert(" Seen.").Build()));
        var caughtUp = await document.Open(new OpenRequest(scenario.Observer.Id, "observer", "node-a", reference, boundary));
        Assert.Null(caughtUp.Text);
        var applied = Assert.Single(caughtUp.Since!);
        Assert.Equal((next, "", Disclosure.Pseudonym(summary.Id, scenario.Member.Id)), (applied.Revision, applied.ClientId, applied.AuthorId));

        // Members still catch up from anywhere, with names.
        var again = await document.Open(new OpenRequest(scenario.Member.Id, "member", "node-a", reference, 0));
        Assert.Equal([secret, boundary, next], again.Since!.Select(o => o.Revision));
        Assert.All(again.Since!, o => Assert.Equal(scenario.Member.Id, o.AuthorId));

        // Broadcasts tell the node where observers' view starts, and who opened in which role.
        await Eventually(() => node.Received.Any(b => b.ObserversFrom == boundary && b.Operations.Any(o => o.Revision == next)), "the node hears of the edit with the boundary");
        Assert.All(node.Received, b => Assert.All(b.ForObservers().Operations, o => Assert.True(o.Revision > boundary)));
        Assert.Contains(node.Received, b => b.Opened.Any(o => o.ConnectionId == "observer" && o.Role == GroupRole.Observer));

        // Made members-only again: broadcasts carry nothing for observers.
        await scenario.Group.UpdateDocument(scenario.Facilitator.Id, summary.Id, new DocumentChange(null, DocumentVisibility.Members, null));
        await Eventually(() => node.Received.Any(b => b.Closed.Any(c => c.ConnectionId == "observer")), "the observer's view is closed");
        Assert.Null(node.Received.Last(b => b.Closed.Count > 0).ObserversFrom);
        GC.KeepAlive(node);
    }

    [Fact]
    public async Task A_document_stored_before_the_boundary_existed_gives_observers_its_text_and_keeps_the_boundary_from_then_on()
    {
        var (scenario, summary, document, reference, secret, upgraded) = await SecretTypedThenVisible(new Node());

        // As the previous version stored it: visible to observers, with no record of since when.
        await fixture.RewriteStored<DocumentState>(document, "document", s => s.ObserversSince = null);

        var opened = await document.Open(new OpenRequest(scenario.Observer.Id, "observer", "node-a", reference, 0));
        Assert.Equal(("Public.", null, upgraded), (opened.Text, opened.Since, opened.Revision));

        // The boundary is the revision at that activation, and it stays there: later edits are caught up as operations.
        var member = await document.Open(new OpenRequest(scenario.Member.Id, "member", "node-a", reference, null));
        var later = await document.Submit(new Submission(scenario.Member.Id, "member", "m", 3, member.Revision, TextOperation.Builder().Retain(7).Insert(" Seen.").Build()));
        var caughtUp = await document.Open(new OpenRequest(scenario.Observer.Id, "observer", "node-a", reference, upgraded));
        Assert.NotNull(caughtUp.Since);
        Assert.Equal([later], caughtUp.Since.Select(o => o.Revision));
        var fromBefore = await document.Open(new OpenRequest(scenario.Observer.Id, "observer", "node-a", reference, secret));
        Assert.Equal(("Public. Seen.", null), (fromBefore.Text, fromBefore.Since));
    }

    [Fact]
    public async Task The_group_s_setting_reaches_its_open_documents_and_their_summaries()
    {
        var scenario = await GroupScenario.Create(fixture);
        var summary = await scenario.Group.CreateDocument(scenario.Facilitator.Id, "Draft", DocumentVisibility.Observers);
        var document = fixture.Grains.GetGrain<IDocumentGrain>(summary.Id);
        var node = new Node();
        var reference = fixture.Grains.CreateObjectReference<IDocumentObserver>(node);
        await document.Open(new OpenRequest(scenario.Member.Id, "member", "node-a", reference, null));

        Assert.Equal("", (await document.GetSummary(scenario.Observer.Id)).CreatedByName);
        Assert.Equal("", Assert.Single(await scenario.Group.GetDocuments(scenario.Observer.Id)).CreatedByName);
        Assert.Equal("Fabiola", (await document.GetSummary(scenario.Member.Id)).CreatedByName);

        await scenario.Group.SetObserversSeeNames(scenario.Facilitator.Id, true);
        await Eventually(() => node.Received.Any(b => b.ObserversSeeNames && b.Presence.Any(p => p.UserId == scenario.Member.Id)), "everyone present is published again under the new setting");
        Assert.Equal("Fabiola", (await document.GetSummary(scenario.Observer.Id)).CreatedByName);
        Assert.Equal("Fabiola", Assert.Single(await scenario.Group.GetDocuments(scenario.Observer.Id)).CreatedByName);
        var opened = await document.Open(new OpenRequest(scenario.Observer.Id, "observer", "node-a", reference, null));
        Assert.Contains(opened.Participants, p => p.UserId == scenario.Member.Id && p.DisplayName == "Mateo");

        await scenario.Group.SetObserversSeeNames(scenario.Facilitator.Id, false);
        await Eventually(() => node.Received.LastOrDefault(b => b.Presence.Count > 0) is { ObserversSeeNames: false }, "and again when it is turned off");
        GC.KeepAlive(node);
    }

    private static async Task Eventually(Func<bool> condition, string because)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), because);
    }

    /// <summary>
    /// A members-only document in which a member types a secret sentence and deletes it, then made visible to
    /// observers; returns the revisions of the secret and of the switch (the boundary).
    /// </summary>
    private async Task<(GroupScenario Scenario, DocumentSummary Summary, IDocumentGrain Document, IDocumentObserver Reference, int Secret, int Boundary)> SecretTypedThenVisible(Node node)
    {
        var scenario = await GroupScenario.Create(fixture);
        var summary = await scenario.Group.CreateDocument(scenario.Facilitator.Id, "Draft", DocumentVisibility.Members);
        var document = fixture.Grains.GetGrain<IDocumentGrain>(summary.Id);
        var reference = fixture.Grains.CreateObjectReference<IDocumentObserver>(node);
        var member = await document.Open(new OpenRequest(scenario.Member.Id, "member", "node-a", reference, null));
        var secret = await document.Submit(new Submission(scenario.Member.Id, "member", "m", 1, member.Revision, TextOperation.Builder().Insert("SECRET witness. Public.").Build()));
        var boundary = await document.Submit(new Submission(scenario.Member.Id, "member", "m", 2, secret, TextOperation.Builder().Delete(16).Retain(7).Build()));
        await scenario.Group.UpdateDocument(scenario.Facilitator.Id, summary.Id, new DocumentChange(null, DocumentVisibility.Observers, null));
        return (scenario, summary, document, reference, secret, boundary);
    }

    private sealed class Node : IDocumentObserver
    {
        private readonly ConcurrentQueue<DocumentBroadcast> _received = new();

        public IReadOnlyList<DocumentBroadcast> Received => [.. _received.OrderBy(b => b.Sequence)];

        public Task Publish(DocumentBroadcast broadcast)
        {
            _received.Enqueue(broadcast);
            return Task.CompletedTask;
        }

        public Task ListReaders() => Task.CompletedTask;
    }
}

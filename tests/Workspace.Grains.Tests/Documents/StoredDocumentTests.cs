using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Grains.Documents;
using Workspace.Grains.Tests.Groups;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Documents;

/// <summary>
/// The stored format outlives the grain that wrote it: a document as the grain before the engine
/// extraction stored it (same [Id]s, same meanings) loads into the engine and goes on.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoredDocumentTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_document_stored_by_the_previous_grain_loads_into_the_engine_and_continues()
    {
        var scenario = await GroupScenario.Create(fixture);
        var summary = await scenario.Group.CreateDocument(scenario.Facilitator.Id, "Draft", DocumentVisibility.Members);
        var document = fixture.Grains.GetGrain<IDocumentGrain>(summary.Id);
        var member = scenario.Member.Id;
        var someoneElse = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

        // As the previous grain left it: five operations since the chunk start, a mark of the member's
        // client, a mark stored before marks had owners (its operation written by someone else), authorship runs.
        AppliedOperation[] recent =
        [
            new(1, Op(0, "Hola"), "old-m", 1, member, at),
            new(2, Op(4, " mundo"), "old-m", 2, member, at),
            new(3, Op(10, "!"), "old-x", 1, someoneElse, at),
            new(4, Op(11, " Bien."), "old-m", 3, member, at),
            new(5, TextOperation.Builder().Delete(1).Insert("h").Retain(16).Build(), "old-m", 4, member, at),
        ];
        await fixture.RewriteStored<DocumentState>(document, "document", s =>
        {
            s.Text = "hola mundo! Bien.";
            s.Revision = 5;
            s.Recent = [.. recent];
            s.ChunkStartText = string.Empty;
            s.Clients = new Dictionary<string, ClientMark>
            {
                ["old-m"] = new(4, 5, at, member),
                ["old-x"] = new(1, 3, at), // no owner: stored before clientIds had owners
            };
            s.Authorship = [new AuthorRun(10, member), new AuthorRun(1, someoneElse), new AuthorRun(6, member)];
        });

        var node = fixture.Grains.CreateObjectReference<IDocumentObserver>(new SilentNode());
        var opened = await document.Open(new OpenRequest(member, "c1", "node-a", node, 2));
        Assert.Equal([3, 4, 5], opened.Since!.Select(o => o.Revision));
        Assert.Equal((5, "hola mundo! Bien."), (opened.Revision, (await document.GetText(member)).Text));

        // Old marks keep working: a resubmission answers its own revision; the unowned mark goes to its operation's author.
        Assert.Equal(2, await document.Submit(new Submission(member, "c1", "old-m", 2, 1, Op(4, " mundo"))));
        var taken = await Assert.ThrowsAsync<WorkspaceException>(() => document.Submit(new Submission(member, "c1", "old-x", 2, 5, Op(17, "?"))));
        Assert.Equal(ErrorCodes.OperationClientTaken, taken.Code);

        // And it continues: a new edit, history and authorship read through the old operations.
        Assert.Equal(6, await document.Submit(new Submission(member, "c1", "old-m", 5, 5, Op(17, " Sí."))));
        Assert.Equal("hola mundo! Bien. Sí.", (await document.GetText(member)).Text);
        Assert.Equal("Hola mundo!", (await document.GetRevision(member, 3)).Text);
        Assert.Equal(21, (await document.GetAuthorship(member)).Sum(r => r.Length));

        // What it stores now is read back the same after another activation.
        await fixture.RewriteStored<DocumentState>(document, "document", s => Assert.Equal((6, "hola mundo! Bien. Sí."), (s.Revision, s.Text)));
        await document.Open(new OpenRequest(member, "c1", "node-a", node, null));
        Assert.Equal(6, await document.Submit(new Submission(member, "c1", "old-m", 5, 5, Op(17, " Sí."))));
        Assert.Equal((6, "hola mundo! Bien. Sí."), ((await document.GetText(member)).Revision, (await document.GetText(member)).Text));
    }

    private static TextOperation Op(int retain, string insert) => TextOperation.Builder().Retain(retain).Insert(insert).Build();

    private sealed class SilentNode : IDocumentObserver
    {
        public Task Publish(DocumentBroadcast broadcast) => Task.CompletedTask;

        public Task ListReaders() => Task.CompletedTask;
    }
}

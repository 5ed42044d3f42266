using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// Resubmission over a real socket, with a document that keeps few operations in memory (small
/// chunks), so that an older edit's operation leaves memory long before its client resubmits it.
/// </summary>
public sealed class ResubmissionTests() : HostedTest(new Dictionary<string, string?>
{
    ["Workspace:Documents:ChunkSize"] = "16",
    ["Workspace:Documents:KeepOperations"] = "16",
    ["Workspace:Documents:SubmitsPerSecond"] = "1000",
})
{
    [Fact]
    public async Task Resubmitting_an_older_applied_sequence_answers_the_revision_that_sequence_became_not_the_latest()
    {
        await using var live = await LiveWorld.Create(Host);
        var connection = await live.Connect("member");
        var opened = await connection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
        var start = opened.Text!;
        var first = TextOperation.Builder().Retain(start.Length).Insert("a").Build();
        var latest = TextOperation.Builder().Retain(start.Length + 41).Insert("c").Build();

        var firstRevision = await connection.SendEdit(live.DocumentId, opened.Revision, first, "client-a", 1L);

        // Forty edits from another client push the first one's operation out of memory (and into history chunks).
        var revision = firstRevision;
        for (var i = 1; i <= 40; i++)
        {
            revision = await connection.SendEdit(live.DocumentId, revision, TextOperation.Builder().Retain(start.Length + i).Insert("b").Build(), "client-b", (long)i);
        }

        var secondRevision = await connection.SendEdit(live.DocumentId, revision, latest, "client-a", 2L);

        // Sent again over the hub, both sequences are neither refused nor applied again (and, being no new
        // operation, not broadcast): the next new edit, processed after them on this connection, is the very next revision.
        var refusals = new List<long>();
        connection.On<Guid, string, long, HubError>("Refused", (_, _, sequence, _) => { lock (refusals) { refusals.Add(sequence); } });
        await connection.SendAsync("Send", live.DocumentId, opened.Revision, first, "client-a", 1L);
        await connection.SendAsync("Send", live.DocumentId, revision, latest, "client-a", 2L);
        var thirdRevision = await connection.SendEdit(live.DocumentId, secondRevision, TextOperation.Builder().Retain(start.Length + 42).Insert("d").Build(), "client-a", 3L);

        // The revision a resubmission answers is the document's to say (Send carries no answer): asked for this connection's session.
        var document = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IDocumentGrain>(live.DocumentId);
        var member = live.Cast.People["member"].Id;
        var again = await document.Submit(new Contracts.Documents.Submission(member, connection.ConnectionId!, "client-a", 1L, opened.Revision, first));
        var latestAgain = await document.Submit(new Contracts.Documents.Submission(member, connection.ConnectionId!, "client-a", 2L, revision, latest));
        var text = await live.Cast.People["member"].Client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/revisions/{thirdRevision}");

        Assert.Equal(opened.Revision + 1, firstRevision);
        Assert.Equal(firstRevision + 41, secondRevision);
        Assert.Equal(secondRevision + 1, thirdRevision);
        lock (refusals)
        {
            Assert.Empty(refusals);
        }

        Assert.Equal(firstRevision, again);
        Assert.Equal(secondRevision, latestAgain);
        Assert.Equal(start + "a" + new string('b', 40) + "cd", (string)text!["text"]!);
    }
}

using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
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

        var firstRevision = await connection.InvokeAsync<int>("Submit", live.DocumentId, opened.Revision, first, "client-a", 1L);

        // Forty edits from another client push the first one's operation out of memory (and into history chunks).
        var revision = firstRevision;
        for (var i = 1; i <= 40; i++)
        {
            revision = await connection.InvokeAsync<int>("Submit", live.DocumentId, revision, TextOperation.Builder().Retain(start.Length + i).Insert("b").Build(), "client-b", (long)i);
        }

        var secondRevision = await connection.InvokeAsync<int>(
            "Submit", live.DocumentId, revision, TextOperation.Builder().Retain(start.Length + 41).Insert("c").Build(), "client-a", 2L);

        var again = await connection.InvokeAsync<int>("Submit", live.DocumentId, opened.Revision, first, "client-a", 1L);
        var latestAgain = await connection.InvokeAsync<int>(
            "Submit", live.DocumentId, revision, TextOperation.Builder().Retain(start.Length + 41).Insert("c").Build(), "client-a", 2L);
        var text = await live.Cast.People["member"].Client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/revisions/{secondRevision}");

        Assert.Equal(opened.Revision + 1, firstRevision);
        Assert.Equal(firstRevision + 41, secondRevision);
        Assert.Equal(firstRevision, again);
        Assert.Equal(secondRevision, latestAgain);
        Assert.Equal(start + "a" + new string('b', 40) + "c", (string)text!["text"]!);
    }
}

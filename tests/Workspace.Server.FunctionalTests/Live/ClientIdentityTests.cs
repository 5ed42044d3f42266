using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// An edit belongs to its author, over real sockets: a member who reads another's clientId from a
/// broadcast cannot submit with it (whatever the sequence), and the author's edits keep applying.
/// </summary>
public sealed class ClientIdentityTests() : HostedTest(new Dictionary<string, string?>
{
    ["Workspace:Documents:SubmitsPerSecond"] = "200",
})
{
    [Fact]
    public async Task A_member_using_another_s_client_id_is_refused_and_the_author_s_edits_all_apply()
    {
        await using var live = await LiveWorld.Create(Host);
        var author = await live.Open("member");
        var broadcasts = await live.RecordChanges("target");
        author.Insert(0, "Asset declarations");
        await author.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));

        // B reads A's clientId (and sequence) from the broadcast everyone in the document receives.
        await Eventually.True(() => broadcasts().Length > 0 && broadcasts().Any(c => c.GetProperty("operations").GetArrayLength() > 0), "B receives A's edit");
        var wire = broadcasts().SelectMany(c => c.GetProperty("operations").EnumerateArray()).First();
        var stolen = wire.GetProperty("clientId").GetString()!;
        var sequence = wire.GetProperty("sequence").GetInt64();
        Assert.Equal(author.ClientId, stolen);

        var attacker = await live.Connect("target", "es");
        var opened = await attacker.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
        var refusals = new List<string>();
        foreach (var forged in new[] { 0L, sequence, sequence + 1, 1_000_000_000_000L, long.MaxValue })
        {
            var edit = TextOperation.Builder().Retain(opened.Text!.Length).Insert(" (forged)").Build();
            refusals.Add(await attacker.SendRefused(live.DocumentId, opened.Revision, edit, stolen, forged));
        }

        // One-way, as the clients send: the refusal comes back to B only.
        var oneWay = new TaskCompletionSource<HubError>(TaskCreationOptions.RunContinuationsAsynchronously);
        attacker.On<Guid, string, long, HubError>("Refused", (_, _, _, error) => oneWay.TrySetResult(error));
        await attacker.SendAsync("Send", live.DocumentId, opened.Revision, TextOperation.Builder().Retain(opened.Text!.Length).Insert(" (forged)").Build(), stolen, long.MaxValue);
        var sent = await oneWay.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(refusals, code => Assert.Equal("operation.client-taken", code));
        Assert.Equal("operation.client-taken", sent.Code);
        Assert.StartsWith("Otra persona", sent.Title, StringComparison.Ordinal);

        // Every later edit of A applies, and A ends where the server is.
        for (var i = 0; i < 5; i++)
        {
            author.Insert(author.Text.Length, $" {i}");
            await author.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        }

        var server = await live.Cast.People["facilitator"].Client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/preview");
        Assert.Equal("Asset declarations 0 1 2 3 4", author.Text);
        Assert.Equal(6, (int)server!["revision"]!);
        Assert.Equal(author.Revision, (int)server["revision"]!);
        Assert.Equal("<p>Asset declarations 0 1 2 3 4</p>", ((string)server["html"]!).Trim());
        Assert.Empty(author.Errors);
    }

    [Fact]
    public async Task Submitting_to_a_document_not_open_on_the_connection_gets_one_answer_whether_it_exists_or_not()
    {
        await using var live = await LiveWorld.Create(Host);
        var connection = await live.Connect("member");
        var edit = TextOperation.Builder().Insert("x").Build();

        var existing = await Assert.ThrowsAsync<HubRefusedException>(() => connection.SendEdit(live.DocumentId, 0, edit, "c", 1L));
        var unknown = await Assert.ThrowsAsync<HubRefusedException>(() => connection.SendEdit(Guid.NewGuid(), 0, edit, "c", 1L));
        var refused = new List<(Guid, HubError)>();
        connection.On<Guid, string, long, HubError>("Refused", (id, _, _, error) =>
        {
            lock (refused)
            {
                refused.Add((id, error));
            }
        });
        await connection.SendAsync("Send", live.DocumentId, 0, edit, "c", 2L);
        await connection.SendAsync("Send", Guid.NewGuid(), 0, edit, "c", 3L);
        await Eventually.True(() => { lock (refused) { return refused.Count == 2; } }, "both one-way submissions are refused");

        Assert.Equal(HubError.From(existing)?.Title, HubError.From(unknown)?.Title);
        Assert.Equal("document.not-open", HubError.From(existing)?.Code);
        Assert.Equal("document.not-open", HubError.From(unknown)?.Code);
        Assert.All(refused, r => Assert.Equal("document.not-open", r.Item2.Code));
    }
}

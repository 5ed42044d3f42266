using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// The server side of the shared protocol scenarios (tests/fixtures/protocol), over a real socket:
/// what the scenarios script the server to answer — catch-up, resubmission, the whole text from a
/// revision it cannot catch up from, client-taken — is what it answers (as API.md says).
/// </summary>
public sealed class ProtocolScenarioServerTests : HostedTest
{
    [Fact]
    public async Task An_editor_whose_client_id_another_person_owns_takes_a_fresh_one_and_its_edit_applies_once()
    {
        await using var live = await LiveWorld.Create(Host);
        var owner = await live.Open("member");
        owner.Insert(0, "Draft");
        await owner.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));

        // The same client id, by another person (chosen by hand, or read from a broadcast).
        var other = await LiveDocument.OpenAsync(await live.Connect("target"), live.DocumentId, owner.ClientId);
        other.Insert(other.Length, " one");
        await other.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        await owner.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));

        Assert.NotEqual(owner.ClientId, other.ClientId);
        Assert.Empty(other.Errors);
        Assert.Equal("Draft one", other.Text);
        Assert.Equal("Draft one", owner.Text);
        var server = await live.Cast.People["facilitator"].Client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/preview");
        Assert.Equal(2, (int)server!["revision"]!); // applied once, not refused and not twice
        Assert.Equal(2, other.Revision);

        // Both keep editing under their own ids.
        owner.Insert(owner.Length, ".");
        await owner.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        other.Insert(0, "> ");
        await other.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        await owner.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("> Draft one.", owner.Text);
        Assert.Equal(owner.Text, other.Text);
        Assert.Empty(owner.Errors);
    }

    [Fact]
    public async Task A_resubmission_is_acknowledged_by_the_catch_up_and_never_applied_twice()
    {
        await using var live = await LiveWorld.Create(Host);
        var first = await live.Connect("member");
        await first.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
        await first.SendAsync("Send", live.DocumentId, 0, Insert(0, "Notes: ", 0), "c1", 1L);
        Assert.Equal(2, await first.SendEdit(live.DocumentId, 1, Insert(7, "Hello", 0), "c1", 2L));
        await first.DisposeAsync(); // the second connection never saw the acknowledgement of sequence 2

        // reconnection-acknowledgement-lost: the catch-up carries the client's own operations back with their (clientId, sequence).
        var second = await live.Connect("member");
        var operations = new List<AppliedOperation>();
        var refusals = new List<HubError>();
        second.On<DocumentChangesMessage>("Changes", changes => { lock (operations) { operations.AddRange(changes.Operations); } });
        second.On<Guid, string, long, HubError>("Refused", (_, _, _, error) => { lock (refusals) { refusals.Add(error); } });
        var opened = await second.InvokeAsync<OpenedDocument>("Open", live.DocumentId, 1);
        Assert.Null(opened.Text);
        Assert.Equal(2, opened.Revision);
        var caughtUp = Assert.Single(opened.Since!);
        Assert.Equal((2, "c1", 2L, "[7,\"Hello\"]"), (caughtUp.Revision, caughtUp.ClientId, caughtUp.Sequence, TextOperationJson.Serialize(caughtUp.Operation)));

        // A resubmission, whatever its base and operation, is never applied again, nor refused: Send answers it with nothing
        // (the catch-up above is the acknowledgement), and the next sequence, processed after them, is the next revision.
        await second.SendAsync("Send", live.DocumentId, 2, Insert(12, "again", 0), "c1", 1L);
        await second.SendAsync("Send", live.DocumentId, 0, Insert(0, "again", 0), "c1", 2L);
        await second.SendAsync("Send", live.DocumentId, 2, Insert(12, "again", 0), "c1", 2L);
        Assert.Equal(3, await second.SendEdit(live.DocumentId, 2, Insert(12, ".", 0), "c1", 3L));
        await Eventually.True(() => { lock (operations) { return operations.Any(o => o.Revision == 3); } }, "the new edit is broadcast");
        lock (operations)
        {
            Assert.Equal([3], operations.Select(o => o.Revision).Distinct());
        }

        Assert.Empty(refusals);

        // reopen-catch-up: from a revision the server cannot catch up from, the whole text (not an error).
        foreach (var since in new[] { -1, 4, 1_000_000 })
        {
            var whole = await second.InvokeAsync<OpenedDocument>("Open", live.DocumentId, since);
            Assert.Equal(("Notes: Hello.", 3, true), (whole.Text, whole.Revision, whole.Since is null));
        }

        var current = await second.InvokeAsync<OpenedDocument>("Open", live.DocumentId, 3);
        Assert.Equal((null, 3, 0), (current.Text, current.Revision, current.Since!.Count));
    }

    private static TextOperation Insert(int at, string text, int after) => TextOperation.Builder().Retain(at).Insert(text).Retain(after).Build();
}

using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// What an observer's socket receives of a live document, byte for byte: never what was typed while
/// it was members-only, and — unless the group lets observers see names — never a member's name or
/// user id (organisations and roles instead).
/// </summary>
public sealed class ObserverLiveTests : HostedTest
{
    private static readonly TimeSpan Sync = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_observer_opening_from_revision_0_a_document_once_members_only_gets_the_text_never_its_past()
    {
        await using var live = await LiveWorld.Create(Host); // members-only
        var member = await live.Open("member");
        member.Insert(0, "Public text. ");
        await member.WhenSynchronizedAsync(Sync);
        member.Insert(member.Text.Length, "SECRET: the witness lives in Lima.");
        await member.WhenSynchronizedAsync(Sync);
        member.Delete(13, member.Text.Length - 13);
        await member.WhenSynchronizedAsync(Sync);
        await live.Cast.People["facilitator"].Client.Ok(HttpMethod.Patch, $"/api/documents/{live.DocumentId}", new { visibility = "observers" });

        var frames = new RawFrames();
        await using var observer = frames.Connect(live.Cast.People["observer"].Client);
        await observer.StartAsync();
        var opened = await observer.InvokeAsync<JsonElement>("Open", live.DocumentId, 0);
        member.Insert(0, "Now: ");
        await member.WhenSynchronizedAsync(Sync);
        await Eventually.True(() => frames.Text.Contains("Now: ", StringComparison.Ordinal), "the observer follows what is typed after the switch");

        Assert.Equal("Public text. ", opened.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, opened.GetProperty("since").ValueKind);
        Assert.Equal(3, opened.GetProperty("revision").GetInt32());
        AssertNone(frames.Text, "SECRET", "Lima");
        AssertNoneOf(live, frames.Text, "member", "facilitator");
        Assert.Contains("member CSO", frames.Text, StringComparison.Ordinal);

        // Over REST too, the document was created by nobody the observer may know of.
        var observerApi = live.Cast.People["observer"].Client;
        Assert.Equal("", (string?)(await observerApi.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}"))!["createdByName"]);
        var listed = (await observerApi.Ok(HttpMethod.Get, $"/api/groups/{live.World.GroupId}/documents"))!.AsArray();
        Assert.All(listed, d => Assert.Equal("", (string?)d!["createdByName"]));
        Assert.Equal("Facilitator", (string?)(await live.Cast.People["member"].Client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}"))!["createdByName"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_observer_watching_two_members_co_edit_receives_organisations_and_roles_and_names_only_where_the_group_allows(bool namesShown)
    {
        await using var live = await LiveWorld.Create(Host, visibility: "observers");
        if (namesShown)
        {
            await live.Cast.People["facilitator"].Client.Ok(HttpMethod.Patch, $"/api/groups/{live.World.GroupId}/settings", new { observersSeeNames = true });
        }

        var frames = new RawFrames();
        await using var connection = frames.Connect(live.Cast.People["observer"].Client);
        await connection.StartAsync();
        var observer = await LiveDocument.OpenAsync(connection, live.DocumentId);
        var member = await live.Open("member");
        var target = await live.Open("target");

        member.Insert(0, "Art. 8.4: asset declarations. ");
        await member.WhenSynchronizedAsync(Sync);
        await Eventually.True(() => target.Text == member.Text, "the second member has the first one's text");
        target.Insert(target.Text.Length, "Art. 33: reporting channels.");
        await target.MoveCursorAsync(5, 9);
        await member.MoveCursorAsync(2, 2);
        await target.WhenSynchronizedAsync(Sync);
        member.Delete(0, 5);
        await member.WhenSynchronizedAsync(Sync);
        await Eventually.True(
            () => observer.Text == member.Text && observer.Text == target.Text && observer.Participants.Count == 3 && observer.Participants.Any(p => p.Head == 9),
            "the observer follows the text and both cursors");

        // A reconnection's catch-up travels the same way.
        var catchUp = await connection.InvokeAsync<JsonElement>("Open", live.DocumentId, 1);
        Assert.Equal(2, catchUp.GetProperty("since").GetArrayLength());
        await Task.Delay(300); // whatever is still on its way

        var received = frames.Text;
        Assert.Contains("reporting channels", received, StringComparison.Ordinal);
        Assert.Contains("member CSO", received, StringComparison.Ordinal);
        Assert.Contains("target CSO", received, StringComparison.Ordinal);
        if (namesShown)
        {
            Assert.Contains("\"Member\"", received, StringComparison.Ordinal);
            Assert.Contains("\"Target\"", received, StringComparison.Ordinal);
            Assert.Contains(live.Cast.People["member"].Id.ToString(), received, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(live.Cast.People["target"].Id.ToString(), received, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            AssertNoneOf(live, received, "member", "target", "facilitator");
            Assert.All(observer.Participants, p => Assert.Equal("", p.DisplayName));

            // Authors stay distinguishable within the document: one pseudonym each.
            var authors = frames.Invocations("Changes")
                .SelectMany(a => a[0].GetProperty("operations").EnumerateArray())
                .Select(o => (o.GetProperty("authorId").GetGuid(), o.GetProperty("clientId").GetString()))
                .Distinct()
                .ToArray();
            Assert.Equal(2, authors.Length);
            Assert.All(authors, a => Assert.Equal("", a.Item2));
        }
    }

    [Fact]
    public async Task A_member_made_observer_with_the_document_open_receives_from_then_on_what_observers_receive()
    {
        await using var live = await LiveWorld.Create(Host, visibility: "observers");
        var frames = new RawFrames();
        await using var connection = frames.Connect(live.Cast.People["member"].Client);
        await connection.StartAsync();
        var member = await LiveDocument.OpenAsync(connection, live.DocumentId);
        var target = await live.Open("target");
        target.Insert(0, "Before. ");
        await target.WhenSynchronizedAsync(Sync);
        await Eventually.True(() => member.Text == "Before. ", "the member follows the edit");
        Assert.Contains(live.Cast.People["target"].Id.ToString(), frames.Text, StringComparison.OrdinalIgnoreCase); // members see who wrote it

        var memberId = live.Cast.People["member"].Id;
        await live.Cast.People["facilitator"].Client.Ok(HttpMethod.Put, $"/api/groups/{live.World.GroupId}/members/{memberId}/role", new { role = "observer" });
        await Eventually.True(() => member.Role == Contracts.Groups.GroupRole.Observer, "the connection is told its new role");
        var mark = frames.Text.Length;
        target.Insert(target.Text.Length, "After.");
        await target.MoveCursorAsync(2, 2);
        await target.WhenSynchronizedAsync(Sync);
        await Eventually.True(() => member.Text == "Before. After." && member.Participants.Any(p => p.Head == 2), "the new observer follows the edit and the cursor");
        await Task.Delay(300);

        var after = frames.Text[mark..];
        Assert.Contains("After.", after, StringComparison.Ordinal);
        Assert.Contains("target CSO", after, StringComparison.Ordinal);
        AssertNoneOf(live, after, "target", "facilitator");
    }

    [Fact]
    public async Task An_observer_never_receives_operations_the_broadcast_of_a_document_s_coming_into_sight_still_carries()
    {
        await using var host = new WorkspaceHost(new Dictionary<string, string?>
        {
            // Broadcasts wait long enough that the one carrying the visibility change also carries what was typed just before it
            // (at 300 ms the edits were often published before the change reached the document; with 2 s, and the node handing
            // broadcasts to readers still opening and without the boundary, this test failed).
            ["Workspace:Documents:PublishWindow"] = "00:00:02",
            ["Workspace:Documents:MaxPublishWindow"] = "00:00:02",
        });
        await using var live = await LiveWorld.Create(host); // members-only
        var editor = await live.Connect("member");
        await editor.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
        var frames = new RawFrames();
        await using var observer = frames.Connect(live.Cast.People["observer"].Client);
        await observer.StartAsync();

        var secret = "PRE-SWITCH secret of the members";
        // Sent one-way and not waited for (their acknowledgement is the broadcast the window holds back): applied, then the switch.
        var (inserted, deleted) = (1, 2);
        await editor.SendAsync("Send", live.DocumentId, 0, TextOperation.Builder().Insert(secret).Build(), "racer", 1L);
        await editor.SendAsync("Send", live.DocumentId, inserted, TextOperation.Builder().Delete(secret.Length).Build(), "racer", 2L);
        while ((int)(await live.Cast.People["member"].Client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/preview"))!["revision"]! < deleted)
        {
            await Task.Delay(2);
        }

        var switching = live.Cast.People["facilitator"].Client.Ok(HttpMethod.Patch, $"/api/documents/{live.DocumentId}", new { visibility = "observers" });

        // The observer opens at once: refused while the document is still members-only, then let in.
        JsonElement opened;
        while (true)
        {
            try
            {
                opened = await observer.InvokeAsync<JsonElement>("Open", live.DocumentId, null);
                break;
            }
            catch (HubException e) when (e.Message.Contains("document.not-found", StringComparison.Ordinal))
            {
                await Task.Delay(2);
            }
        }

        await switching;
        var after = await editor.SendEdit(live.DocumentId, deleted, TextOperation.Builder().Insert("Visible.").Build(), "racer", 3L);
        await Eventually.True(() => frames.Text.Contains("Visible.", StringComparison.Ordinal), "the observer follows what is typed after the switch");
        await Task.Delay(400);

        Assert.Equal("", opened.GetProperty("text").GetString());
        AssertNone(frames.Text, "PRE-SWITCH");
        var revisions = frames.Invocations("Changes").SelectMany(a => a[0].GetProperty("operations").EnumerateArray()).Select(o => o.GetProperty("revision").GetInt32()).ToArray();
        Assert.Equal([after], revisions);
    }

    private static void AssertNone(string received, params string[] forbidden)
    {
        foreach (var text in forbidden)
        {
            Assert.False(received.Contains(text, StringComparison.Ordinal), $"The observer received \"{text}\".");
        }
    }

    /// <summary>No name (as the cast registers it: "Member") and no user id, in either usual Guid form, of these people.</summary>
    private static void AssertNoneOf(LiveWorld live, string received, params string[] people)
    {
        foreach (var person in people)
        {
            var name = char.ToUpperInvariant(person[0]) + person[1..];
            var id = live.Cast.People[person].Id;
            Assert.False(received.Contains($"\"{name}\"", StringComparison.Ordinal) || received.Contains($"{name} ", StringComparison.Ordinal), $"The observer received {person}'s name.");
            Assert.False(received.Contains(id.ToString("D"), StringComparison.OrdinalIgnoreCase), $"The observer received {person}'s user id.");
            Assert.False(received.Contains(id.ToString("N"), StringComparison.OrdinalIgnoreCase), $"The observer received {person}'s user id (N).");
        }
    }
}

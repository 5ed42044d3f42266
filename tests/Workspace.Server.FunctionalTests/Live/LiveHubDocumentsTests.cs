using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>The live hub's documents over a real socket: editing, rights, and what happens to bad input.</summary>
public sealed class LiveHubDocumentsTests() : HostedTest(new Dictionary<string, string?>
{
    ["Workspace:Documents:MaxLength"] = "2000",
    ["Workspace:Documents:MaxMessageBytes"] = "16384",
    ["Workspace:Documents:SubmitsPerSecond"] = "20",
})
{
    [Fact]
    public async Task Members_edit_together_and_each_sees_the_others_text_and_presence()
    {
        await using var live = await LiveWorld.Create(Host);
        var facilitator = await live.Open("facilitator");
        var member = await live.Open("member");

        facilitator.Insert(0, "Art. 8.4: ");
        await facilitator.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        await Eventually.True(() => member.Text == "Art. 8.4: ", "the member receives the facilitator's text");
        member.Insert(member.Text.Length, "whistle-blower channels 🛡️");
        await member.MoveCursorAsync(3, 3);
        await member.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));

        await Eventually.True(() => facilitator.Text == member.Text, "both end with the same text");
        await Eventually.True(
            () => facilitator.Participants.Any(p => p.DisplayName == "Member" && p.Organisation == "member CSO" && p.Head == 3),
            "the facilitator sees the member's name, organisation and cursor");
        Assert.Equal("Art. 8.4: whistle-blower channels 🛡️", (string)(await live.Cast.People["member"].Client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/revisions/2"))!["text"]!);
    }

    [Fact]
    public async Task The_dotnet_client_reads_every_field_of_a_broadcast_as_the_server_wrote_it()
    {
        await using var live = await LiveWorld.Create(Host);
        var raw = await live.RecordChanges("facilitator");
        var reader = await live.Open("facilitator");
        var read = new List<AppliedOperation>();
        reader.Applied = (applied, _) => read.Add(applied);
        var member = await live.Open("member");

        member.Insert(0, "Art. 8.4 🛡️");
        await member.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        member.Delete(0, 5);
        await member.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        await Eventually.True(() => reader.Text == "8.4 🛡️" && reader.Participants.Count == 3, "the reader has both edits and everyone present");

        JsonElement[] sent = [.. raw().SelectMany(changes => changes.GetProperty("operations").EnumerateArray())];

        Assert.Equal(2, read.Count);
        Assert.Equal(sent.Length, read.Count);
        foreach (var (wire, applied) in sent.Zip(read))
        {
            Assert.Equal(wire.GetProperty("revision").GetInt32(), applied.Revision);
            Assert.Equal(TextOperationJson.Parse(wire.GetProperty("operation")), applied.Operation);
            Assert.Equal(wire.GetProperty("clientId").GetString(), applied.ClientId);
            Assert.Equal(wire.GetProperty("sequence").GetInt64(), applied.Sequence);
            Assert.Equal(wire.GetProperty("authorId").GetGuid(), applied.AuthorId);
            Assert.Equal(wire.GetProperty("at").GetDateTimeOffset(), applied.At);
        }

        Assert.Equal(member.ClientId, read[1].ClientId);
        Assert.NotEqual(Guid.Empty, read[1].AuthorId);
        Assert.True(read[1].At > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Contains(reader.Participants, p => p.DisplayName == "Member" && p.Organisation == "member CSO" && p.Role == Contracts.Groups.GroupRole.Member);
    }

    [Fact]
    public async Task A_dropped_connection_leaves_the_presence_list_at_once()
    {
        await using var live = await LiveWorld.Create(Host);
        var facilitator = await live.Open("facilitator");
        var connection = await live.Connect("member");
        await LiveDocument.OpenAsync(connection, live.DocumentId);
        await Eventually.True(() => facilitator.Participants.Any(p => p.DisplayName == "Member"), "the member is present");

        await connection.DisposeAsync();

        await Eventually.True(() => facilitator.Participants.All(p => p.DisplayName != "Member"), "the member's presence goes with the connection", seconds: 5);
        Assert.Single(facilitator.Participants);
    }

    [Fact]
    public async Task Resubmitting_the_same_client_sequence_is_applied_once_and_acknowledged_by_the_catch_up()
    {
        await using var live = await LiveWorld.Create(Host);
        var connection = await live.Connect("member");
        var opened = await connection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
        var insert = TextOperation.Builder().Insert("once").Build();
        var refusals = new List<long>();
        connection.On<Guid, string, long, HubError>("Refused", (_, _, sequence, _) => { lock (refusals) { refusals.Add(sequence); } });

        var first = await connection.SendEdit(live.DocumentId, opened.Revision, insert, "client-a", 1L);
        await connection.SendAsync("Send", live.DocumentId, opened.Revision, insert, "client-a", 1L);
        var next = await connection.SendEdit(live.DocumentId, first, TextOperation.Builder().Retain(4).Insert("!").Build(), "client-a", 2L);
        var reopened = await connection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, opened.Revision);
        var text = await live.Cast.People["member"].Client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/preview");

        Assert.Equal((1, 2), (first, next));
        lock (refusals)
        {
            Assert.Empty(refusals);
        }

        Assert.Equal([(1, "client-a", 1L), (2, "client-a", 2L)], reopened.Since!.Select(o => (o.Revision, o.ClientId, o.Sequence)));
        Assert.Equal(2, (int)text!["revision"]!);
        Assert.Equal("<p>once!</p>", ((string)text["html"]!).Trim());
    }

    [Fact]
    public async Task The_deprecated_path_reaches_the_same_live_hub()
    {
        await using var live = await LiveWorld.Create(Host);
        var editor = await live.Open("facilitator");
        var member = live.Cast.People["member"].Client;
        await using var old = LiveConnections.Live(member.BaseAddress, member.Cookies, path: LiveConnections.DeprecatedPath);
        await old.StartAsync();
        var opened = await old.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);

        var revision = await old.SendEdit(live.DocumentId, opened.Revision, TextOperation.Builder().Insert("From an old tab.").Build(), "old-tab", 1L);

        await Eventually.True(() => editor.Text == "From an old tab.", "an editor on /hubs/live sees the edit made on /hubs/documents");
        Assert.Equal(1, revision);
        Assert.Equal("/hubs/documents", Workspace.Server.Live.LiveHub.DeprecatedPath);
        Assert.Equal("/" + LiveConnections.LivePath, Workspace.Server.Live.LiveHub.Path);
    }

    [Fact]
    public async Task Bad_input_gets_a_typed_error_and_changes_nothing_for_anyone()
    {
        await using var live = await LiveWorld.Create(Host);
        var bystander = await live.Open("facilitator");
        bystander.Insert(0, "Stable 🙂 text.");
        await bystander.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        var connection = await live.Connect("member", "es");
        var opened = await connection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
        var at = opened.Revision;

        var malformed = await Refused(connection.SendEdit(live.DocumentId, at, "not an operation", "c", 1L));
        var wrongLength = await Refused(connection.SendEdit(live.DocumentId, at, TextOperation.Builder().Retain(3).Insert("x").Build(), "c", 2L));
        var future = await Refused(connection.SendEdit(live.DocumentId, at + 5, TextOperation.Builder().Retain(15).Insert("x").Build(), "c", 3L));
        var tooLarge = await Refused(connection.SendEdit(live.DocumentId, at, TextOperation.Builder().Retain(15).Insert(new string('x', 2000)).Build(), "c", 4L));
        var splitsEmoji = await Refused(connection.SendEdit(live.DocumentId, at, TextOperation.Builder().Retain(8).Insert("x").Retain(7).Build(), "c", 5L));

        Assert.Equal("operation.invalid", malformed.Code);
        Assert.Equal("operation.invalid", wrongLength.Code);
        Assert.Equal("revision.future", future.Code);
        Assert.Equal("document.too-large", tooLarge.Code);
        Assert.Contains("2000", tooLarge.Title, StringComparison.Ordinal);
        Assert.Equal("operation.invalid", splitsEmoji.Code);
        Assert.StartsWith("Esta edición", malformed.Title, StringComparison.Ordinal);

        await StillEditable(bystander, "Stable 🙂 text.", at);
    }

    [Fact]
    public async Task An_operation_whose_length_does_not_fit_an_older_base_revision_is_refused_typed_and_changes_nothing()
    {
        await using var live = await LiveWorld.Create(Host);
        var bystander = await live.Open("facilitator");
        bystander.Insert(0, "Stable text.");
        await bystander.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        var connection = await live.Connect("member", "es");
        var opened = await connection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
        var older = opened.Revision - 1; // the text was empty then: an edit retaining 3 cannot be transformed to now
        var misfit = TextOperation.Builder().Retain(3).Insert("x").Build();

        var invoked = await Refused(connection.SendEdit(live.DocumentId, older, misfit, "c", 1L));
        Assert.Equal("operation.invalid", invoked.Code);

        await StillEditable(bystander, "Stable text.", opened.Revision);
    }

    [Fact]
    public async Task An_operation_sent_one_way_is_refused_with_a_typed_message_in_the_caller_s_language_and_changes_nothing()
    {
        await using var live = await LiveWorld.Create(Host);
        var bystander = await live.Open("facilitator");
        bystander.Insert(0, "Stable text.");
        await bystander.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));

        // The .NET client sends one-way: a refusal reaches it as a typed error, nothing is applied.
        var editor = await live.Open("member");
        editor.Insert(editor.Text.Length, new string('x', 2000));
        await Eventually.True(() => !editor.Errors.IsEmpty, "the editor is told its edit was refused");
        Assert.True(editor.Errors.TryPeek(out var error));
        Assert.Equal("document.too-large", HubError.From(error)?.Code);

        // A raw one-way call: the refusal names the edit and is in the caller's language.
        var connection = await live.Connect("member", "es");
        var opened = await connection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
        var refusal = new TaskCompletionSource<(Guid DocumentId, string ClientId, long Sequence, HubError Error)>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<Guid, string, long, HubError>("Refused", (documentId, clientId, sequence, e) => refusal.TrySetResult((documentId, clientId, sequence, e)));
        await connection.SendAsync("Send", live.DocumentId, opened.Revision, "not an operation", "raw", 7L);
        var refused = await refusal.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((live.DocumentId, "raw", 7L, "operation.invalid"), (refused.DocumentId, refused.ClientId, refused.Sequence, refused.Error.Code));
        Assert.StartsWith("Esta edición", refused.Error.Title, StringComparison.Ordinal);

        await StillEditable(bystander, "Stable text.", opened.Revision);
    }

    [Fact]
    public async Task A_flood_is_refused_with_a_typed_error_and_the_connection_keeps_working()
    {
        await using var live = await LiveWorld.Create(Host);
        var connection = await live.Connect("member");
        var opened = await connection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
        var revision = opened.Revision;
        HubError? refusal = null;
        for (var sequence = 1; sequence <= 200 && refusal is null; sequence++)
        {
            try
            {
                revision = await connection.SendEdit(live.DocumentId, revision, TextOperation.Builder().Retain(revision).Insert("x").Build(), "flood", (long)sequence);
            }
            catch (HubRefusedException e)
            {
                refusal = e.Error;
            }
        }

        Assert.Equal("request.rate-limited", refusal?.Code);
        var text = await live.Cast.People["member"].Client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/preview");
        Assert.Equal(revision, (int)text!["revision"]!);
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_only_that_connection_and_changes_nothing()
    {
        await using var live = await LiveWorld.Create(Host);
        var other = await live.Open("facilitator");
        var connection = await live.Connect("member");
        var opened = await connection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
        var closed = new TaskCompletionSource<Exception?>();
        connection.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };

        var huge = TextOperation.Builder().Insert(new string('x', 20_000)).Build();
        await Assert.ThrowsAnyAsync<Exception>(() => connection.SendEdit(live.DocumentId, opened.Revision, huge, "big", 1L));
        var error = await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(error);
        other.Insert(0, "fine");
        await other.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, other.Revision);
    }

    [Fact]
    public async Task Observers_follow_live_but_cannot_edit_members_only_documents_are_hidden_from_them()
    {
        await using var live = await LiveWorld.Create(Host, visibility: "observers");
        var member = await live.Open("member");
        var observer = await live.Open("observer");
        var observerConnection = await live.Connect("observer");
        await observerConnection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
        var hiddenId = Guid.Parse((string)(await live.Cast.People["facilitator"].Client.Ok(HttpMethod.Post, $"/api/groups/{live.World.GroupId}/documents", new { title = "Internal strategy", visibility = "members" }))!["id"]!);

        member.Insert(0, "Visible to guests.");
        await Eventually.True(() => observer.Text == "Visible to guests.", "the observer sees the member's edit live");
        var submit = await Refused(observerConnection.SendEdit(live.DocumentId, observer.Revision, TextOperation.Builder().Retain(18).Insert("!").Build(), "obs", 1L));
        var hidden = await Refused(observerConnection.InvokeAsync<OpenedDocument>("Open", hiddenId, null));

        Assert.False(observer.CanEdit);
        Assert.Equal("document.read-only", submit.Code);
        Assert.Equal("document.not-found", hidden.Code);
        Assert.Contains(member.Participants, p => p.Role == Contracts.Groups.GroupRole.Observer && p.Organisation == "observer CSO");
    }

    [Fact]
    public async Task Strangers_and_members_of_other_groups_cannot_open_or_submit()
    {
        await using var live = await LiveWorld.Create(Host);
        var otherGroup = await Cast.CreateGroup(live.Cast.Admin, "Another group", live.Cast.People["stranger"].Id);
        var strangersDocument = Guid.Parse((string)(await live.Cast.People["stranger"].Client.Ok(HttpMethod.Post, $"/api/groups/{otherGroup}/documents", new { title = "Theirs" }))!["id"]!);
        var stranger = await live.Connect("stranger");
        var member = await live.Connect("member");

        var open = await Refused(stranger.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null));
        var submit = await Refused(stranger.SendEdit(live.DocumentId, 0, TextOperation.Builder().Insert("x").Build(), "s", 1L));
        var otherGroups = await Refused(member.InvokeAsync<OpenedDocument>("Open", strangersDocument, null));
        var unknown = await Refused(member.InvokeAsync<OpenedDocument>("Open", Guid.NewGuid(), null));

        Assert.Equal("document.not-found", open.Code);
        Assert.Equal("document.not-open", submit.Code);
        Assert.Equal("document.not-found", otherGroups.Code);
        Assert.Equal("document.not-found", unknown.Code);
        using var anonymous = new HttpClient { BaseAddress = Host.BaseAddress };
        using var negotiate = await anonymous.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }

    [Fact]
    public async Task Removing_a_member_closes_their_live_connection_at_once()
    {
        await using var live = await LiveWorld.Create(Host);
        var connection = await live.Connect("target");
        var target = await LiveDocument.OpenAsync(connection, live.DocumentId);
        var facilitator = await live.Open("facilitator");
        await Eventually.True(() => facilitator.Participants.Any(p => p.DisplayName == "Target"), "the target is present");
        var closed = new TaskCompletionSource();
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        await live.Cast.People["facilitator"].Client.Ok(HttpMethod.Delete, $"/api/groups/{live.World.GroupId}/members/{live.World.TargetUserId}");
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ClosedReason.Removed, target.ClosedReason);
        await Eventually.True(() => facilitator.Participants.All(p => p.DisplayName != "Target"), "the removed member leaves the presence list");
        facilitator.Insert(0, "After the removal.");
        await facilitator.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(string.Empty, target.Text);
    }

    [Fact]
    public async Task A_locked_document_is_edited_only_by_facilitators_and_readers_are_told_at_once()
    {
        await using var live = await LiveWorld.Create(Host);
        var member = await live.Open("member");
        var facilitator = await live.Open("facilitator");
        var memberConnection = await live.Connect("member");
        await memberConnection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);

        await live.Cast.People["facilitator"].Client.Ok(HttpMethod.Patch, $"/api/documents/{live.DocumentId}", new { locked = true });
        await Eventually.True(() => !member.CanEdit, "the member is told the document is locked");
        var refused = await Refused(memberConnection.SendEdit(live.DocumentId, 0, TextOperation.Builder().Insert("x").Build(), "m", 1L));
        facilitator.Insert(0, "Final wording.");
        await facilitator.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        await live.Cast.People["facilitator"].Client.Ok(HttpMethod.Patch, $"/api/documents/{live.DocumentId}", new { locked = false });

        Assert.Equal("document.locked", refused.Code);
        await Eventually.True(() => member.CanEdit && member.Text == "Final wording.", "unlocked, the member may edit again");
    }

    private static async Task<HubError> Refused(Task call)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => call);
        Assert.True(exception is HubException or HubRefusedException, $"Not a hub refusal: {exception}");
        return HubError.From(exception) ?? throw new Xunit.Sdk.XunitException($"Not a typed error: {exception.Message}");
    }

    /// <summary>What was refused changed nothing: the bystander's next edit makes the very next revision, and the bystander saw no error.</summary>
    private static async Task StillEditable(LiveDocument bystander, string text, int revisionBefore)
    {
        bystander.Insert(bystander.Text.Length, " Still editable.");
        await bystander.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(text + " Still editable.", bystander.Text);
        Assert.Equal(revisionBefore + 1, bystander.Revision);
        Assert.Empty(bystander.Errors);
    }
}

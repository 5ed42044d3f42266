using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// The live hub speaks JSON and MessagePack with the same shapes: one scenario (concurrent edits
/// with emoji, presence with names and roles, typed refusals both ways, catch-up on open) over
/// real sockets, each party on either protocol.
/// </summary>
public sealed class HubProtocolTests : HostedTest
{
    [Theory]
    [InlineData(LiveFormat.Json, LiveFormat.Json)]
    [InlineData(LiveFormat.MessagePack, LiveFormat.MessagePack)]
    [InlineData(LiveFormat.Json, LiveFormat.MessagePack)]
    public async Task Editing_presence_and_refusals_work_alike_over_either_protocol(LiveFormat facilitatorFormat, LiveFormat memberFormat)
    {
        await using var live = await LiveWorld.Create(Host);
        await using var facilitatorConnection = await Connect(live, "facilitator", facilitatorFormat);
        await using var memberConnection = await Connect(live, "member", memberFormat);
        var facilitator = await LiveDocument.OpenAsync(facilitatorConnection, live.DocumentId);
        var member = await LiveDocument.OpenAsync(memberConnection, live.DocumentId);

        facilitator.Insert(0, "Declarations 🙂 are public.");
        member.Insert(0, "¡Hola! ");
        for (var i = 0; i < 20; i++)
        {
            facilitator.Insert(facilitator.Text.Length, $" f{i}");
            member.Insert(0, $"m{i} ");
        }

        await facilitator.WhenSynchronizedAsync(TimeSpan.FromSeconds(15));
        await member.WhenSynchronizedAsync(TimeSpan.FromSeconds(15));
        await Eventually.True(() => facilitator.Text == member.Text && facilitator.Revision == member.Revision, "both have every edit");
        Assert.Contains("Declarations 🙂 are public.", member.Text);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Contains($" f{i}", member.Text));
        Assert.All(Enumerable.Range(0, 20), i => Assert.Contains($"m{i} ", member.Text));
        var revision = member.Revision;

        // Presence: names, kebab-case roles and cursors arrive as the other side sent them.
        await member.MoveCursorAsync(3, 5);
        await Eventually.True(() => facilitator.Participants.Any(p => p.Role == GroupRole.Member && p.Anchor == 3 && p.Head == 5 && p.DisplayName.Length > 0), "the member's cursor reaches the facilitator");

        // A reader that opens now gets the text and the catch-up in the same shapes.
        var opened = await memberConnection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, revision - 2);
        Assert.Equal(revision, opened.Revision);
        Assert.Equal(2, opened.Since?.Count);
        Assert.Equal(GroupRole.Member, opened.Role);

        // Refusals are typed on either protocol: invoked, and sent one-way.
        var misfit = TextOperation.Builder().Retain(10_000).Insert("x").Build();
        var invoked = await Assert.ThrowsAsync<HubException>(() => memberConnection.InvokeAsync("Presence", Guid.NewGuid(), revision, 0, 0));
        Assert.Equal("document.not-open", HubError.From(invoked)?.Code);
        var refusal = new TaskCompletionSource<(Guid DocumentId, long Sequence, HubError Error)>(TaskCreationOptions.RunContinuationsAsynchronously);
        memberConnection.On<Guid, string, long, HubError>("Refused", (documentId, _, sequence, e) => refusal.TrySetResult((documentId, sequence, e)));
        await memberConnection.SendAsync("Send", live.DocumentId, revision, misfit, "stray", 2L);
        var sent = await refusal.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((live.DocumentId, 2L, "operation.invalid"), (sent.DocumentId, sent.Sequence, sent.Error.Code));

        Assert.Equal(member.Text, await ServerText(live));
        Assert.Empty(facilitator.Errors);
        Assert.Empty(member.Errors);
    }

    private static async Task<HubConnection> Connect(LiveWorld live, string person, LiveFormat format)
    {
        var client = live.Cast.People[person].Client;
        var connection = LiveConnections.Live(client.BaseAddress, client.Cookies, format: format);
        await connection.StartAsync();
        return connection;
    }

    private static async Task<string> ServerText(LiveWorld live)
    {
        var client = live.Cast.People["member"].Client;
        var revision = (int)(await client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/preview"))!["revision"]!;
        return (string)(await client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/revisions/{revision}"))!["text"]!;
    }
}

/// <summary>MessagePack written for the hub reads back, as JSON, exactly as the JSON protocol writes it.</summary>
public sealed class MessagePackShapeTests
{
    [Fact]
    public void Opened_documents_with_operations_presence_and_enums_have_the_json_shape()
    {
        var at = new DateTimeOffset(2026, 12, 7, 13, 30, 0, TimeSpan.Zero);
        var summary = new DocumentSummary(Guid.NewGuid(), Guid.NewGuid(), "Declarations ✓", DocumentVisibility.Members, false, at, "Fabiola") { RecommendationId = Guid.NewGuid() };
        var opened = new OpenedDocument(
            summary,
            "Text 🙂",
            7,
            [new AppliedOperation(7, TextOperation.Builder().Retain(3).Insert("añb").Delete(2).Build(), "c1", 4, Guid.NewGuid(), at)],
            GroupRole.Member,
            true,
            "s1",
            [new Participant("s1", Guid.NewGuid(), "Mateo", "Transparencia", GroupRole.Observer, "#aa0000", 1, 2)],
            1_000_000);

        var packed = MessagePack.MessagePackSerializer.Serialize(opened, LiveConnections.MessagePackPayload);
        var asJson = System.Text.Json.Nodes.JsonNode.Parse(MessagePack.MessagePackSerializer.ConvertToJson(packed));
        var json = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(opened, LiveConnections.Payload));

        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(json, asJson), $"MessagePack {asJson?.ToJsonString()}\nJSON {json?.ToJsonString()}");
        Assert.Equal("observer", (string?)asJson!["participants"]![0]!["role"]);
        Assert.Equal("[3,\"añb\",-2]", asJson["since"]![0]!["operation"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        var back = MessagePack.MessagePackSerializer.Deserialize<OpenedDocument>(packed, LiveConnections.MessagePackPayload);
        Assert.Equal(opened.Text, back.Text);
        Assert.Equal(opened.Participants, back.Participants);
        Assert.Equal(opened.Since![0].Operation, back.Since![0].Operation);
        Assert.Equal(summary, back.Summary);
    }
}

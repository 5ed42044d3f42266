using System.Text.Json;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;
using Workspace.LiveClient;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// The .NET client reads document broadcasts with its own converter (the hottest path of a busy
/// client), skipping the serializer for the empty presence and departures most broadcasts carry.
/// Whatever it skips, it must read the rest of the message from the right place.
/// </summary>
public sealed class DocumentChangesJsonTests
{
    private static readonly Guid Document = Guid.Parse("6f1c1b3e-0f0e-4a51-9b43-2d1f4b8c9a10");
    private static readonly Guid Author = Guid.Parse("0b5e6c1d-2a3b-4c5d-8e9f-0a1b2c3d4e5f");

    private const string Operation =
        """{"revision":7,"operation":[3,"d"],"clientId":"c1","sequence":4,"authorId":"0b5e6c1d-2a3b-4c5d-8e9f-0a1b2c3d4e5f","at":"2026-11-23T10:00:00.1234567+00:00"}""";

    [Fact]
    public void Empty_presence_departures_and_summary_are_read_as_empty_and_the_operations_after_them_are_read()
    {
        var message = Read($$"""{"documentId":"{{Document}}","presence":[],"left":[],"summary":null,"epoch":"9F2A61C03B7E","operations":[{{Operation}}]}""");

        Assert.Equal(Document, message.DocumentId);
        Assert.Equal("9F2A61C03B7E", message.Epoch);
        Assert.Empty(message.Presence);
        Assert.Empty(message.Left);
        Assert.Null(message.Summary);
        var applied = Assert.Single(message.Operations);
        Assert.Equal((7, "c1", 4L, Author), (applied.Revision, applied.ClientId, applied.Sequence, applied.AuthorId));
        Assert.Equal("abcd", applied.Operation.Apply("abc"));
    }

    [Fact]
    public void Presence_departures_and_a_summary_are_read_in_full_whichever_way_they_are_written()
    {
        var presence = """[{"sessionId":"s1","userId":"0b5e6c1d-2a3b-4c5d-8e9f-0a1b2c3d4e5f","displayName":"Amina","organisation":"TI","role":"observer","colour":"#0a7","anchor":1,"head":3}]""";
        var summary = $$"""{"id":"{{Document}}","groupId":"{{Author}}","title":"Article 9","visibility":"observers","locked":true,"createdAt":"2026-11-23T10:00:00+00:00","createdByName":"Amina"}""";

        var message = Read($$"""{"documentId":"{{Document}}","operations":[],"presence":{{presence}},"left":["s0", "s2"],"summary":{{summary}}}""");

        Assert.Empty(message.Operations);
        var participant = Assert.Single(message.Presence);
        Assert.Equal(("s1", "Amina", GroupRole.Observer, 1, 3), (participant.SessionId, participant.DisplayName, participant.Role, participant.Anchor, participant.Head));
        Assert.Equal(["s0", "s2"], message.Left);
        Assert.Equal(("Article 9", DocumentVisibility.Observers, true), (message.Summary!.Title, message.Summary.Visibility, message.Summary.Locked));
    }

    [Fact]
    public void Null_presence_and_departures_are_read_as_empty()
    {
        var message = Read($$"""{"documentId":"{{Document}}","operations":[{{Operation}}],"presence":null,"left":null}""");

        Assert.Empty(message.Presence);
        Assert.Empty(message.Left);
        Assert.Single(message.Operations);
    }

    [Fact]
    public void A_broadcast_that_is_not_an_object_is_refused()
    {
        Assert.Throws<JsonException>(() => Read("""[{"documentId":"x"}]"""));
    }

    private static DocumentChangesMessage Read(string json) =>
        JsonSerializer.Deserialize<DocumentChangesMessage>(json, LiveConnections.Payload)!;
}

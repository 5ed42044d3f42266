using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// The server side of a shared protocol scenario (tests/fixtures/protocol/client-id-taken.json),
/// over a real socket: the refusal the scenario scripts is what the server sends, and the client's
/// answer to it (a fresh client id, the same edit again) gets the edit applied once.
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
}

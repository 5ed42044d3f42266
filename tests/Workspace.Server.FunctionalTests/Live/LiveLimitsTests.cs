using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Contracts.Documents;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>The live path's limits over real sockets: silence closes a connection, and rate limits are a person's, not a connection's.</summary>
public sealed class LiveLimitsTests
{
    [Fact]
    public async Task A_client_that_connects_and_never_pings_is_removed_from_presence_within_the_client_timeout()
    {
        await using var host = new WorkspaceHost(new Dictionary<string, string?>
        {
            ["Workspace:Live:ClientTimeout"] = "00:00:02",
            ["Workspace:Live:KeepAliveInterval"] = "00:00:00.500",
        });
        await using var live = await LiveWorld.Create(host);
        var facilitatorClient = live.Cast.People["facilitator"].Client;
        await using var pinging = LiveConnections.Live(facilitatorClient.BaseAddress, facilitatorClient.Cookies);
        pinging.KeepAliveInterval = TimeSpan.FromMilliseconds(500); // a well-behaved client pings well within the timeout
        await pinging.StartAsync();
        var facilitator = await LiveDocument.OpenAsync(pinging, live.DocumentId);

        await using var silent = await RawHubSocket.Connect(live.Cast.People["member"].Client);
        await silent.Invoke("Open", live.DocumentId, null); // then nothing at all, not even a ping
        await Eventually.True(() => facilitator.Participants.Any(p => p.DisplayName == "Member"), "the silent member is present at first");
        var connected = DateTime.UtcNow;

        var reason = await silent.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.True(() => facilitator.Participants.All(p => p.DisplayName != "Member"), "the silent member leaves the presence list", seconds: 10);
        var gone = DateTime.UtcNow - connected;

        Assert.StartsWith("connection.timed-out: ", reason, StringComparison.Ordinal);
        Assert.True(gone < TimeSpan.FromSeconds(6), $"gone after {gone.TotalSeconds:0.0} s (timeout 2 s, checked every second)");
        Assert.Equal(HubConnectionState.Connected, pinging.State);
        facilitator.Insert(0, "still here");
        await facilitator.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Four_connections_of_one_person_share_one_budget_and_another_person_is_not_refused()
    {
        await using var host = new WorkspaceHost(new Dictionary<string, string?> { ["Workspace:Documents:SubmitsPerSecond"] = "5" });
        await using var live = await LiveWorld.Create(host);
        var member = live.Cast.People["member"].Client;
        var tabs = new List<RawHubSocket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var tab = await RawHubSocket.Connect(member);
                tabs.Add(tab);
                await tab.Invoke("Open", live.DocumentId, null);
            }

            // 40 edits round the four tabs at once: per connection (10 each in a burst) all would pass.
            var (accepted, refused) = (0, 0);
            for (var i = 0; i < 40; i++)
            {
                try
                {
                    await tabs[i % 4].SendEdit(Edit(live.DocumentId, accepted, $"m{i}", i), $"m{i}", i + 1);
                    accepted++;
                }
                catch (HubRefusedException e)
                {
                    Assert.Equal(("request.rate-limited", "toomanyrequests"), (e.Error.Code, e.Error.Kind));
                    refused++;
                }
            }

            Assert.InRange(accepted, 10, 20); // a burst of 10, plus what refills while the calls go
            Assert.Equal(40 - accepted, refused);

            // Another person's edits, straight after: their own budget.
            await using var facilitator = await RawHubSocket.Connect(live.Cast.People["facilitator"].Client);
            await facilitator.Invoke("Open", live.DocumentId, null);
            for (var i = 0; i < 8; i++)
            {
                await facilitator.SendEdit(Edit(live.DocumentId, accepted, "f", i), "f", i + 1);
                accepted++;
            }
        }
        finally
        {
            foreach (var tab in tabs)
            {
                await tab.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Reconnecting_does_not_renew_a_person_s_budget()
    {
        await using var host = new WorkspaceHost(new Dictionary<string, string?> { ["Workspace:Documents:SubmitsPerSecond"] = "1" });
        await using var live = await LiveWorld.Create(host);
        var member = live.Cast.People["member"].Client;
        var accepted = 0;

        // Spend the burst (two edits at one a second) until refused.
        await using (var first = await RawHubSocket.Connect(member))
        {
            await first.Invoke("Open", live.DocumentId, null);
            for (var i = 0; i < 6 && await Accepted(first, live.DocumentId, accepted, "first", i); i++)
            {
                accepted++;
            }
        }

        // The socket is gone (its goodbye has run), and a new one comes: still the same budget, not a fresh burst of two.
        await Task.Delay(300);
        await using var second = await RawHubSocket.Connect(member);
        await second.Invoke("Open", live.DocumentId, null);
        var again = 0;
        for (var i = 0; i < 3; i++)
        {
            if (await Accepted(second, live.DocumentId, accepted, "second", i))
            {
                accepted++;
                again++;
            }
        }

        Assert.InRange(again, 0, 1); // at most what refilled in the half second since; a fresh budget would pass two
    }

    private static async Task<bool> Accepted(RawHubSocket socket, Guid documentId, int applied, string clientId, int sequence)
    {
        try
        {
            await socket.SendEdit(Edit(documentId, applied, clientId, sequence), clientId, sequence + 1);
            return true;
        }
        catch (HubRefusedException e) when (e.Error.Code == "request.rate-limited")
        {
            return false;
        }
    }

    /// <summary>Inserts an "x" at the start of a document that has had <paramref name="applied"/> one-character edits since it was empty.</summary>
    private static string Edit(Guid documentId, int applied, string clientId, int sequence) =>
        $"[\"{documentId}\",{applied},{(applied == 0 ? "[\"x\"]" : $"[\"x\",{applied}]")},{JsonSerializer.Serialize(clientId)},{sequence + 1}]";
}

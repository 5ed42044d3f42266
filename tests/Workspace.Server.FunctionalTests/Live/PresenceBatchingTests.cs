using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Contracts.Documents;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// Presence is batched: whatever happens within one window reaches readers as one message. A
/// session that comes and goes within a window (a reconnection, a re-open after a failover)
/// must not stay in anyone's list.
/// </summary>
public sealed class PresenceBatchingTests() : HostedTest(new Dictionary<string, string?>
{
    ["Workspace:Documents:PresenceWindow"] = "00:00:01",
})
{
    [Fact]
    public async Task A_session_that_opens_and_is_replaced_within_one_window_leaves_no_trace_in_anyone_s_list()
    {
        await using var live = await LiveWorld.Create(Host);
        var facilitator = await live.Open("facilitator");
        var wire = await live.RecordChanges("facilitator");
        var connection = await live.Connect("member");

        // The same connection opens twice at once (as a client does when told to re-open): the first session is replaced.
        var first = await connection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
        var second = await connection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
        Assert.NotEqual(first.SessionId, second.SessionId);

        await Eventually.True(() => facilitator.Participants.Any(p => p.SessionId == second.SessionId), "the member's second session is shown");
        await Task.Delay(1500); // a later window, in case anything else were on its way
        Assert.DoesNotContain(facilitator.Participants, p => p.SessionId == first.SessionId);
        Assert.Equal(3, facilitator.Participants.Count);
        // On the wire too: no message both shows the first session and says it left (older clients applied 'left' first).
        var messages = wire();
        Assert.DoesNotContain(messages, m => m.GetProperty("presence").EnumerateArray().Any(p => p.GetProperty("sessionId").GetString() == first.SessionId));
        Assert.Contains(messages, m => m.GetProperty("left").EnumerateArray().Any(l => l.GetString() == first.SessionId));

        // A newcomer is told the same.
        var newcomer = await live.Open("facilitator");
        Assert.Equal(4, newcomer.Participants.Count);
        Assert.DoesNotContain(newcomer.Participants, p => p.SessionId == first.SessionId);
    }

    [Fact]
    public async Task A_session_that_opens_and_closes_within_one_window_leaves_no_trace_in_anyone_s_list()
    {
        await using var live = await LiveWorld.Create(Host);
        var facilitator = await live.Open("facilitator");
        var member = await live.Open("member");

        var connection = await live.Connect("member");
        var fleeting = await connection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
        await connection.DisposeAsync();
        await member.MoveCursorAsync(0, 0); // something else in the same window, so a broadcast carries both

        await Eventually.True(() => facilitator.Participants.Count == 2, "the facilitator sees the member");
        await Task.Delay(1500);
        Assert.DoesNotContain(facilitator.Participants, p => p.SessionId == fleeting.SessionId);
        Assert.DoesNotContain(member.Participants, p => p.SessionId == fleeting.SessionId);
        Assert.Equal(2, facilitator.Participants.Count);
    }

    [Fact]
    public async Task Connections_that_drop_while_their_open_is_still_on_its_way_leave_no_one_behind()
    {
        await using var live = await LiveWorld.Create(Host);
        var facilitator = await live.Open("facilitator");

        // A flaky network: connections that open the document and are gone before (or as) the answer comes back.
        for (var i = 0; i < 25; i++)
        {
            var connection = await live.Connect("member");
            var open = connection.InvokeAsync<OpenedDocument>("Open", live.DocumentId, null);
            await Task.Delay(i % 5);
            await connection.DisposeAsync();
            await Task.WhenAny(open);
        }

        await Task.Delay(1500); // past the presence window, in case anything were still on its way
        await Eventually.True(() => facilitator.Participants.Count == 1, "only the facilitator is left", seconds: 10);
        var newcomer = await live.Open("facilitator");
        Assert.Equal(2, newcomer.Participants.Count);
    }
}

using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Security;

/// <summary>Session actions are limited per connection, like edits and cursor moves.</summary>
public sealed class SessionRateLimitTests() : HostedTest(new Dictionary<string, string?> { ["Workspace:Documents:ActionsPerSecond"] = "2" })
{
    [Fact]
    public async Task A_flood_of_session_actions_is_refused_and_only_what_was_accepted_is_kept()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var notes = (string)(await cast.People["facilitator"].Client.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/documents", new { title = "Notes", visibility = "observers" }))!["id"]!;
        var sessionId = await Live.SessionSteps.Plan(cast.People["facilitator"].Client, world.GroupId, "Flooded", ("Notes", "document", notes));
        await using var facilitator = await Listener.Connect(cast.People["facilitator"].Client);
        await using var observer = await Listener.Connect(cast.People["observer"].Client);
        await facilitator.Session("JoinSession", sessionId);
        await observer.Session("JoinSession", sessionId);
        await facilitator.Session("StartSession", sessionId);

        var outcomes = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            try
            {
                await observer.Session("AskQuestion", sessionId, $"Question {i}?");
                outcomes.Add("ok");
            }
            catch (Microsoft.AspNetCore.SignalR.HubException e)
            {
                outcomes.Add(Workspace.LiveClient.HubError.From(e)?.Code ?? e.Message);
            }
        }

        var kept = (await facilitator.Session("JoinSession", sessionId)).GetProperty("questions").GetArrayLength();
        Assert.Contains("request.rate-limited", outcomes);
        Assert.True(outcomes.Count(o => o == "ok") is >= 4 and < 12, string.Join(", ", outcomes));
        Assert.Equal(outcomes.Count(o => o == "ok"), kept);
    }
}

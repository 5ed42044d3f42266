using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workspace.Grains.Live;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;
using static Workspace.Server.FunctionalTests.Live.SessionSteps;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>Facilitated sessions over real sockets: every action seen by everyone present; nothing members-only reaching an observer.</summary>
public sealed class SessionLiveTests : HostedTest
{
    [Fact]
    public async Task Everyone_present_sees_every_session_action_and_wrong_moves_change_nothing()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var facilitatorApi = cast.People["facilitator"].Client;
        var notes = (string)(await facilitatorApi.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/documents", new { title = "Agenda notes", visibility = "observers" }))!["id"]!;
        var thread = (string)(await cast.People["member"].Client.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/recommendations", Cast.Recommendation("Open beneficial ownership registers", "observers")))!["recommendation"]!["id"]!;
        var sessionId = await Plan(facilitatorApi, world.GroupId, "Roundtable", ("Welcome", "document", notes), ("Registers", "recommendation", thread));
        var people = new Dictionary<string, Listener>();
        foreach (var name in new[] { "facilitator", "member", "target", "observer" })
        {
            people[name] = await Listener.Connect(cast.People[name].Client);
            await people[name].Session("JoinSession", sessionId);
        }

        var (f, member, observer) = (people["facilitator"], people["member"], people["observer"]);
        var memberId = cast.People["member"].Id.ToString();
        try
        {
            await f.Session("StartSession", sessionId);
            await All(people.Values, v => Str(v, "status") == "live" && v.GetProperty("attendance").GetArrayLength() == 4, "everyone sees the session live with four attending");

            await f.Session("FocusItem", sessionId, 1);
            await All(people.Values, v => v.GetProperty("currentItem").GetInt32() == 1, "everyone follows the facilitator to item 2");
            Assert.Single(people.Values.Select(l => Str(l.LastSession!.Value, "itemEndsAt")).Distinct()); // one server-time countdown

            await member.Session("RaiseHand", sessionId, false);
            await All(people.Values, v => v.GetProperty("queue").GetArrayLength() == 1 && Str(v.GetProperty("queue")[0].GetProperty("person"), "organisation") == "member CSO", "everyone sees the raised hand");
            Assert.Equal(memberId, Str(f.LastSession!.Value.GetProperty("queue")[0].GetProperty("person"), "id")); // the observer: organisation only (SessionDisclosureTests)
            Assert.Equal("session.hand-already-raised", await Refused(member.Session("RaiseHand", sessionId, false)));
            Assert.Equal("session.observers-may-not-queue", await Refused(observer.Session("RaiseHand", sessionId, false)));
            Assert.Equal("session.not-present", await Refused(f.Session("GiveFloor", sessionId, cast.People["stranger"].Id)));
            Assert.Equal("group.facilitator-only", await Refused(member.Session("GiveFloor", sessionId, (Guid?)null)));

            await f.Session("GiveFloor", sessionId, (Guid?)null);
            await All(people.Values, v => v.GetProperty("floor").ValueKind == JsonValueKind.Object && Str(v.GetProperty("floor").GetProperty("person"), "organisation") == "member CSO" && v.GetProperty("queue").GetArrayLength() == 0, "everyone sees who has the floor");

            await f.Session("OpenSessionPoll", sessionId, "Ready to adopt?");
            await member.Session("VoteInSession", sessionId, "agree");
            await people["target"].Session("VoteInSession", sessionId, "agree");
            Assert.Equal("recommendation.members-only", await Refused(observer.Session("VoteInSession", sessionId, "block")));
            await All(people.Values, v => v.GetProperty("poll").GetProperty("tally").GetProperty("agree").GetInt32() == 2, "everyone sees the live tally");
            await f.Session("CloseSessionPoll", sessionId);
            Assert.Equal("poll.closed", await Refused(member.Session("VoteInSession", sessionId, "disagree")));
            await All(people.Values, v => !v.GetProperty("poll").GetProperty("open").GetBoolean() && v.GetProperty("poll").GetProperty("tally").GetProperty("disagree").GetInt32() == 0, "everyone sees the poll closed, unchanged");

            var asked = await observer.Session("AskQuestion", sessionId, "Will the registers be public?");
            var question = asked.GetProperty("questions")[0].GetProperty("id").GetGuid();
            await member.Session("UpvoteQuestion", sessionId, question);
            Assert.Equal("question.already-upvoted", await Refused(member.Session("UpvoteQuestion", sessionId, question)));
            Assert.Equal("question.own", await Refused(observer.Session("UpvoteQuestion", sessionId, question)));
            await All(people.Values, v => v.GetProperty("questions")[0].GetProperty("upvotes").GetInt32() == 1 && Str(v.GetProperty("questions")[0].GetProperty("author"), "organisation") == "observer CSO", "everyone sees the question with its organisation and one upvote");
            await f.Session("MarkQuestion", sessionId, question, "answered");
            await All(people.Values, v => Str(v.GetProperty("questions")[0], "status") == "answered", "everyone sees the question answered");

            var targetId = cast.People["target"].Id;
            await f.Session("RemoveFromSession", sessionId, targetId);
            await Eventually.True(() => people["target"].Messages.Any(m => m.StartsWith("SessionClosed", StringComparison.Ordinal) && m.Contains("removed", StringComparison.Ordinal)), "the removed person's screen is told at once");
            Assert.Equal("session.removed", await Refused(people["target"].Session("JoinSession", sessionId)));
            var stayed = people.Where(p => p.Key != "target").Select(p => p.Value).ToArray();
            await All(stayed, v => v.GetProperty("present").EnumerateArray().All(p => Str(p.GetProperty("person"), "organisation") != "target CSO"), "the removed person is gone from everyone's list");

            await f.Session("EndSession", sessionId);
            await All(stayed, v => Str(v, "status") == "ended" && v.GetProperty("minutesDocumentId").ValueKind == JsonValueKind.String, "everyone sees the end and the minutes");
            var minutes = observer.LastSession!.Value.GetProperty("minutesDocumentId").GetGuid();
            var preview = await cast.People["observer"].Client.Ok(HttpMethod.Get, $"/api/documents/{minutes}/preview");
            Assert.Contains("Will the registers be public?", (string)preview!["html"]!, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var listener in people.Values)
            {
                await listener.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task An_observer_present_throughout_receives_nothing_members_only()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var facilitatorApi = cast.People["facilitator"].Client;
        var memberApi = cast.People["member"].Client;
        var notes = (string)(await facilitatorApi.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/documents", new { title = "Public notes", visibility = "observers" }))!["id"]!;
        var secret = await memberApi.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/recommendations", Cast.Recommendation("SECRET witness list"));
        var secretId = (string)secret!["recommendation"]!["id"]!;
        var secretBody = (string)secret["recommendation"]!["bodyId"]!;
        var sessionId = await Plan(facilitatorApi, world.GroupId, "Closed-door roundtable", ("Welcome", "document", notes), ("SECRET agenda title", "recommendation", secretId));
        await using var observer = await Listener.Connect(cast.People["observer"].Client);
        await using var member = await Listener.Connect(memberApi);
        await using var f = await Listener.Connect(facilitatorApi);
        var joined = await observer.Session("JoinSession", sessionId);
        await member.Session("JoinSession", sessionId);
        await f.Session("JoinSession", sessionId);

        await f.Session("StartSession", sessionId);
        await f.Session("FocusItem", sessionId, 1);
        await f.Session("OpenSessionPoll", sessionId, "SECRET poll question?");
        await member.Session("VoteInSession", sessionId, "agree");
        await memberApi.Ok(HttpMethod.Post, $"/api/recommendations/{secretId}/comments", new { markdown = "SECRET comment during the session" });
        await member.Session("RaiseHand", sessionId, false);
        await f.Session("GiveFloor", sessionId, (Guid?)null);
        await f.Session("CloseSessionPoll", sessionId);
        await f.Session("FocusItem", sessionId, 0);
        var ended = await f.Session("EndSession", sessionId);
        await Eventually.True(() => observer.LastSession is { } v && Str(v, "status") == "ended", "the observer sees the session end");
        await Task.Delay(300);

        var minutes = ended.GetProperty("minutesDocumentId").GetString()!;
        var everything = string.Join('\n', observer.Messages) + joined.GetRawText();
        Assert.True(observer.Messages.Count(m => m.StartsWith("Session ", StringComparison.Ordinal)) >= 8, "the observer followed every step");
        Assert.DoesNotContain("SECRET", everything, StringComparison.Ordinal);
        foreach (var id in new[] { secretId, secretBody, minutes, world.DocumentId.ToString(), world.RecommendationId.ToString() })
        {
            Assert.DoesNotContain(id, everything, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(observer.Messages, m => m.StartsWith("Session ", StringComparison.Ordinal) && m.Contains("\"currentItem\":1", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, observer.LastSession!.Value.GetProperty("minutesDocumentId").ValueKind);
        Assert.True(observer.LastSession!.Value.GetProperty("agenda")[1].GetProperty("hidden").GetBoolean());
        Assert.Contains("SECRET", ended.GetRawText(), StringComparison.Ordinal); // the members' view does carry it
    }

    [Fact]
    public async Task People_whose_connection_drops_while_they_join_do_not_stay_in_the_room()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var facilitatorApi = cast.People["facilitator"].Client;
        var notes = (string)(await facilitatorApi.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/documents", new { title = "Notes", visibility = "observers" }))!["id"]!;
        var sessionId = await Plan(facilitatorApi, world.GroupId, "Roundtable", ("Welcome", "document", notes));
        await using var f = await Listener.Connect(facilitatorApi);
        await f.Session("JoinSession", sessionId);
        await f.Session("StartSession", sessionId);

        // A flaky network: the member's connections drop before (or as) their joining is answered.
        for (var i = 0; i < 25; i++)
        {
            var member = await Listener.Connect(cast.People["member"].Client);
            var join = member.Session("JoinSession", sessionId);
            await Task.Delay(i % 5);
            await member.DisposeAsync();
            await Task.WhenAny(join);
        }

        // Past a renewal of the node's connections, nobody but the facilitator is in the room.
        await Task.Delay(Host.Services.GetRequiredService<IOptions<NodeOptions>>().Value.RenewEvery + TimeSpan.FromSeconds(1));
        await All([f], v => v.GetProperty("present").GetArrayLength() == 1, "only the facilitator is left in the room");
        await f.Session("FocusItem", sessionId, 0);
        Assert.Equal(1, f.LastSession!.Value.GetProperty("present").GetArrayLength());
    }
}

/// <summary>Steps shared by the session tests over sockets.</summary>
public static class SessionSteps
{
    public static async Task<Guid> Plan(ApiClient facilitator, Guid groupId, string title, params (string Title, string Target, string Id)[] agenda)
    {
        var session = await facilitator.Ok(HttpMethod.Post, $"/api/groups/{groupId}/sessions", new
        {
            title, scheduledStart = DateTimeOffset.UtcNow,
            agenda = agenda.Select(a => new { title = a.Title, target = a.Target, targetId = a.Id, minutes = 15 }).ToArray(),
        });
        return Guid.Parse((string)session!["id"]!);
    }

    /// <summary>Waits until every listener's latest session view satisfies <paramref name="condition"/>.</summary>
    public static Task All(IEnumerable<Listener> listeners, Func<JsonElement, bool> condition, string because, int seconds = 15) =>
        Eventually.True(() => listeners.All(l => l.LastSession is { } v && Safe(condition, v)), because, seconds);

    public static string? Str(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static async Task<string> Refused(Task call)
    {
        var e = await Assert.ThrowsAsync<HubException>(() => call);
        return HubError.From(e)?.Code ?? e.Message;
    }

    private static bool Safe(Func<JsonElement, bool> condition, JsonElement view)
    {
        try
        {
            return condition(view);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return false;
        }
    }
}

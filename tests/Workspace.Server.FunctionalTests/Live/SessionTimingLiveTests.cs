using System.Text.Json;
using Workspace.Server.FunctionalTests.Infrastructure;
using static Workspace.Server.FunctionalTests.Live.SessionSteps;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>Pausing and extending the current item and the speaking-time limit over real sockets (issue 20).</summary>
public sealed class SessionTimingLiveTests : HostedTest
{
    [Fact]
    public async Task A_member_cannot_pause_or_extend_and_a_second_connection_sees_the_pause_live_after_reconnecting_and_over_rest()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var facilitatorApi = cast.People["facilitator"].Client;
        var notes = (string)(await facilitatorApi.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/documents", new { title = "Notes", visibility = "observers" }))!["id"]!;
        var sessionId = await Plan(facilitatorApi, world.GroupId, "Timed roundtable", ("Welcome", "document", notes));
        await using var f = await Listener.Connect(facilitatorApi);
        await using var member = await Listener.Connect(cast.People["member"].Client);
        var observer = await Listener.Connect(cast.People["observer"].Client);
        try
        {
            await f.Session("JoinSession", sessionId);
            await member.Session("JoinSession", sessionId);
            await observer.Session("JoinSession", sessionId);
            var started = await f.Session("StartSession", sessionId);
            var endsAt = Str(started, "itemEndsAt");

            // A member is refused with the typed error and nothing changes.
            Assert.Equal("group.facilitator-only", await Refused(member.Session("PauseItem", sessionId)));
            Assert.Equal("group.facilitator-only", await Refused(member.Session("ExtendItem", sessionId, 5)));
            Assert.Equal("group.facilitator-only", await Refused(member.Session("SetSpeakingLimit", sessionId, (int?)60)));
            Assert.Equal("validation.out-of-range", await Refused(f.Session("ExtendItem", sessionId, 0)));
            Assert.Equal("validation.out-of-range", await Refused(f.Session("ExtendItem", sessionId, 241)));
            var unchanged = await member.Session("JoinSession", sessionId);
            Assert.Equal((endsAt, JsonValueKind.Null, 0), (Str(unchanged, "itemEndsAt"), unchanged.GetProperty("itemPausedAt").ValueKind, unchanged.GetProperty("itemExtraMinutes").GetInt32()));

            // The facilitator pauses, extends and sets a limit: the others see it live.
            await f.Session("PauseItem", sessionId);
            await f.Session("ExtendItem", sessionId, 5);
            await f.Session("SetSpeakingLimit", sessionId, (int?)120);
            await All([member, observer], v => Str(v, "itemPausedAt") is not null && v.GetProperty("itemExtraMinutes").GetInt32() == 5 && v.GetProperty("speakingLimitSeconds").GetInt32() == 120,
                "the member and the observer see the item paused, extended by 5 minutes, with a 2-minute limit");

            // The observer's connection drops; a new one catches up on joining.
            await observer.DisposeAsync();
            observer = await Listener.Connect(cast.People["observer"].Client);
            var caughtUp = await observer.Session("JoinSession", sessionId);
            Assert.NotNull(Str(caughtUp, "itemPausedAt"));
            Assert.Equal(5, caughtUp.GetProperty("itemExtraMinutes").GetInt32());
            var left = DateTimeOffset.Parse(Str(caughtUp, "itemEndsAt")!, System.Globalization.CultureInfo.InvariantCulture)
                - DateTimeOffset.Parse(Str(caughtUp, "itemPausedAt")!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(left.TotalMinutes, 19, 20); // 15 + 5, frozen while paused

            // The REST reading of the session says the same.
            var rest = await cast.People["member"].Client.Ok(HttpMethod.Get, $"/api/sessions/{sessionId}");
            Assert.Equal((5, 120), ((int)rest!["itemExtraMinutes"]!, (int)rest["speakingLimitSeconds"]!));
            Assert.NotNull((string?)rest["itemPausedAt"]);

            await f.Session("ResumeItem", sessionId);
            await All([member, observer], v => v.GetProperty("itemPausedAt").ValueKind == JsonValueKind.Null, "everyone sees the countdown running again");
        }
        finally
        {
            await observer.DisposeAsync();
        }
    }
}

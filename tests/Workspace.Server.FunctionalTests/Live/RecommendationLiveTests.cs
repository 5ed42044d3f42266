using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Workspace.Contracts.Groups;
using Workspace.Server.Live;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>Live updates of recommendation threads over real sockets, and what observers never receive.</summary>
public sealed class RecommendationLiveTests : HostedTest
{
    [Fact]
    public async Task Observers_receive_live_updates_of_visible_recommendations_and_nothing_of_members_only_ones()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld(); // its two recommendations are members-only
        await using var member = await Listener.Watch(cast, "member", world.GroupId);
        await using var observer = await Listener.Watch(cast, "observer", world.GroupId);
        var memberApi = cast.People["member"].Client;
        var facilitatorApi = cast.People["facilitator"].Client;

        var secret = await memberApi.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/recommendations", Cast.Recommendation("SECRET witness protection"));
        var secretId = (string)secret!["recommendation"]!["id"]!;
        await memberApi.Ok(HttpMethod.Post, $"/api/recommendations/{secretId}/comments", new { markdown = "SECRET names of witnesses" });
        var shown = await memberApi.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/recommendations", Cast.Recommendation("Open procurement data", "observers"));
        var shownId = (string)shown!["recommendation"]!["id"]!;
        await memberApi.Ok(HttpMethod.Post, $"/api/recommendations/{shownId}/comments", new { markdown = "Public comment" });

        await Eventually.True(() => observer.Count("RecommendationChanged", shownId) >= 2, "the observer sees the visible recommendation created and commented");
        await Eventually.True(() => member.Count("RecommendationChanged", secretId) >= 2, "the member sees the members-only recommendation created and commented"); // another connection: no order between the two

        // Made members-only: observers are told it is gone, then hear nothing more of it.
        var hidden = await facilitatorApi.Ok(HttpMethod.Patch, $"/api/recommendations/{shownId}", new
        {
            title = "Open procurement data (internal)", thematicArea = "Whistleblower protection", articles = new[] { "Art. 9.1" },
            addressees = new[] { "Congress" }, countries = new[] { "MX" }, visibility = "members",
        });
        await memberApi.Ok(HttpMethod.Post, $"/api/recommendations/{shownId}/comments", new { markdown = "SECRET after hiding" });
        await Eventually.True(() => member.Messages.Any(m => m.Contains("internal", StringComparison.Ordinal)) && member.Count("RecommendationChanged", shownId) >= 4, "the member sees every change");
        await Eventually.True(() => observer.Count("RecommendationRemoved", shownId) == 1, "the observer is told the recommendation is gone");

        // As of the change that hid it, so that a board can tell it from changes that overtake it or that it overtakes.
        var removal = observer.Messages.Single(m => m.StartsWith("RecommendationRemoved ", StringComparison.Ordinal));
        using (var removed = JsonDocument.Parse(removal["RecommendationRemoved ".Length..]))
        {
            Assert.Equal(
                DateTimeOffset.Parse((string)hidden!["recommendation"]!["updatedAt"]!, CultureInfo.InvariantCulture),
                removed.RootElement[0].GetProperty("at").GetDateTimeOffset());
        }
        await Task.Delay(500);

        var everything = string.Join('\n', observer.Messages);
        Assert.DoesNotContain(secretId, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("internal", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(world.RecommendationId.ToString(), everything, StringComparison.Ordinal);
        Assert.Equal(2, observer.Count("RecommendationChanged", shownId));

        // Lists and reports agree: nothing members-only reaches the observer.
        var observerApi = cast.People["observer"].Client;
        var list = await observerApi.Ok(HttpMethod.Get, $"/api/groups/{world.GroupId}/recommendations");
        Assert.Empty(list!.AsArray());
        using var report = await observerApi.Get($"/api/groups/{world.GroupId}/reports/outcome?format=html");
        var html = await report.Content.ReadAsStringAsync();
        Assert.Equal("text/html", report.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", report.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("asset declarations", html, StringComparison.OrdinalIgnoreCase);
        using var memberReport = await memberApi.Get($"/api/groups/{world.GroupId}/reports/outcome");
        Assert.Contains("Publish asset declarations", await memberReport.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_member_ends_their_live_view_of_the_group_at_once()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        await using var target = await Listener.Watch(cast, "target", world.GroupId);

        await cast.People["facilitator"].Client.Ok(HttpMethod.Delete, $"/api/groups/{world.GroupId}/members/{world.TargetUserId}");
        await Eventually.True(() => target.Messages.Any(m => m.StartsWith("GroupClosed", StringComparison.Ordinal)), "the removed member's connection is told");
        await cast.People["member"].Client.Ok(HttpMethod.Post, $"/api/recommendations/{world.RecommendationId}/comments", new { markdown = "After the removal" });
        await Task.Delay(500);

        Assert.Equal(0, target.Count("RecommendationChanged", world.RecommendationId.ToString()));
    }

    [Fact]
    public async Task A_role_change_notified_out_of_order_leaves_the_person_in_the_audience_of_their_current_role()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld(); // its recommendations are members-only
        await using var target = await Listener.Watch(cast, "target", world.GroupId);
        var connections = Host.Services.GetRequiredService<ConnectionRegistry>();
        var fanOut = Host.Services.GetRequiredService<GroupFanOut>();
        var live = connections.Get(target.Connection.ConnectionId!)!;
        Assert.Equal(GroupRole.Member, live.Groups[world.GroupId]);

        // Promoted to facilitator, then demoted to observer; the promotion's notification arrives last.
        var facilitator = cast.People["facilitator"].Client;
        await facilitator.Ok(HttpMethod.Put, $"/api/groups/{world.GroupId}/members/{world.TargetUserId}/role", new { role = "facilitator" });
        await facilitator.Ok(HttpMethod.Put, $"/api/groups/{world.GroupId}/members/{world.TargetUserId}/role", new { role = "observer" });
        await Eventually.True(() => live.Groups[world.GroupId] == GroupRole.Observer, "the demotion reaches the node");
        await fanOut.MemberChanged(world.GroupId, world.TargetUserId, GroupRole.Facilitator);

        Assert.Equal(GroupRole.Observer, live.Groups[world.GroupId]);
        await cast.People["member"].Client.Ok(HttpMethod.Post, $"/api/recommendations/{world.RecommendationId}/comments", new { markdown = "SECRET after the demotion" });
        await Task.Delay(500);
        Assert.Equal(0, target.Count("RecommendationChanged", world.RecommendationId.ToString()));
    }

    [Fact]
    public async Task An_accepted_amendment_lands_exactly_while_someone_types_elsewhere_in_the_body()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var detail = await cast.People["member"].Client.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/recommendations", new
        {
            title = "Channels", thematicArea = "Whistleblower protection", articles = new[] { "Art. 33" }, addressees = new[] { "Congress" },
            countries = new[] { "MX" }, visibility = "members", body = "Each ministry runs a reporting channel.",
        });
        var id = (string)detail!["recommendation"]!["id"]!;
        var bodyId = Guid.Parse((string)detail["recommendation"]!["bodyId"]!);
        await using var connection = LiveConnections.Live(cast.People["member"].Client.BaseAddress, cast.People["member"].Client.Cookies);
        await connection.StartAsync();
        var typist = await LiveDocument.OpenAsync(connection, bodyId);
        var proposed = await cast.People["target"].Client.Ok(HttpMethod.Post, $"/api/recommendations/{id}/amendments", new
        {
            revision = typist.Revision, from = 5, to = 13, replacement = "public body", reason = "Not only ministries",
        });
        var amendmentId = (string)proposed!["amendments"]![0]!["id"]!;

        // The member keeps typing at the end while the facilitator accepts the amendment in the middle.
        var typing = Task.Run(async () =>
        {
            foreach (var word in new[] { " It", " is", " free", " of", " charge." })
            {
                typist.Insert(typist.Text.Length, word);
                await Task.Delay(30);
            }
        });
        var accepted = await cast.People["facilitator"].Client.Ok(HttpMethod.Post, $"/api/recommendations/{id}/amendments/{amendmentId}/accept");
        await typing;
        await typist.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));

        const string expected = "Each public body runs a reporting channel. It is free of charge.";
        await Eventually.True(() => typist.Text == expected, $"the typist's text becomes \"{expected}\" (is \"{typist.Text}\")");
        var stored = await cast.People["member"].Client.Ok(HttpMethod.Get, $"/api/documents/{bodyId}/preview");
        Assert.Contains("Each public body runs a reporting channel. It is free of charge.", (string)stored!["html"]!, StringComparison.Ordinal);
        Assert.Equal("accepted", (string)accepted!["amendments"]![0]!["status"]!);
    }
}

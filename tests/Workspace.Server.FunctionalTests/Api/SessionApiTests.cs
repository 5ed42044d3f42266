using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>Planning and reading sessions over HTTP.</summary>
public sealed class SessionApiTests : HostedTest
{
    [Fact]
    public async Task Observers_read_the_agenda_without_members_only_items_and_bad_plans_are_refused()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld(); // its session's only item is a members-only recommendation

        var observer = await cast.People["observer"].Client.Ok(HttpMethod.Get, $"/api/sessions/{world.SessionId}");
        var member = await cast.People["member"].Client.Ok(HttpMethod.Get, $"/api/sessions/{world.SessionId}");
        using var bad = await cast.People["facilitator"].Client.Post($"/api/groups/{world.GroupId}/sessions", new
        {
            title = "", scheduledStart = "2026-12-01T14:00:00Z",
            agenda = new[] { new { title = "Someone else's", target = "document", targetId = Guid.NewGuid(), minutes = 10 } },
        });

        var item = observer!["agenda"]![0]!;
        Assert.True((bool)item["hidden"]!);
        Assert.Null(item["title"]);
        Assert.Null(item["targetId"]);
        Assert.DoesNotContain(world.RecommendationId.ToString(), observer.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Protect reporting persons", (string)member!["agenda"]![0]!["title"]!);
        Assert.Equal("scheduled", (string)member["status"]!);
        var problem = await Problem.Assert(bad, System.Net.HttpStatusCode.BadRequest, "validation.failed");
        Assert.Equal(["agenda", "title"], problem["errors"]!.AsObject().Select(p => p.Key).Order().ToArray());
        Assert.Single((await cast.People["observer"].Client.Ok(HttpMethod.Get, $"/api/groups/{world.GroupId}/sessions"))!.AsArray());
    }
}

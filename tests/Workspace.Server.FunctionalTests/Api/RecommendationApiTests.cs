using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>The recommendation board over HTTP: filters, search, and refusals of bad input.</summary>
public sealed class RecommendationApiTests : HostedTest
{
    [Fact]
    public async Task The_board_filters_by_status_area_article_country_addressee_and_text()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld(); // "Protect reporting persons" (draft), "Publish asset declarations" (adopted)
        var member = cast.People["member"].Client;
        await member.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/recommendations", new
        {
            title = "Beneficial ownership register", thematicArea = "Corporate liability", articles = new[] { "Art. 12.2" },
            addressees = new[] { "Registry of Companies" }, countries = new[] { "PE" }, visibility = "observers",
            body = "A public register of the natural persons who control companies.",
        });

        async Task<string[]> Titles(string query) =>
            (await member.Ok(HttpMethod.Get, $"/api/groups/{world.GroupId}/recommendations{query}"))!.Strings("title").Order().ToArray();

        Assert.Equal(["Beneficial ownership register", "Protect reporting persons", "Publish asset declarations"], await Titles(""));
        Assert.Equal(["Publish asset declarations"], await Titles("?status=adopted"));
        Assert.Equal(["Beneficial ownership register"], await Titles("?area=corporate%20liability"));
        Assert.Equal(["Beneficial ownership register"], await Titles("?article=art%2012"));
        Assert.Equal(["Protect reporting persons", "Publish asset declarations"], await Titles("?article=Art.%2033&country=co"));
        Assert.Equal(["Beneficial ownership register"], await Titles("?addressee=registry"));
        Assert.Equal(["Beneficial ownership register"], await Titles("?q=natural%20persons")); // in the body only
        Assert.Empty(await Titles("?status=adopted&country=PE"));

        using var badStatus = await member.Get($"/api/groups/{world.GroupId}/recommendations?status=approved");
        using var badArticle = await member.Get($"/api/groups/{world.GroupId}/recommendations?article=Art.%2099");
        Assert.Equal(400, (int)badStatus.StatusCode);
        Assert.Equal(400, (int)badArticle.StatusCode);
        Assert.Equal(["Beneficial ownership register"], (await cast.People["observer"].Client.Ok(HttpMethod.Get, $"/api/groups/{world.GroupId}/recommendations"))!.Strings("title"));
    }

    [Fact]
    public async Task Bad_requests_get_clear_errors_in_the_callers_language_and_change_nothing()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var member = cast.People["member"].Client;
        member.Language = "es";

        using var empty = await member.Post($"/api/groups/{world.GroupId}/recommendations", new { title = "", thematicArea = "Área", articles = new[] { "Art. 72" } });
        var problem = await Problem.Assert(empty, System.Net.HttpStatusCode.BadRequest, "validation.failed");
        using var badFollowUp = await member.Post($"/api/recommendations/{world.AdoptedRecommendationId}/follow-up", new { country = "AR", status = "done", date = "2026-01-01", note = "x" });
        using var tooLong = await member.Post($"/api/recommendations/{world.RecommendationId}/comments", new { markdown = new string('a', 10_001) });

        Assert.NotNull(problem["errors"]!["title"]);
        Assert.Contains("CNUCC", problem["errors"]!["articles"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(400, (int)badFollowUp.StatusCode);
        Assert.Equal(400, (int)tooLong.StatusCode);
        Assert.Equal(2, (await member.Ok(HttpMethod.Get, $"/api/groups/{world.GroupId}/recommendations"))!.AsArray().Count);
        Assert.Single((await member.Ok(HttpMethod.Get, $"/api/recommendations/{world.RecommendationId}"))!["comments"]!.AsArray());
    }
}

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
    public async Task The_article_filter_takes_a_scope_an_article_a_chapter_or_a_review_cycle()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld(); // "Protect reporting persons" and "Publish asset declarations": Art. 33 (chapter III, cycle 1)
        var member = cast.People["member"].Client;
        foreach (var (title, articles) in new[] { ("Beneficial ownership register", new[] { "Art. 12.2" }), ("Asset recovery desk", new[] { "Art. 57.3", "Art. 9" }), ("Codes of conduct", new[] { "Art. 8.4" }) })
        {
            await member.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/recommendations", new
            {
                title, thematicArea = "Area", articles, addressees = new[] { "Congress" }, countries = new[] { "PE" }, visibility = "members", body = "Text.",
            });
        }

        async Task<string[]> Titles(string article) =>
            (await member.Ok(HttpMethod.Get, $"/api/groups/{world.GroupId}/recommendations?article={Uri.EscapeDataString(article)}"))!.Strings("title").Order().ToArray();

        Assert.Equal(["Asset recovery desk", "Beneficial ownership register", "Codes of conduct"], await Titles("cycle:2"));
        Assert.Equal(["Protect reporting persons", "Publish asset declarations"], await Titles("cycle:1"));
        Assert.Equal(["Protect reporting persons", "Publish asset declarations"], await Titles("chapter:III"));
        Assert.Equal(["Protect reporting persons", "Publish asset declarations"], await Titles("chapter:3"));
        Assert.Equal(["Asset recovery desk"], await Titles("chapter:V"));
        Assert.Equal(["Asset recovery desk", "Beneficial ownership register", "Codes of conduct"], await Titles("chapter:II"));
        Assert.Equal(["Protect reporting persons", "Publish asset declarations"], await Titles("33"));
        Assert.Equal(["Codes of conduct"], await Titles("8"));
        Assert.Equal(["Codes of conduct"], await Titles("Art. 8.4")); // a paragraph matches only that paragraph, as before
        Assert.Empty(await Titles("Art. 8.3"));
        Assert.Empty(await Titles("chapter:VIII"));

        foreach (var bad in new[] { "chapter:IX", "cycle:3", "cycle:two", "article:33", "Art. 72", "abc" })
        {
            using var refused = await member.Get($"/api/groups/{world.GroupId}/recommendations?article={Uri.EscapeDataString(bad)}");
            var problem = await Problem.Assert(refused, System.Net.HttpStatusCode.BadRequest, "validation.failed");
            Assert.NotNull(problem["errors"]!["article"]);
        }
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

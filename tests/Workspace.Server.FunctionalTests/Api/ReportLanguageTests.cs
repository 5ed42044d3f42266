using System.Net;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>
/// Issue 20: the reports over HTTP are in the group's first language unless the reader asks for
/// another (?lang=), name countries, link the evidence of follow-up updates, and refuse a language
/// or time zone they do not know with a typed error.
/// </summary>
public sealed class ReportLanguageTests : HostedTest
{
    [Fact]
    public async Task Reports_are_in_the_groups_language_unless_the_reader_asks_for_another()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld(); // languages ["es"], the adopted recommendation concerns MX and CO
        var member = cast.People["member"].Client;
        await member.Ok(HttpMethod.Post, $"/api/recommendations/{world.AdoptedRecommendationId}/follow-up", new
        {
            country = "CO", status = "in-progress", date = "2026-01-15", note = "Proyecto radicado", evidence = new[] { "https://example.org/proyecto" },
        });

        var spanish = await Text(member, $"/api/groups/{world.GroupId}/reports/follow-up", "es");
        Assert.Contains(": seguimiento de las recomendaciones adoptadas", spanish, StringComparison.Ordinal);
        Assert.Contains("| Recomendación | Dirigida a | Colombia | México |", spanish, StringComparison.Ordinal);
        Assert.Contains("- **Colombia**: En curso, 15 de enero de 2026: Proyecto radicado — Evidencias: [https\\://example.org/proyecto](<https://example.org/proyecto>)", spanish, StringComparison.Ordinal);
        Assert.Contains("1 recomendación adoptada, 2 países.", spanish, StringComparison.Ordinal);

        var portuguese = await Text(member, $"/api/groups/{world.GroupId}/reports/follow-up?lang=pt&tz=America/Sao_Paulo", "pt");
        Assert.Contains("| Recomendação | Dirigida a | Colômbia | México |", portuguese, StringComparison.Ordinal);
        Assert.Contains("1 recomendação adotada, 2 países.", portuguese, StringComparison.Ordinal);

        var english = await Text(member, $"/api/groups/{world.GroupId}/reports/outcome?lang=en", "en");
        Assert.Contains("- **Countries:** Colombia; Mexico", english, StringComparison.Ordinal);

        using var html = await member.Get($"/api/groups/{world.GroupId}/reports/outcome?format=html&lang=pt");
        Assert.Contains("<html lang=\"pt\">", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lang=fr", "lang", "validation.language")]
    [InlineData("lang=pt-PT", "lang", "validation.language")]
    [InlineData("tz=Mars/Olympus", "tz", "validation.failed")]
    [InlineData("tz=..%2F..%2Fetc%2Fpasswd", "tz", "validation.failed")]
    [InlineData("tz=%2Fetc%2Flocaltime", "tz", "validation.failed")]
    public async Task A_language_or_time_zone_the_server_does_not_know_is_refused(string query, string field, string code)
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();

        using var response = await cast.People["member"].Client.Get($"/api/groups/{world.GroupId}/reports/outcome?{query}");

        var problem = await Problem.Assert(response, HttpStatusCode.BadRequest, "validation.failed");
        Assert.Equal((field, code), ((string?)problem["fieldErrors"]![0]!["field"], (string?)problem["fieldErrors"]![0]!["code"]));
    }

    private static async Task<string> Text(ApiClient client, string path, string language)
    {
        using var response = await client.Get(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal(language, Assert.Single(response.Content.Headers.ContentLanguage));
        return text;
    }
}

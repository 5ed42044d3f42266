using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>GET /api/convention over HTTP: the whole catalogue for a signed-in person, cached privately and revalidated by ETag.</summary>
public sealed class ConventionApiTests : HostedTest
{
    [Fact]
    public async Task The_catalogue_has_8_chapters_71_articles_titles_in_three_languages_and_the_cycles()
    {
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);

        var convention = (await admin.Ok(HttpMethod.Get, "/api/convention"))!;
        var chapters = convention["chapters"]!.AsArray();
        Assert.Equal(8, chapters.Count);
        Assert.Equal(71, chapters.Sum(c => c!["articles"]!.AsArray().Count));
        var third = chapters[2]!;
        Assert.Equal("III", (string?)third["roman"]);
        Assert.Equal(15, (int)third["first"]!);
        Assert.Equal(42, (int)third["last"]!);
        var article33 = third["articles"]!.AsArray().Single(a => (int)a!["number"]! == 33)!;
        Assert.Equal("Protection of reporting persons", (string?)article33["title"]!["en"]);
        Assert.Equal("Protección de los denunciantes", (string?)article33["title"]!["es"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)article33["title"]!["pt"]));
        var cycles = convention["cycles"]!.AsArray();
        Assert.Equal([3, 4], cycles[0]!["chapters"]!.AsArray().Select(n => (int)n!));
        Assert.Equal([2, 5], cycles[1]!["chapters"]!.AsArray().Select(n => (int)n!));
        Assert.Contains("5.687", (string?)convention["sources"]!["pt"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_is_private_and_an_unchanged_catalogue_answers_304_to_its_etag()
    {
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        using var handler = new HttpClientHandler { CookieContainer = admin.Cookies };
        using var http = new HttpClient(handler) { BaseAddress = Host.BaseAddress };

        using var first = await http.GetAsync("/api/convention");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl!.Private, first.Headers.CacheControl.ToString());
        Assert.False(first.Headers.CacheControl.NoStore);
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/convention");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/convention");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        using var changed = await http.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotNull(JsonNode.Parse(await changed.Content.ReadAsStringAsync())!["chapters"]);

        // Other API answers are still never stored.
        using var session = await http.GetAsync("/api/session");
        Assert.True(session.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        using var anonymous = Host.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Get("/api/convention")).StatusCode);
    }
}

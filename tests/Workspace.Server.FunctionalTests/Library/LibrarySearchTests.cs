using System.Net;
using Workspace.Contracts.Errors;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Library;

/// <summary>The library's search over real HTTP and SQL: each filter, their combinations, scopes of the Convention, the two orders, paging.</summary>
public sealed class LibrarySearchTests : HostedTest
{
    [Fact]
    public async Task Filters_combine_and_orders_are_newest_or_most_used()
    {
        var cast = await Cast.Create(Host);
        var member = cast.People["member"].Client;
        var facilitator = cast.People["facilitator"].Client;
        var memberOrganisation = cast.OrganisationOf(cast.People["member"].Email)!.Value;

        var mexico = await LibraryScene.Share(member, LibraryScene.Entry("Protección de denunciantes en México", countries: ["MX"], articles: ["Art. 33"], language: "es", summary: "Un informe **paralelo** sobre la *protección* de los denunciantes."));
        await LibraryScene.Share(member, LibraryScene.Entry("Asset declarations in Peru", kind: "good-practice", countries: ["PE", "CO"], articles: ["art 8.5", "Art. 52"]));
        var bribery = await LibraryScene.Share(facilitator, LibraryScene.Entry("Foreign bribery case", kind: "case-study", countries: ["CO"], articles: ["Art. 16.1"], summary: "Whistle-blower testimony mattered."));
        await LibraryScene.Share(facilitator, LibraryScene.Entry("Procurement toolkit", kind: "toolkit", countries: ["MX"], articles: ["Art. 9"], language: "pt"));

        // Text: title and summary, case and accents ignored, every word must be found.
        Assert.Equal(["Protección de denunciantes en México"], await LibraryScene.Titles(member, "?q=PROTECCION%20mexico"));
        Assert.Equal(["Protección de denunciantes en México"], await LibraryScene.Titles(member, "?q=paralelo"));
        Assert.Empty(await LibraryScene.Titles(member, "?q=protección%20peru"));
        Assert.Empty(await LibraryScene.Titles(member, "?q=100%25"));

        // Kind, country, language, organisation, and combinations.
        Assert.Equal(["Procurement toolkit"], await LibraryScene.Titles(member, "?kind=toolkit"));
        Assert.Equal(["Procurement toolkit", "Protección de denunciantes en México"], await LibraryScene.Titles(member, "?country=mx"));
        Assert.Equal(["Foreign bribery case"], await LibraryScene.Titles(member, "?country=CO&kind=case-study"));
        Assert.Equal(["Procurement toolkit"], await LibraryScene.Titles(member, "?language=pt"));
        Assert.Equal(["Asset declarations in Peru", "Protección de denunciantes en México"], await LibraryScene.Titles(member, $"?organisation={memberOrganisation}"));

        // Articles through the Convention's scopes: an article, a paragraph (its article), a chapter, a review cycle.
        Assert.Equal(["Protección de denunciantes en México"], await LibraryScene.Titles(member, "?article=33"));
        Assert.Equal(["Foreign bribery case"], await LibraryScene.Titles(member, "?article=Art.%2016.2"));
        Assert.Equal(["Foreign bribery case", "Protección de denunciantes en México"], await LibraryScene.Titles(member, "?article=chapter:III"));
        Assert.Equal(["Procurement toolkit", "Asset declarations in Peru"], await LibraryScene.Titles(member, "?article=cycle:2"));
        Assert.Equal(["Asset declarations in Peru"], await LibraryScene.Titles(member, "?article=chapter:V&country=PE"));
        using var unknown = await member.Get("/api/library?article=Art.%2099");
        var problem = await Problem.Assert(unknown, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal("article", (string?)problem["fieldErrors"]![0]!["field"]);
        Assert.Equal(ErrorCodes.ArticleUnknown, (string?)problem["fieldErrors"]![0]!["code"]);

        // Most used first: downloads and citations are uses; newest breaks ties.
        var file = await LibraryScene.UploadOk(facilitator, bribery, LibraryFiles.Pdf(), "case.pdf");
        (await member.Get($"/api/library/{bribery}/files/{file}")).Dispose();
        (await member.Get($"/api/library/{bribery}/files/{file}")).Dispose();
        var mexicoFile = await LibraryScene.UploadOk(member, mexico, LibraryFiles.Pdf(), "informe.pdf");
        (await member.Get($"/api/library/{mexico}/files/{mexicoFile}")).Dispose();
        Assert.Equal(["Foreign bribery case", "Protección de denunciantes en México", "Procurement toolkit", "Asset declarations in Peru"], await LibraryScene.Titles(member, "?sort=used"));
        Assert.Equal(["Procurement toolkit", "Foreign bribery case", "Asset declarations in Peru", "Protección de denunciantes en México"], await LibraryScene.Titles(member, "?sort=newest"));

        // The shape other pages code against, and paging with the total.
        var page = await member.Ok(HttpMethod.Get, "/api/library?limit=2&offset=1");
        Assert.Equal(4, (int)page!["total"]!);
        var item = page["items"]!.AsArray()[0]!;
        Assert.Equal("Foreign bribery case", (string?)item["title"]);
        Assert.Equal("Whistle-blower testimony mattered.", (string?)item["summaryExcerpt"]);
        Assert.Equal("case-study", (string?)item["kind"]);
        Assert.Equal(["CO"], item["countries"]!.AsArray().Select(c => (string)c!).ToArray());
        Assert.Equal(["Art. 16.1"], item["articles"]!.AsArray().Select(c => (string)c!).ToArray());
        Assert.Equal("en", (string?)item["language"]);
        Assert.Equal(cast.OrganisationOf(cast.People["facilitator"].Email).ToString(), (string?)item["organisation"]!["id"]);
        Assert.Equal("facilitator CSO", (string?)item["organisation"]!["name"]);
        Assert.Null(item["group"]);
        Assert.Equal(2, (int)item["uses"]!);
        Assert.Equal("case.pdf", (string?)item["files"]![0]!["name"]);
        Assert.Equal("application/pdf", (string?)item["files"]![0]!["contentType"]);
        Assert.NotNull(item["createdAt"]);
        Assert.Single(page["items"]!.AsArray().Skip(1));

        // The entry in full: Markdown rendered and sanitised, articles normalised.
        var full = await member.Ok(HttpMethod.Get, $"/api/library/{mexico}");
        Assert.Contains("<strong>paralelo</strong>", (string?)full!["summaryHtml"], StringComparison.Ordinal);
        Assert.Equal(["Art. 33"], full["articles"]!.AsArray().Select(c => (string)c!).ToArray());
        Assert.True((bool)full["canEdit"]!);
    }

    [Fact]
    public async Task Scripts_in_a_summary_never_reach_the_page()
    {
        var cast = await Cast.Create(Host);
        var member = cast.People["member"].Client;
        var entry = await LibraryScene.Share(member, LibraryScene.Entry("Script", summary: "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>"));
        var html = (string)(await member.Ok(HttpMethod.Get, $"/api/library/{entry}"))!["summaryHtml"]!;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }
}

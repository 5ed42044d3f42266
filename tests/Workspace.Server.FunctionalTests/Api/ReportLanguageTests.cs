using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
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
    [InlineData("member")]
    [InlineData("observer")]
    public async Task Each_report_as_Word_holds_what_the_reader_reads_in_Markdown_with_its_headings_table_and_links(string reader)
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var member = cast.People["member"].Client;
        await member.Ok(HttpMethod.Post, $"/api/recommendations/{world.AdoptedRecommendationId}/follow-up", new
        {
            country = "CO", status = "in-progress", date = "2026-01-15", note = "Proyecto radicado", evidence = new[] { "https://example.org/proyecto" },
        });
        var client = cast.People[reader].Client;

        foreach (var report in new[] { "outcome", "follow-up" })
        {
            var markdown = await Text(client, $"/api/groups/{world.GroupId}/reports/{report}?lang=pt", "pt");
            using var response = await client.Get($"/api/groups/{world.GroupId}/reports/{report}?format=docx&lang=pt");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.EndsWith(".docx", response.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);
            Assert.Equal("pt", Assert.Single(response.Content.Headers.ContentLanguage));

            using var package = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
            var body = package.MainDocumentPart!.Document!.Body!;

            // The same reader's report, heading for heading and level for level: one projection behind both files.
            var headings = body.Descendants<Paragraph>()
                .Select(p => (Style: p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, Text: p.InnerText))
                .Where(p => p.Style?.StartsWith("Heading", StringComparison.Ordinal) == true)
                .Select(p => $"{p.Style![^1..]} {p.Text}")
                .ToArray();
            var expected = markdown.Split('\n')
                .Where(line => line.StartsWith('#'))
                .Select(line => $"{line.TakeWhile(ch => ch == '#').Count()} {line.TrimStart('#').Trim().Replace("\\", string.Empty, StringComparison.Ordinal)}")
                .ToArray();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, headings);
            Assert.DoesNotContain(body.Descendants<Paragraph>(), p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Title"); // the report heads itself

            // The world's adopted recommendation is members-only: an observer's files leave it out, a member's hold it.
            Assert.Equal(reader == "member", body.InnerText.Contains("Publish asset declarations", StringComparison.Ordinal));
            if (report == "follow-up" && reader == "member")
            {
                var cells = body.Descendants<TableCell>().Select(c => c.InnerText).ToArray();
                Assert.Contains("Colômbia", cells);
                Assert.Contains("México", cells);
                var link = body.Descendants<Hyperlink>().Single(h => h.InnerText == "https://example.org/proyecto");
                Assert.Equal("https://example.org/proyecto", package.MainDocumentPart.HyperlinkRelationships.Single(r => r.Id == link.Id).Uri.ToString());
            }
        }
    }

    [Fact]
    public async Task The_print_view_is_the_HTML_report_shown_in_the_tab_under_the_same_policy()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();

        using var response = await cast.People["member"].Client.Get($"/api/groups/{world.GroupId}/reports/outcome?format=html&print=true&lang=es");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("sandbox", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("@media print", page, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"es\">", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lang=fr", "lang", "validation.language")]
    [InlineData("lang=pt-PT", "lang", "validation.language")]
    [InlineData("tz=Mars/Olympus", "tz", "validation.failed")]
    [InlineData("tz=..%2F..%2Fetc%2Fpasswd", "tz", "validation.failed")]
    [InlineData("tz=%2Fetc%2Flocaltime", "tz", "validation.failed")]
    [InlineData("format=pdf", "format", "validation.failed")]
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

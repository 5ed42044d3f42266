using System.Net;
using System.Text.RegularExpressions;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Security;

/// <summary>
/// A downloaded HTML report loads nothing remote when opened: a remote image written into a
/// recommendation would tell whoever wrote its link who read the report, and when. The policy is
/// in the response and, first in its head, in the file itself (a saved file has no headers).
/// </summary>
public sealed partial class ReportDownloadPolicyTests : HostedTest
{
    private const string Tracker = "http://tracker.example/pixel.png";

    [Fact]
    public async Task A_remote_image_in_a_recommendation_cannot_load_from_the_downloaded_report()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var member = cast.People["member"].Client;
        var facilitator = cast.People["facilitator"].Client;
        var created = await member.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/recommendations", new
        {
            title = "Open contracting", thematicArea = "Procurement", articles = new[] { "Art. 9" }, addressees = new[] { "Procurement office" },
            countries = new[] { "PE" }, visibility = "observers",
            body = $"Publish every contract.\n\n![seen]({Tracker}?who=reader) and <img src=\"https://tracker.example/raw.gif\">",
        });
        var id = (string)created!["recommendation"]!["id"]!;
        await member.Ok(HttpMethod.Post, $"/api/recommendations/{id}/transitions", new { to = "under-discussion" });
        await member.Ok(HttpMethod.Post, $"/api/recommendations/{id}/transitions", new { to = "proposed-for-adoption" });
        await facilitator.Ok(HttpMethod.Post, $"/api/recommendations/{id}/transitions", new { to = "adopted" });

        foreach (var report in new[] { "outcome", "follow-up" })
        {
            using var response = await member.Get($"/api/groups/{world.GroupId}/reports/{report}?format=html");
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);

            // In the file: the policy is the first thing in <head>, before anything that could load.
            var head = HeadPattern().Match(html);
            Assert.True(head.Success, html);
            var meta = MetaPolicyPattern().Match(head.Groups["head"].Value);
            Assert.True(meta.Success && meta.Index == 0, $"the policy is not first in <head>: {head.Groups["head"].Value}");
            AssertLoadsNothingRemote(WebUtility.HtmlDecode(meta.Groups["policy"].Value));

            // Served: the same policy (with what only a header can say).
            var header = string.Join("; ", response.Headers.GetValues("Content-Security-Policy"));
            AssertLoadsNothingRemote(header);
            Assert.Contains("frame-ancestors 'none'", header, StringComparison.Ordinal);
            Assert.Contains("sandbox", header, StringComparison.Ordinal);

            if (report == "outcome")
            {
                // The image is in the report (the body is quoted): the policy is what keeps it from loading.
                Assert.Contains("tracker.example", html, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>default-src 'none', and no directive that admits any scheme, host or wildcard beyond data: images.</summary>
    private static void AssertLoadsNothingRemote(string policy)
    {
        var directives = policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);
        Assert.Equal(["'none'"], directives["default-src"]);
        Assert.Equal(["data:"], directives["img-src"]);
        foreach (var (name, sources) in directives)
        {
            Assert.All(sources, source => Assert.True(
                source is "'none'" or "'unsafe-inline'" or "data:" || name == "sandbox",
                $"{name} admits {source}: {policy}"));
        }
    }

    [GeneratedRegex(@"<head>\s*(?<head>.*?)</head>", RegexOptions.Singleline)]
    private static partial Regex HeadPattern();

    [GeneratedRegex("""^<meta http-equiv="Content-Security-Policy" content="(?<policy>[^"]*)">""")]
    private static partial Regex MetaPolicyPattern();
}

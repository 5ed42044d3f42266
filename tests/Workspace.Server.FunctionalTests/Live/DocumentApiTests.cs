using System.Net;
using Workspace.Contracts.Documents;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>Documents through REST: the catalogue, history, restore, authorship and the sanitised preview.</summary>
public sealed class DocumentApiTests : HostedTest
{
    [Fact]
    public async Task History_lists_who_wrote_each_revision_and_a_restore_is_a_new_operation_everyone_receives()
    {
        await using var live = await LiveWorld.Create(Host);
        var member = await live.Open("member");
        var facilitator = await live.Open("facilitator");
        member.Insert(0, "Protect reporting persons.");
        await member.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        await Eventually.True(() => facilitator.Text == "Protect reporting persons.", "the facilitator catches up");
        facilitator.Delete(0, facilitator.Text.Length);
        facilitator.Insert(0, "Scrap that.");
        await facilitator.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        var api = live.Cast.People["member"].Client;

        var revisions = (await api.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/revisions"))!.AsArray();
        var first = await api.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/revisions/1");
        var restored = await api.Ok(HttpMethod.Post, $"/api/documents/{live.DocumentId}/revisions/1/restore");
        await Eventually.True(() => facilitator.Text == "Protect reporting persons." && member.Text == facilitator.Text, "both editors receive the restored text");
        var authorship = await api.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/authorship");

        Assert.Equal(["Facilitator", "Member"], revisions.Select(r => (string)r!["authorName"]!).Distinct().ToArray());
        Assert.Equal(revisions.Count, (int)revisions[0]!["revision"]!);
        Assert.Equal("Protect reporting persons.", (string)first!["text"]!);
        Assert.Equal(revisions.Count + 1, (int)restored!["revision"]!);
        Assert.Equal(facilitator.Revision, (int)restored["revision"]!);
        var runs = authorship!["runs"]!.AsArray();
        Assert.Equal("Protect reporting persons.".Length, runs.Sum(r => (int)r!["length"]!));
        Assert.Contains(authorship["authors"]!.AsArray(), a => (string?)a!["name"] == "Member" && ((string)a["colour"]!).StartsWith('#'));
    }

    [Fact]
    public async Task The_preview_is_rendered_markdown_with_every_script_vector_made_inert()
    {
        await using var live = await LiveWorld.Create(Host);
        var member = await live.Open("member");
        member.Insert(0, string.Join("\n\n",
            "# Findings",
            "| Art. | Status |\n|---|---|\n| 33 | partial |",
            "- [x] drafted\n- [ ] adopted",
            "Claim[^1].\n\n[^1]: Source.",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(2)>",
            "[click](javascript:alert(3))",
            "[encoded](jav&#x61;script:alert(4))",
            "![pixel](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==)",
            "<a href=\"vbscript:msgbox(6)\">x</a>",
            "https://uncaccoalition.org"));
        await member.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));

        var html = (string)(await live.Cast.People["member"].Client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/preview"))!["html"]!;

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\"", html, StringComparison.Ordinal);
        Assert.Contains("footnote", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://uncaccoalition.org\"", html, StringComparison.Ordinal);

        // Inert: no script element, no event attribute on any element, no link or image to anything but http(s), mail or an anchor.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<[a-zA-Z][^>]*\son[a-zA-Z]+\s*=", html);
        var urls = System.Text.RegularExpressions.Regex.Matches(html, "<[a-zA-Z][^>]*?\\s(?:href|src)=\"(?<url>[^\"]*)\"").Select(m => m.Groups["url"].Value).ToArray();
        Assert.NotEmpty(urls);
        Assert.All(urls, url => Assert.Matches("^(https?:|mailto:|#)", url));
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facilitators_rename_hide_and_delete_documents_and_readers_are_told()
    {
        await using var live = await LiveWorld.Create(Host, visibility: "observers");
        var facilitator = live.Cast.People["facilitator"].Client;
        var observer = await live.Open("observer");
        var member = await live.Open("member");

        var renamed = await facilitator.Ok(HttpMethod.Patch, $"/api/documents/{live.DocumentId}", new { title = "  Final recommendations  ", visibility = "members" });
        await Eventually.True(() => observer.ClosedReason == ClosedReason.NoLongerVisible, "the observer's view closes when the document becomes members-only");
        var observersList = await live.Cast.People["observer"].Client.Ok(HttpMethod.Get, $"/api/groups/{live.World.GroupId}/documents");
        using var memberRename = await live.Cast.People["member"].Client.Send(HttpMethod.Patch, $"/api/documents/{live.DocumentId}", new { title = "Mine" });
        using var invalid = await facilitator.Send(HttpMethod.Patch, $"/api/documents/{live.DocumentId}", new { title = " ", visibility = "everyone" });
        using var tooLong = await facilitator.Send(HttpMethod.Post, $"/api/groups/{live.World.GroupId}/documents", new { title = new string('t', 201) });
        await facilitator.Ok(HttpMethod.Delete, $"/api/documents/{live.DocumentId}");
        await Eventually.True(() => member.ClosedReason == ClosedReason.Deleted, "open readers are told the document was deleted");
        using var gone = await live.Cast.People["member"].Client.Get($"/api/documents/{live.DocumentId}");
        var audit = (await facilitator.Ok(HttpMethod.Get, $"/api/groups/{live.World.GroupId}/audit"))!.AsArray().Select(a => (string)a!["action"]!).ToArray();

        Assert.Equal("Final recommendations", (string)renamed!["title"]!);
        Assert.Equal("members", (string)renamed["visibility"]!);
        Assert.DoesNotContain(observersList!.AsArray(), d => (string?)d!["id"] == live.DocumentId.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, memberRename.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("document.renamed", audit);
        Assert.Contains("document.visibility-changed", audit);
        Assert.Contains("document.deleted", audit);
        var title = (string)(await facilitator.Ok(HttpMethod.Get, $"/api/groups/{live.World.GroupId}/audit"))!.AsArray().First(a => (string)a!["action"]! == "document.renamed")!["detail"]!;
        Assert.Equal("Final recommendations", title);
    }
}

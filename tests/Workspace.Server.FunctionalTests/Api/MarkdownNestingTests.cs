using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Workspace.Contracts.Recommendations;
using Workspace.Grains;
using Workspace.Grains.Recommendations;
using Workspace.LiveClient;
using Workspace.Markdown.UnitTests;
using Workspace.Server.FunctionalTests.Infrastructure;
using Workspace.Server.FunctionalTests.Live;
using static Workspace.Server.FunctionalTests.Live.SessionSteps;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>
/// The nesting corpus (generated: quotes, lists, emphasis, brackets, links, ^ + = ~ runs, up to 10,000
/// levels), stored through every field that is ever rendered — document text over the live hub and a
/// REST restore (paths that never validate, as every path did before), plain-text fields of groups,
/// recommendations, threads, follow-up and sessions — and read back everywhere: no page answers 500.
/// </summary>
public sealed class MarkdownNestingTests : HostedTest
{
    private const string Marker = NestingCorpus.Marker;

    [Fact]
    public async Task Text_nested_beyond_the_limit_is_refused_in_new_markdown_and_never_breaks_a_page()
    {
        var cast = await Cast.Create(Host);
        var (facilitator, member) = (cast.People["facilitator"].Client, cast.People["member"].Client);
        var groupId = await Cast.CreateGroup(cast.Admin, Deep(120), cast.People["facilitator"].Id);
        foreach (var (name, role) in new[] { ("member", "member"), ("observer", "observer") })
        {
            await cast.People[name].Client.Ok(HttpMethod.Post, $"/api/invitations/{await Cast.Invite(cast.Admin, groupId, role)}/accept");
        }

        // Every plain-text field that reports, minutes and the thread print, with every corpus entry that fits it.
        var recommendations = new List<(Guid Id, Guid BodyId)>();
        foreach (var (_, title) in NestingCorpus.Generate(200))
        {
            var created = await member.Ok(HttpMethod.Post, $"/api/groups/{groupId}/recommendations", new
            {
                title, thematicArea = Deep(120), articles = new[] { "Art. 33" }, addressees = new[] { Deep(150) }, countries = new[] { "MX" },
                visibility = "observers", body = "Body.",
            });
            recommendations.Add((Guid.Parse((string)created!["recommendation"]!["id"]!), Guid.Parse((string)created["recommendation"]!["bodyId"]!)));
        }

        var (thread, bodyId) = recommendations[0];
        var corpus = string.Join("\n\n", NestingCorpus.Generate(12_000).Select(e => e.Text));

        // New Markdown nested beyond the limit is refused with a field error, in the caller's language.
        member.Language = "es";
        var deepest = NestingCorpus.Generate(10_000).First().Text;
        var refusals = new[]
        {
            await member.Post($"/api/recommendations/{thread}/comments", new { markdown = deepest }),
            await member.Post($"/api/groups/{groupId}/recommendations", new { title = "T", thematicArea = "A", articles = new[] { "Art. 33" }, countries = new[] { "MX" }, body = deepest }),
            await member.Post($"/api/recommendations/{thread}/amendments", new { revision = 0, from = 0, to = 0, replacement = deepest, reason = "r" }),
        };
        foreach (var (response, field) in refusals.Zip(new[] { "markdown", "body", "replacement" }))
        {
            var problem = await Problem.Assert(response, HttpStatusCode.BadRequest, "validation.failed");
            Assert.Equal("validation.markdown-too-deep", (string?)problem["fieldErrors"]![0]!["code"]);
            Assert.Contains("niveles", problem["errors"]![field]!.ToJsonString(), StringComparison.Ordinal);
            response.Dispose();
        }

        member.Language = null;

        // Document text cannot be refused keystroke by keystroke: the body and a group document get the whole corpus live.
        var document = Guid.Parse((string)(await facilitator.Ok(HttpMethod.Post, $"/api/groups/{groupId}/documents", new { title = Deep(200), visibility = "observers" }))!["id"]!);
        await using (var live = LiveConnections.Live(member.BaseAddress, member.Cookies))
        {
            await live.StartAsync();
            foreach (var id in new[] { bodyId, document })
            {
                var editor = await LiveDocument.OpenAsync(live, id);
                editor.Insert(editor.Length, "\n\n" + corpus);
                await Eventually.True(
                    () => editor.IsSynchronized && editor.Text.EndsWith(corpus, StringComparison.Ordinal),
                    $"the corpus ({corpus.Length} characters) is typed and acknowledged; errors: {string.Join("; ", editor.Errors.Select(e => e.Message))}", 60);
            }
        }

        // Thread actions with plain-text fields (stance note, poll question, vote reason, amendment reason, hide reason).
        var comment = (string)(await member.Ok(HttpMethod.Post, $"/api/recommendations/{thread}/comments", new { markdown = "A comment." }))!["comments"]![0]!["id"]!;
        await facilitator.Ok(HttpMethod.Post, $"/api/recommendations/{thread}/transitions", new { to = "under-discussion" });
        await member.Ok(HttpMethod.Post, $"/api/recommendations/{thread}/amendments", new { revision = 1, from = 0, to = 4, replacement = "Text", reason = Deep(1_000) });
        await member.Ok(HttpMethod.Put, $"/api/recommendations/{thread}/stance", new { stance = "support-with-reservations", note = Deep(1_000) });
        var poll = (string)(await facilitator.Ok(HttpMethod.Post, $"/api/recommendations/{thread}/polls", new { question = Deep(1_000) }))!["polls"]![0]!["id"]!;
        await member.Ok(HttpMethod.Put, $"/api/recommendations/{thread}/polls/{poll}/vote", new { choice = "agree", reason = Deep(1_000) });
        await facilitator.Ok(HttpMethod.Post, $"/api/recommendations/{thread}/comments/{comment}/hide", new { reason = Deep(1_000) });
        foreach (var (id, _) in recommendations)
        {
            if (id != thread)
            {
                await facilitator.Ok(HttpMethod.Post, $"/api/recommendations/{id}/transitions", new { to = "under-discussion" });
            }

            await facilitator.Ok(HttpMethod.Post, $"/api/recommendations/{id}/transitions", new { to = "proposed-for-adoption" });
            await facilitator.Ok(HttpMethod.Post, $"/api/recommendations/{id}/transitions", new { to = "adopted" });
        }

        await member.Ok(HttpMethod.Post, $"/api/recommendations/{thread}/follow-up", new
        {
            country = "MX", status = "in-progress", date = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), note = Deep(4_000),
            evidence = new[] { "https://example.org/" + new string('[', 500) },
        });

        // A session whose title, agenda item and answered question land in the minutes.
        var sessionId = await Plan(facilitator, groupId, Deep(200), (Deep(200), "recommendation", thread.ToString()));
        Guid minutes;
        await using (var f = await Listener.Connect(facilitator))
        await using (var m = await Listener.Connect(member))
        {
            await f.Session("JoinSession", sessionId);
            await m.Session("JoinSession", sessionId);
            await f.Session("StartSession", sessionId);
            var asked = await m.Session("AskQuestion", sessionId, Deep(500));
            await f.Session("MarkQuestion", sessionId, asked.GetProperty("questions")[0].GetProperty("id").GetGuid(), "answered");
            var ended = await f.Session("EndSession", sessionId);
            minutes = ended.GetProperty("minutesDocumentId").GetGuid();
        }

        // Every page a member or an observer opens answers 200 and shows the text.
        var revision = await LatestRevision(member, document);
        await member.Ok(HttpMethod.Post, $"/api/documents/{document}/revisions/{revision - 1}/restore");
        await member.Ok(HttpMethod.Post, $"/api/documents/{document}/revisions/{revision}/restore");
        var revisionPages = new[]
        {
            $"/api/documents/{document}/revisions/{revision}", $"/api/documents/{bodyId}/revisions/{await LatestRevision(member, bodyId)}",
            $"/api/documents/{document}/revisions/{await LatestRevision(member, document)}",
        };
        foreach (var reader in new[] { member, cast.People["observer"].Client })
        {
            var pages = new List<string>
            {
                $"/api/groups/{groupId}", $"/api/groups/{groupId}/recommendations", $"/api/groups/{groupId}/documents", $"/api/recommendations/{thread}",
                $"/api/documents/{bodyId}/preview", $"/api/documents/{document}/preview", $"/api/documents/{minutes}/preview",
                $"/api/groups/{groupId}/reports/outcome", $"/api/groups/{groupId}/reports/outcome?format=html",
                $"/api/groups/{groupId}/reports/follow-up", $"/api/groups/{groupId}/reports/follow-up?format=html",
            };
            if (reader == member)
            {
                pages.AddRange(revisionPages); // observers do not see history
            }

            foreach (var page in pages)
            {
                using var response = await reader.Get(page);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} → {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
                Assert.Contains(Marker, text, StringComparison.Ordinal);
            }

        }

        using var revisions = await member.Get($"/api/documents/{document}/revisions");
        Assert.Equal(HttpStatusCode.OK, revisions.StatusCode);

        // Every thread action still answers (a facilitator can still reach the comment to hide it).
        var threadAnswer = await facilitator.Ok(HttpMethod.Post, $"/api/recommendations/{thread}/comments/{comment}/hide", new { reason = "again" });
        Assert.Contains(Marker, threadAnswer!.ToJsonString(), StringComparison.Ordinal);
        var preview = (string)(await member.Ok(HttpMethod.Get, $"/api/documents/{document}/preview"))!["html"]!;
        Assert.Contains(Workspace.Markdown.MarkdownRenderer.Notice, preview, StringComparison.Ordinal);
        Assert.DoesNotContain(Workspace.Markdown.MarkdownRenderer.Notice, (string)(await member.Ok(HttpMethod.Get, $"/api/documents/{minutes}/preview"))!["html"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_stored_before_the_check_renders_after_the_upgrade_and_can_be_hidden()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var grains = Host.Services.GetRequiredService<IGrainFactory>();
        var storage = Host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var recommendation = grains.GetGrain<IRecommendationGrain>(world.RecommendationId);
        var deep = string.Join("\n\n", NestingCorpus.Generate(10_000).Select(e => e.Text).Take(8));

        // Old versions stored any comment (the 500 came after the write): put one in the stored state directly.
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var state = new GrainState<RecommendationState>();
        await storage.ReadStateAsync("recommendation", recommendation.GetGrainId(), state);
        state.State!.Comments[0] = state.State.Comments[0] with { Markdown = deep };
        await storage.WriteStateAsync("recommendation", recommendation.GetGrainId(), state);

        foreach (var reader in new[] { cast.People["member"].Client, cast.People["facilitator"].Client }) // the draft is members-only
        {
            using var response = await reader.Get($"/api/recommendations/{world.RecommendationId}");
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
        }

        var thread = await cast.People["member"].Client.Ok(HttpMethod.Get, $"/api/recommendations/{world.RecommendationId}");
        var html = (string)thread!["comments"]![0]!["html"]!;
        Assert.Contains(Marker, html, StringComparison.Ordinal);
        Assert.Contains(Workspace.Markdown.MarkdownRenderer.Notice, html, StringComparison.Ordinal);
        await cast.People["member"].Client.Ok(HttpMethod.Put, $"/api/recommendations/{world.RecommendationId}/stance", new { stance = "support" });
        var hidden = await cast.People["facilitator"].Client.Ok(HttpMethod.Post, $"/api/recommendations/{world.RecommendationId}/comments/{world.CommentId}/hide", new { reason = "Unreadable" });
        Assert.True((bool)hidden!["comments"]![0]!["hidden"]!);
    }

    /// <summary>The deepest corpus entry that fits a field (block quotes: they fit every length).</summary>
    private static string Deep(int maxLength) => NestingCorpus.Generate(maxLength).First().Text;

    private static async Task<int> LatestRevision(ApiClient reader, Guid document) =>
        (await reader.Ok(HttpMethod.Get, $"/api/documents/{document}/revisions?count=1"))!.AsArray().Max(r => (int)r!["revision"]!);
}

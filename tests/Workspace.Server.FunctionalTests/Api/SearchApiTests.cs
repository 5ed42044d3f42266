using System.Net;
using System.Text.Json.Nodes;
using Workspace.Contracts.Errors;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>
/// GET /api/search over HTTP against a real host (SQLite, the live hub for typed text): each kind is found,
/// case and accents are folded, title hits rank first, and an observer or an outsider never finds what they
/// may not read — searched for as a unique marker in the raw answer, not only in the parsed results.
/// </summary>
public sealed class SearchApiTests : HostedTest
{
    /// <summary>Written only where members read it: a members-only document, a members-only thread's comment, a hidden agenda item.</summary>
    private const string Marker = "Zqxmembersonly";

    /// <summary>The member's name, once renamed: unique, so any appearance in an answer is a leak.</summary>
    private const string HiddenName = "Valentina Quispehuaman";

    [Fact]
    public async Task A_member_finds_each_kind_case_and_accents_folded_title_hits_first()
    {
        var scene = await Scene.Create(Host);
        var member = scene.Live.Cast.People["member"].Client;

        // Documents by their current text (typed live), accents and case folded both ways, the hit marked in the snippet.
        var found = await Search(member, "PROTECCION de testigos");
        var document = Single(found, "document");
        Assert.Equal($"/documents/{scene.Live.DocumentId}", (string?)document["link"]);
        Assert.Equal("Recommendations on asset declarations", (string?)document["title"]);
        Assert.Equal("Integrity systems", (string?)document["group"]!["name"]);
        Assert.Equal(scene.Live.World.GroupId.ToString(), (string?)document["group"]!["id"]);
        Assert.Contains("Protección", Marked(document), StringComparer.Ordinal);
        Assert.Contains("testigos", Marked(document), StringComparer.Ordinal);
        Assert.Single((await Search(member, "próteccíón")).AsArray(), r => (string?)r!["kind"] == "document");

        // A document's time is its last edit (typed after it was created), not its creation.
        var created = (DateTimeOffset)(await member.Ok(HttpMethod.Get, $"/api/documents/{scene.Live.DocumentId}"))!["createdAt"]!;
        Assert.True((DateTimeOffset)document["updatedAt"]! > created, document.ToJsonString());

        // A recommendation by its title and by its text; the comment by its text; the session by its title and by an agenda item.
        Assert.Equal($"/recommendations/{scene.ObserverRecommendationId}", (string?)Single(await Search(member, "beneficial OWNERSHIP"), "recommendation")["link"]);
        var byBody = Single(await Search(member, "registro público"), "recommendation");
        Assert.Contains("público", Marked(byBody), StringComparer.Ordinal);
        var comment = Single(await Search(member, "sample each year"), "comment");
        Assert.Equal($"/recommendations/{scene.ObserverRecommendationId}", (string?)comment["link"]);
        Assert.Equal("Beneficial ownership registries", (string?)comment["title"]);
        Assert.Equal($"/sessions/{scene.Live.World.SessionId}", (string?)Single(await Search(member, "roundtable day"), "session")["link"]);
        var agenda = Single(await Search(member, "bienvenida"), "session");
        Assert.Equal($"/sessions/{scene.SessionId}", (string?)agenda["link"]);
        Assert.Contains("Bienvenida", Marked(agenda), StringComparer.Ordinal);

        // Members read the members-only material too, marker included.
        var kinds = (await Search(member, Marker)).AsArray().Select(r => (string)r!["kind"]!).Order().ToArray();
        Assert.Equal(["comment", "document", "session"], kinds);

        // Title hits before text hits, however recent; then the most recent first; the limit cuts, the total counts.
        var ranked = await member.Ok(HttpMethod.Get, "/api/search?q=asset%20declarations&limit=2");
        var titles = ranked!["results"]!.AsArray().Select(r => (string?)r!["title"]).ToArray();
        Assert.Equal(2, titles.Length);
        Assert.All(titles, t => Assert.Contains("asset declarations", t!, StringComparison.OrdinalIgnoreCase));
        Assert.True((int)ranked["total"]! >= 4, ranked.ToJsonString());
        var all = (await Search(member, "asset declarations")).AsArray().Select(r => ((string?)r!["kind"], (string?)r["title"])).ToList();
        var disclosures = all.IndexOf(("recommendation", "Recommendation on disclosures")); // the words only in its text, and the newest
        var older = all.IndexOf(("comment", "Protect reporting persons")); // only in its text, older
        Assert.True(disclosures >= 2 && older > disclosures, string.Join(" | ", all));

        // Narrowed to a kind and a group.
        var comments = (await Search(member, "sample", "&kind=comment")).AsArray();
        Assert.Equal(2, comments.Count);
        Assert.All(comments, r => Assert.Equal("comment", (string?)r!["kind"]));
        Assert.NotEmpty((await Search(member, "protect", $"&group={scene.Live.World.GroupId}")).AsArray());
    }

    [Fact]
    public async Task An_observer_finds_no_members_only_text_and_no_hidden_name_and_an_outsider_finds_nothing()
    {
        var scene = await Scene.Create(Host);
        var observer = scene.Live.Cast.People["observer"].Client;
        var stranger = scene.Live.Cast.People["stranger"].Client;

        // What observers may read they find (the observer document, the open thread and its comment, the session's open agenda item).
        Assert.NotEmpty((await Search(observer, "protección")).AsArray());
        Assert.Single((await Search(observer, "verify the sample")).AsArray());
        Assert.Single((await Search(observer, "bienvenida")).AsArray());

        // Members-only material does not exist for them: not the document, the members-only thread, its comment, nor the hidden agenda item.
        using (var raw = await observer.Get($"/api/search?q={Marker}&limit=50"))
        {
            var text = await raw.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
            Assert.DoesNotContain(Marker, text, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(JsonNode.Parse(text)!["results"]!.AsArray());
        }

        foreach (var hidden in new[] { "reporting persons", "Cite Art", "Draft recommendations", "Strategy notes" })
        {
            Assert.Empty((await Search(observer, hidden)).AsArray());
        }

        // Words near the marker, open to observers elsewhere, bring nothing of it either; names hidden from observers never appear.
        foreach (var query in new[] { "testigos", "sample", "Quispehuaman", "Valentina", "asset declarations", "bienvenida" })
        {
            using var raw = await observer.Get($"/api/search?q={Uri.EscapeDataString(query)}&limit=50");
            var text = await raw.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Marker, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Quispehuaman", text, StringComparison.OrdinalIgnoreCase);
        }

        // Someone outside the group finds nothing of it, and asking for it by id is the 404 every path gives.
        foreach (var query in new[] { "protección", "beneficial", "roundtable", "verify the sample", Marker })
        {
            Assert.Empty((await Search(stranger, query)).AsArray());
        }

        await Problem.Assert(await stranger.Get($"/api/search?q=protect&group={scene.Live.World.GroupId}"), HttpStatusCode.NotFound, ErrorCodes.GroupNotFound);
        await Problem.Assert(await observer.Get($"/api/search?q=protect&group={Guid.NewGuid()}"), HttpStatusCode.NotFound, ErrorCodes.GroupNotFound);
        await Problem.Assert(await observer.Get("/api/search?q=protect&group=not-a-group"), HttpStatusCode.NotFound, ErrorCodes.GroupNotFound);
        await Problem.Assert(await stranger.Get($"/api/groups/{scene.Live.World.GroupId}"), HttpStatusCode.NotFound, ErrorCodes.GroupNotFound);
    }

    [Fact]
    public async Task Bad_queries_are_typed_refusals()
    {
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        admin.Language = "es";
        foreach (var (query, field) in new[]
        {
            ("", ErrorCodes.TooShort), ("a", ErrorCodes.TooShort), ("   a   ", ErrorCodes.TooShort), (new string('x', 201), ErrorCodes.TooLong),
            ("ab\u0001cd", ErrorCodes.InvalidCharacters), ("ab\ncd", ErrorCodes.InvalidCharacters), ("ab\u202Ecd", ErrorCodes.InvalidCharacters),
        })
        {
            var problem = await Problem.Assert(await admin.Get($"/api/search?q={Uri.EscapeDataString(query)}"), HttpStatusCode.BadRequest, ErrorCodes.SearchQueryInvalid);
            Assert.Equal(field, (string?)problem["fieldErrors"]![0]!["code"]);
            Assert.StartsWith("Escriba", (string?)problem["title"], StringComparison.Ordinal);
        }

        await Problem.Assert(await admin.Get("/api/search"), HttpStatusCode.BadRequest, ErrorCodes.SearchQueryInvalid);
        await Problem.Assert(await admin.Get("/api/search?q=protect&kind=people"), HttpStatusCode.BadRequest, ErrorCodes.SearchKindUnknown);
        await Problem.Assert(await admin.Get("/api/search?q=protect&limit=many"), HttpStatusCode.BadRequest, ErrorCodes.MalformedRequest);

        // Two characters and two hundred are fine; the limit is clamped, never refused.
        Assert.Empty((await admin.Ok(HttpMethod.Get, "/api/search?q=ab&limit=0"))!["results"]!.AsArray());
        Assert.Empty((await admin.Ok(HttpMethod.Get, $"/api/search?q={new string('x', 200)}&limit=5000"))!["results"]!.AsArray());
        using var anonymous = Host.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Get("/api/search?q=protect")).StatusCode);
    }

    private static async Task<JsonNode> Search(ApiClient client, string query, string extra = "") =>
        (await client.Ok(HttpMethod.Get, $"/api/search?q={Uri.EscapeDataString(query)}&limit=50{extra}"))!["results"]!;

    private static JsonNode Single(JsonNode results, string kind)
    {
        var matching = results.AsArray().Where(r => (string?)r!["kind"] == kind).ToArray();
        Assert.True(matching.Length == 1, $"one {kind} expected: {results.ToJsonString()}");
        return matching[0]!;
    }

    /// <summary>The marked parts of a result's snippet.</summary>
    private static string[] Marked(JsonNode result)
    {
        var snippet = (string)result["snippet"]!;
        return result["highlights"]!.AsArray().Select(h => snippet.Substring((int)h!["start"]!, (int)h["length"]!)).ToArray();
    }

    /// <summary>
    /// The cast's world (members-only document, draft thread with a comment, adopted thread, a session about the draft),
    /// plus: a document open to observers with typed text, a members-only document with the marker, a thread open to
    /// observers with a member's comment, a marker comment on the members-only draft, a session with an open and a hidden agenda item.
    /// The member is renamed to <see cref="HiddenName"/>; the group hides names from observers (the default).
    /// </summary>
    private sealed record Scene(LiveWorld Live, Guid ObserverRecommendationId, Guid SessionId)
    {
        public static async Task<Scene> Create(WorkspaceHost host)
        {
            var live = await LiveWorld.Create(host, "observers");
            var people = live.Cast.People;
            var member = people["member"].Client;
            var facilitator = people["facilitator"].Client;
            var groupId = live.World.GroupId;
            await member.Ok(HttpMethod.Put, "/api/me/profile", new { displayName = HiddenName, country = "PE", language = "es" });

            var open = await live.Open("member");
            open.Insert(0, "## Protección de testigos\n\nLos Estados publican las declaraciones de bienes de cada funcionario.");
            await open.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
            var secret = await facilitator.Ok(HttpMethod.Post, $"/api/groups/{groupId}/documents", new { title = "Strategy notes", visibility = "members" });
            var typed = await live.Open("member", Guid.Parse((string)secret!["id"]!));
            typed.Insert(0, $"Our line on testigos: {Marker}, near the sample we verify.");
            await typed.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));

            var thread = await member.Ok(HttpMethod.Post, $"/api/groups/{groupId}/recommendations", new
            {
                title = "Beneficial ownership registries", thematicArea = "Asset recovery", articles = new[] { "Art. 14" }, addressees = new[] { "Congress" },
                countries = new[] { "MX" }, visibility = "observers", body = "Cada Estado mantiene un registro público de beneficiarios finales.",
            });
            var threadId = Guid.Parse((string)thread!["recommendation"]!["id"]!);
            await member.Ok(HttpMethod.Post, $"/api/recommendations/{threadId}/comments", new { markdown = "We should **verify the sample** each year." });
            await member.Ok(HttpMethod.Post, $"/api/recommendations/{live.World.RecommendationId}/comments", new { markdown = $"Between us: {Marker}, asset declarations first. Verify the sample." });
            await member.Ok(HttpMethod.Post, $"/api/groups/{groupId}/recommendations", new
            {
                title = "Recommendation on disclosures", thematicArea = "Prevention", articles = new[] { "Art. 8" }, addressees = new[] { "Congress" },
                countries = new[] { "MX" }, visibility = "observers", body = "Publish asset declarations online.",
            });

            var session = await facilitator.Ok(HttpMethod.Post, $"/api/groups/{groupId}/sessions", new
            {
                title = "Second roundtable", scheduledStart = DateTimeOffset.UtcNow.AddDays(2),
                agenda = new object[]
                {
                    new { title = "Bienvenida", minutes = 10 },
                    new { title = $"{Marker} bienvenida", target = "recommendation", targetId = live.World.RecommendationId, minutes = 20 },
                },
            });
            return new Scene(live, threadId, Guid.Parse((string)session!["id"]!));
        }
    }
}

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workspace.Contracts.Errors;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>
/// The network view and the grid (issue 21, acceptance 4) over HTTP against a real host: a fixture network of three
/// groups built through the API, read as a member of two groups, an observer of one, a stranger and the administrator,
/// and compared with checked-in expected answers in tests/fixtures/network/ (ids replaced by titles and group names,
/// times of adoption by a mark). Set NETWORK_FIXTURES_WRITE=1 to write them again (then read the diff).
/// </summary>
public sealed class NetworkApiTests : HostedTest
{
    /// <summary>The one members-only adopted recommendation: an observer of its group must never see it.</summary>
    private const string MembersOnly = "Confidential reporting channels";

    [Fact]
    public async Task The_view_and_the_grid_answer_each_reader_as_expected()
    {
        var network = await FixtureNetwork.Create(Host);
        var member = network.Cast.People["member"].Client;
        var observer = network.Cast.People["observer"].Client;
        var stranger = network.Cast.People["stranger"].Client;
        var failures = new List<string>();

        async Task Compare(ApiClient reader, string path, string file)
        {
            var answer = await reader.Ok(HttpMethod.Get, path);
            var actual = network.Normalised(answer!);
            var expectedPath = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "network", file);
            if (Environment.GetEnvironmentVariable("NETWORK_FIXTURES_WRITE") == "1")
            {
                await File.WriteAllTextAsync(expectedPath, actual);
                return;
            }

            var expected = (await File.ReadAllTextAsync(expectedPath)).ReplaceLineEndings("\n");
            if (expected != actual)
            {
                failures.Add($"{file} ({path}) differs:{Environment.NewLine}{actual}");
            }
        }

        // The view of an article scope, as each reader.
        await Compare(member, "/api/network/articles?scope=33&lang=en", "view-member-33.json");
        await Compare(member, "/api/network/articles?scope=Art.%2033.2&country=mx&lang=en", "view-member-33-MX.json");
        await Compare(member, "/api/network/articles?scope=chapter:III&lang=es", "view-member-chapter-III-es.json");
        await Compare(member, "/api/network/articles?scope=cycle:2&lang=pt", "view-member-cycle-2-pt.json");
        await Compare(observer, "/api/network/articles?scope=33&lang=en", "view-observer-33.json");
        await Compare(stranger, "/api/network/articles?scope=33&lang=en", "view-stranger-33.json");
        await Compare(network.Cast.Admin, "/api/network/articles?scope=chapter:III&lang=en", "view-admin-chapter-III.json");

        // The grid: every article and the reader's countries by default; a scope; named countries.
        await Compare(member, "/api/network/grid?lang=en", "grid-member.json");
        await Compare(member, "/api/network/grid?scope=chapter:III&lang=en", "grid-member-chapter-III.json");
        await Compare(member, "/api/network/grid?scope=cycle:2&countries=AR,mx,CL&lang=en", "grid-member-cycle-2-countries.json");
        await Compare(member, "/api/network/grid?scope=33&lang=en", "grid-member-33.json");
        await Compare(observer, "/api/network/grid?lang=en", "grid-observer.json");
        await Compare(stranger, "/api/network/grid?lang=en", "grid-stranger.json");
        await Compare(network.Cast.Admin, "/api/network/grid?lang=en", "grid-admin.json");

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures));
    }

    [Fact]
    public async Task An_observer_never_gets_the_members_only_recommendation_in_the_view_or_the_grid()
    {
        var network = await FixtureNetwork.Create(Host);
        var observer = network.Cast.People["observer"].Client;
        var member = network.Cast.People["member"].Client;

        // The member reads it (so it is there to leak), the observer of the same group gets no trace of it: not its
        // title, not its id, not its count in the Peruvian row (the only country only it concerns in that group).
        Assert.Contains(MembersOnly, (await member.Ok(HttpMethod.Get, "/api/network/articles?scope=33"))!.ToJsonString(), StringComparison.Ordinal);
        foreach (var path in new[] { "/api/network/articles?scope=33", "/api/network/articles?scope=cycle:2", "/api/network/articles?scope=8&country=PE", "/api/network/grid", "/api/network/grid?countries=PE" })
        {
            using var raw = await observer.Get(path);
            var text = await raw.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
            Assert.DoesNotContain(MembersOnly, text, StringComparison.Ordinal);
            Assert.DoesNotContain(network.Recommendations[MembersOnly].ToString(), text, StringComparison.OrdinalIgnoreCase);
        }

        var grid = (await observer.Ok(HttpMethod.Get, "/api/network/grid?countries=PE"))!;
        Assert.Equal(0, (int)grid["total"]!);
        Assert.Empty(grid["chapters"]!.AsArray());
    }

    [Fact]
    public async Task A_bad_scope_country_or_language_is_a_typed_400()
    {
        var cast = await Cast.Create(Host);
        var member = cast.People["member"].Client;
        foreach (var path in new[] { "/api/network/articles", "/api/network/articles?scope=72", "/api/network/articles?scope=chapter:IX", "/api/network/articles?scope=cycle:3", "/api/network/grid?scope=whistleblowers" })
        {
            var problem = await Problem.Assert(await member.Get(path), HttpStatusCode.BadRequest, ErrorCodes.ArticleUnknown);
            Assert.NotNull(problem["errors"]!["article"]);
        }

        foreach (var path in new[] { "/api/network/articles?scope=33&country=XX", "/api/network/articles?scope=33&country=Mexico" })
        {
            var problem = await Problem.Assert(await member.Get(path), HttpStatusCode.BadRequest, ErrorCodes.InvalidCountry);
            Assert.NotNull(problem["errors"]!["country"]);
        }

        var countries = await Problem.Assert(await member.Get("/api/network/grid?countries=MX,ZZ"), HttpStatusCode.BadRequest, ErrorCodes.InvalidCountry);
        Assert.NotNull(countries["errors"]!["countries"]);
        await Problem.Assert(await member.Get("/api/network/articles?scope=33&lang=xx"), HttpStatusCode.BadRequest, ErrorCodes.InvalidLanguage);
        using var anonymous = Host.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Get("/api/network/grid")).StatusCode);
    }

    /// <summary>
    /// Three groups, nine recommendations across six countries and chapters II, III and V:
    /// "Whistleblower network" (facilitator; member; observer), "Asset recovery" (facilitator; member, target),
    /// "Prevention forum" (facilitator; target). Adopted, proposed and withdrawn ones; follow-up updates with fixed dates.
    /// </summary>
    private sealed class FixtureNetwork
    {
        private FixtureNetwork(Cast cast) => Cast = cast;

        public Cast Cast { get; }

        public Dictionary<string, Guid> Recommendations { get; } = new(StringComparer.Ordinal);

        public Dictionary<Guid, string> Groups { get; } = [];

        public static async Task<FixtureNetwork> Create(WorkspaceHost host)
        {
            var network = new FixtureNetwork(await Cast.Create(host));
            var cast = network.Cast;
            var whistleblowers = await network.Group("Whistleblower network", ("member", "member"), ("observer", "observer"));
            var assets = await network.Group("Asset recovery", ("member", "member"), ("target", "member"));
            var prevention = await network.Group("Prevention forum", ("target", "member"));

            await network.Adopted(whistleblowers, "Protect reporting persons in law", ["Art. 33"], ["MX", "CO"], "observers",
                ("MX", "in-progress", "2026-03-01"), ("MX", "implemented", "2026-06-01"));
            await network.Adopted(whistleblowers, MembersOnly, ["Art. 33.2", "Art. 8.4"], ["MX", "PE"], "members",
                ("PE", "partially-implemented", "2026-05-10"));
            await network.Create(whistleblowers, "Witness protection programme", ["Art. 32"], ["MX"], "observers", "under-discussion", "proposed-for-adoption");
            await network.Create(whistleblowers, "Anonymous hotline pilot", ["Art. 33"], ["CO"], "observers", "under-discussion", "withdrawn");
            await network.Adopted(assets, "Return of confiscated assets", ["Art. 57", "Art. 51"], ["BR", "AR"], "observers",
                ("BR", "no-information", "2026-04-01"), ("AR", "implemented", "2026-02-15"));
            await network.Adopted(assets, "Beneficial ownership registers", ["Art. 14", "Art. 52.1"], ["AR", "CL"], "observers",
                ("CL", "in-progress", "2026-01-20"));
            await network.Adopted(assets, "Whistleblower rewards", ["Art. 33"], ["BR"], "members",
                ("BR", "not-started", "2026-05-05"));
            await network.Adopted(prevention, "Public procurement transparency", ["Art. 9"], ["PE", "MX"], "observers",
                ("PE", "implemented", "2026-04-30"));
            await network.Adopted(prevention, "Offences of bribery of national officials", ["Art. 15"], ["CO", "CL"], "members");
            _ = cast;
            return network;
        }

        /// <summary>The answer as compared: indented, ids replaced by titles and group names, times of adoption by a mark.</summary>
        public string Normalised(JsonNode answer)
        {
            var text = answer.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            foreach (var (title, id) in Recommendations)
            {
                text = text.Replace(id.ToString(), $"{{{title}}}", StringComparison.OrdinalIgnoreCase);
            }

            foreach (var (id, name) in Groups)
            {
                text = text.Replace(id.ToString(), $"{{{name}}}", StringComparison.OrdinalIgnoreCase);
            }

            text = System.Text.RegularExpressions.Regex.Replace(text, "\"adoptedAt\": \"[^\"]+\"", "\"adoptedAt\": \"(adopted)\"");
            return text.ReplaceLineEndings("\n") + "\n";
        }

        private async Task<Guid> Group(string name, params (string Person, string Role)[] people)
        {
            var id = await Cast.CreateGroup(Cast.Admin, name, Cast.People["facilitator"].Id);
            foreach (var (person, role) in people)
            {
                var link = await Cast.Invite(Cast.Admin, id, role);
                await Cast.People[person].Client.Ok(HttpMethod.Post, $"/api/invitations/{link}/accept");
            }

            Groups[id] = name;
            return id;
        }

        private async Task<Guid> Create(Guid groupId, string title, string[] articles, string[] countries, string visibility, params string[] transitions)
        {
            var facilitator = Cast.People["facilitator"].Client;
            var created = await facilitator.Ok(HttpMethod.Post, $"/api/groups/{groupId}/recommendations", new
            {
                title, thematicArea = "Network", articles, addressees = new[] { "Congress" }, countries, visibility, body = $"{title}.",
            });
            var id = Guid.Parse((string)created!["recommendation"]!["id"]!);
            foreach (var to in transitions)
            {
                await facilitator.Ok(HttpMethod.Post, $"/api/recommendations/{id}/transitions", new { to });
            }

            Recommendations[title] = id;
            return id;
        }

        private async Task Adopted(Guid groupId, string title, string[] articles, string[] countries, string visibility, params (string Country, string Status, string Date)[] updates)
        {
            var id = await Create(groupId, title, articles, countries, visibility, "under-discussion", "proposed-for-adoption", "adopted");
            foreach (var (country, status, date) in updates)
            {
                await Cast.People["facilitator"].Client.Ok(HttpMethod.Post, $"/api/recommendations/{id}/follow-up", new { country, status, date, note = "Reported.", evidence = Array.Empty<string>() });
            }
        }
    }
}

using System.Text.Json.Nodes;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>The fixture network of issue 21 (tests/fixtures/network/organisations.json), seeded through the administrator's API.</summary>
public sealed class NetworkFixture
{
    public static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "network");

    private NetworkFixture(JsonNode file, Dictionary<string, Guid> ids)
    {
        File = file;
        Ids = ids;
        Names = ids.ToDictionary(p => p.Value, p => p.Key);
    }

    public JsonNode File { get; }

    /// <summary>Organisation ids by fixture name.</summary>
    public IReadOnlyDictionary<string, Guid> Ids { get; }

    public IReadOnlyDictionary<Guid, string> Names { get; }

    public IEnumerable<JsonNode> Organisations => File["organisations"]!.AsArray().Select(o => o!);

    /// <summary>Names of the organisations that must never appear: pending, unlisted, or a government body left at Default.</summary>
    public IReadOnlyList<string> Hidden => Organisations
        .Where(o => (string)o["status"]! == "pending" || (string)o["listing"]! == "unlisted"
            || ((string)o["listing"]! == "default" && (string)o["kind"]! != "civil-society"))
        .Select(o => (string)o["name"]!).ToArray();

    public static async Task<NetworkFixture> Seed(ApiClient admin)
    {
        var file = JsonNode.Parse(await System.IO.File.ReadAllTextAsync(Path.Combine(Folder, "organisations.json")))!;
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var o in file["organisations"]!.AsArray().Select(o => o!))
        {
            var created = await admin.Ok(HttpMethod.Post, "/api/admin/organisations", new
            {
                name = (string)o["name"]!, country = (string)o["country"]!, kind = (string)o["kind"]!,
                articles = o.Texts("articles"), languages = o.Texts("languages"), thematicAreas = o.Texts("thematicAreas"),
                website = (string?)o["website"], description = (string?)o["description"],
            });
            var id = Guid.Parse((string)created!["id"]!);
            if ((string)o["status"]! == "verified")
            {
                await admin.Ok(HttpMethod.Post, $"/api/admin/organisations/{id}/verify");
            }

            await admin.Ok(HttpMethod.Put, $"/api/organisations/{id}/listing", new { listing = (string)o["listing"]! });
            ids[(string)o["name"]!] = id;
        }

        return new NetworkFixture(file, ids);
    }
}

internal static class FixtureJson
{
    public static string[] Texts(this JsonNode node, string property) =>
        node[property]?.AsArray().Select(n => (string)n!).ToArray() ?? [];
}

using System.Text.Json.Nodes;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Persistence;

/// <summary>
/// Everything acknowledged survives the server process being killed and started again on the
/// same database, on the embedded SQLite default and on PostgreSQL.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class RestartTests
{
    [Fact]
    public async Task Groups_members_and_invitations_survive_a_restart_on_sqlite()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N"));
        await KillRestartAndCompare(new Dictionary<string, string> { ["Workspace:DataDirectory"] = dataDirectory });
        Assert.True(File.Exists(Path.Combine(dataDirectory, "workspace.db")));
    }

    [Fact]
    public async Task Groups_members_and_invitations_survive_a_restart_on_postgresql()
    {
        await using var database = await PostgresDatabase.Create();
        await KillRestartAndCompare(new Dictionary<string, string>
        {
            ["Workspace:Storage:Provider"] = "PostgreSql",
            ["Workspace:Storage:ConnectionString"] = database.ConnectionString,
            ["Workspace:DataDirectory"] = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N")),
        });
    }

    private static async Task KillRestartAndCompare(Dictionary<string, string> storage)
    {
        var settings = new Dictionary<string, string>(storage)
        {
            ["Workspace:Setup:AdminEmail"] = Personas.AdminEmail,
            ["Workspace:Setup:AdminPassword"] = Personas.Password,
            ["Workspace:Setup:AdminCountry"] = "AT",
        };

        string[] before;
        string openToken;
        Cast cast;
        await using (var first = await ServerProcess.Start(settings))
        {
            cast = await Cast.Create(first.NewClient);
            var world = await cast.NewWorld();
            var facilitator = cast.People["facilitator"].Client;
            await facilitator.Ok(HttpMethod.Put, $"/api/groups/{world.GroupId}", new
            {
                name = "Corporate liability", thematicArea = "UNCAC Art. 26", description = "Renamed before the restart.", countries = new[] { "BR", "PE" }, languages = new[] { "pt", "es" },
            });
            await facilitator.Ok(HttpMethod.Put, $"/api/groups/{world.GroupId}/members/{world.TargetUserId}/role", new { role = "observer" });
            await facilitator.Ok(HttpMethod.Delete, $"/api/groups/{world.GroupId}/invitations/{world.InvitationId}");
            openToken = await Cast.Invite(facilitator, world.GroupId, "member", maxUses: 3);
            before = await Snapshot(cast, world.GroupId);
            first.Kill();
        }

        await using var second = await ServerProcess.Start(settings);
        var again = await SignInEveryone(cast, second);
        var groupId = Guid.Parse((string)(await again["facilitator"].Ok(HttpMethod.Get, "/api/groups"))!.AsArray()
            .Single(g => (string?)g!["name"] == "Corporate liability")!["id"]!);
        var after = await Snapshot(again, groupId);

        Assert.Equal(before, after);

        // The open invitation still admits people, and the revoked one still does not.
        using var newcomer = second.NewClient();
        await newcomer.Ok(HttpMethod.Post, $"/api/invitations/{openToken}/register", new
        {
            email = "after.restart@example.org", password = Personas.Password, displayName = "Nuevo", organisation = "CSO", country = "CL",
        });
        var members = await again["facilitator"].Ok(HttpMethod.Get, $"/api/groups/{groupId}/members");
        Assert.Contains("Nuevo", members.Strings("displayName"));
    }

    /// <summary>Everything each person can read about the group, as JSON text.</summary>
    private static async Task<string[]> Snapshot(Cast cast, Guid groupId) =>
        await Snapshot(cast.People.ToDictionary(p => p.Key, p => p.Value.Client), groupId);

    private static async Task<string[]> Snapshot(IReadOnlyDictionary<string, ApiClient> clients, Guid groupId)
    {
        var facilitator = clients["facilitator"];
        var parts = new List<JsonNode?>
        {
            await facilitator.Ok(HttpMethod.Get, $"/api/groups/{groupId}"),
            await facilitator.Ok(HttpMethod.Get, $"/api/groups/{groupId}/members"),
            await facilitator.Ok(HttpMethod.Get, $"/api/groups/{groupId}/invitations"),
            await facilitator.Ok(HttpMethod.Get, $"/api/groups/{groupId}/audit"),
        };
        foreach (var name in clients.Keys.Order())
        {
            parts.Add(await clients[name].Ok(HttpMethod.Get, "/api/groups"));
            parts.Add((await clients[name].Ok(HttpMethod.Get, "/api/session"))!["user"]);
        }

        return parts.Select(p => p?.ToJsonString() ?? "null").ToArray();
    }

    private static async Task<Dictionary<string, ApiClient>> SignInEveryone(Cast cast, ServerProcess server)
    {
        var clients = new Dictionary<string, ApiClient>();
        foreach (var (name, person) in cast.People)
        {
            var client = server.NewClient();
            await client.SignIn(person.Email);
            clients[name] = client;
        }

        return clients;
    }
}

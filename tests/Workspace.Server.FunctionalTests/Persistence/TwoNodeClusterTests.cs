using Npgsql;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Persistence;

/// <summary>
/// Two server processes forming one Orleans cluster over PostgreSQL (AdoNet clustering): what is
/// done through one node is seen through the other, because each grain lives once in the cluster.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class TwoNodeClusterTests
{
    [Fact]
    public async Task Two_nodes_on_postgresql_form_one_cluster_and_share_every_group()
    {
        await using var database = await PostgresDatabase.Create();
        var settings = new Dictionary<string, string>
        {
            ["Workspace:Storage:Provider"] = "PostgreSql",
            ["Workspace:Storage:ConnectionString"] = database.ConnectionString,
            ["Workspace:Clustering:Provider"] = "AdoNet",
            ["Workspace:Clustering:ClusterId"] = $"test-{Guid.NewGuid():N}",
            // One machine: the nodes share the data folder, and so the cookie-encryption keys.
            ["Workspace:DataDirectory"] = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N")),
            ["Workspace:Setup:AdminEmail"] = Personas.AdminEmail,
            ["Workspace:Setup:AdminPassword"] = Personas.Password,
            ["Workspace:Setup:AdminCountry"] = "AT",
        };

        await using var first = await ServerProcess.Start(settings);
        await using var second = await ServerProcess.Start(settings);

        using var adminOnFirst = first.NewClient();
        await adminOnFirst.SignIn(Personas.AdminEmail);
        var groupId = await Cast.CreateGroup(adminOnFirst, "International judicial cooperation", null);
        var link = await Cast.Invite(adminOnFirst, groupId, "member");

        using var memberOnSecond = second.NewClient();
        await memberOnSecond.Ok(HttpMethod.Post, $"/api/invitations/{link}/register", new
        {
            email = "lucia@cso.example", password = Personas.Password, displayName = "Lucía", organisation = "Poder Ciudadano", country = "AR",
        });
        var membersSeenOnFirst = await adminOnFirst.Ok(HttpMethod.Get, $"/api/groups/{groupId}/members");
        var groupSeenOnSecond = await memberOnSecond.Ok(HttpMethod.Get, $"/api/groups/{groupId}");
        using var reused = await memberOnSecond.Post($"/api/invitations/{link}/accept");

        Assert.Equal(["Lucía"], membersSeenOnFirst.Strings("displayName"));
        Assert.Equal("member", (string?)groupSeenOnSecond!["myRole"]);
        Assert.Equal(2, await ActiveSilos(database.ConnectionString, settings["Workspace:Clustering:ClusterId"]));
    }

    private static async Task<long> ActiveSilos(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = @id AND Status = 3", connection);
        command.Parameters.AddWithValue("id", clusterId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

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
        var settings = ClusterSettings(database);

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

    [Fact]
    public async Task Editors_on_two_nodes_converge_on_one_document_and_see_each_other()
    {
        await using var database = await PostgresDatabase.Create();
        var settings = ClusterSettings(database);
        await using var first = await ServerProcess.Start(settings);
        await using var second = await ServerProcess.Start(settings);

        using var adminOnFirst = first.NewClient();
        await adminOnFirst.SignIn(Personas.AdminEmail);
        var groupId = await Cast.CreateGroup(adminOnFirst, "Beneficial ownership", null);
        var documentId = Guid.Parse((string)(await adminOnFirst.Ok(HttpMethod.Post, $"/api/groups/{groupId}/documents", new { title = "Registers", visibility = "members" }))!["id"]!);
        var link = await Cast.Invite(adminOnFirst, groupId, "member");
        using var memberOnSecond = second.NewClient();
        await memberOnSecond.Ok(HttpMethod.Post, $"/api/invitations/{link}/register", new
        {
            email = "rosa@cso.example", password = Personas.Password, displayName = "Rosa", organisation = "Fundar", country = "MX",
        });

        var editors = new List<Workspace.LiveClient.LiveDocument>();
        var connections = new List<Microsoft.AspNetCore.SignalR.Client.HubConnection>();
        foreach (var client in new[] { adminOnFirst, memberOnSecond, adminOnFirst, memberOnSecond })
        {
            var connection = Workspace.LiveClient.LiveConnections.Documents(client.BaseAddress, client.Cookies);
            await connection.StartAsync();
            connections.Add(connection);
            editors.Add(await Workspace.LiveClient.LiveDocument.OpenAsync(connection, documentId));
        }

        try
        {
            for (var round = 0; round < 60; round++)
            {
                foreach (var (editor, index) in editors.Select((e, i) => (e, i)))
                {
                    editor.Insert(round % 3 == 0 ? 0 : editor.Text.Length, $"<{index}.{round}>");
                }

                await Task.Delay(5);
            }

            foreach (var editor in editors)
            {
                await editor.WhenSynchronizedAsync(TimeSpan.FromSeconds(30));
            }

            await Live.Eventually.True(() => editors.All(e => e.Text == editors[0].Text && e.Text.Length == editors.Count * Enumerable.Range(0, 60).Sum(r => $"<0.{r}>".Length)), "all four editors, on both nodes, end with the same text");
            await editors[1].MoveCursorAsync(2, 5);
            await Live.Eventually.True(
                () => editors[0].Participants.Any(p => p.DisplayName == "Rosa" && p.Head == 5) && editors[1].Participants.Count(p => p.DisplayName != "Rosa") == 2,
                "each node's editors see the other node's presence");
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static Dictionary<string, string> ClusterSettings(PostgresDatabase database) => new()
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
        ["Workspace:Documents:SubmitsPerSecond"] = "1000",
    };

    private static async Task<long> ActiveSilos(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = @id AND Status = 3", connection);
        command.Parameters.AddWithValue("id", clusterId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

using System.Text.Json;
using Npgsql;
using Workspace.Server.FunctionalTests.Infrastructure;
using Workspace.Server.FunctionalTests.Live;

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
            var connection = Workspace.LiveClient.LiveConnections.Live(client.BaseAddress, client.Cookies);
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

    [Fact]
    public async Task Participants_on_two_nodes_see_the_same_session_item_timer_queue_and_poll()
    {
        await using var database = await PostgresDatabase.Create();
        var settings = ClusterSettings(database);
        await using var first = await ServerProcess.Start(settings);
        await using var second = await ServerProcess.Start(settings);

        // People alternate between the nodes: admin, member and target on the first; facilitator, observer and stranger on the second.
        var next = 0;
        var cast = await Cast.Create(() => (next++ % 2 == 0 ? first : second).NewClient());
        var world = await cast.NewWorld();
        var facilitatorApi = cast.People["facilitator"].Client;
        var notes = (string)(await facilitatorApi.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/documents", new { title = "Agenda notes", visibility = "observers" }))!["id"]!;
        var thread = (string)(await cast.People["member"].Client.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/recommendations", Cast.Recommendation("Open registers", "observers")))!["recommendation"]!["id"]!;
        var sessionId = await SessionSteps.Plan(facilitatorApi, world.GroupId, "Regional roundtable", ("Welcome", "document", notes), ("Registers", "recommendation", thread));
        var people = new Dictionary<string, Listener>();
        try
        {
            foreach (var name in new[] { "facilitator", "member", "observer", "target" })
            {
                people[name] = await Listener.Connect(cast.People[name].Client);
                await people[name].Session("JoinSession", sessionId);
            }

            Assert.NotEqual(cast.People["facilitator"].Client.BaseAddress, cast.People["member"].Client.BaseAddress);
            var (f, member) = (people["facilitator"], people["member"]);
            var memberId = cast.People["member"].Id;

            await f.Session("StartSession", sessionId);
            await f.Session("FocusItem", sessionId, 1);
            await member.Session("RaiseHand", sessionId, false);
            await people["target"].Session("RaiseHand", sessionId, true);
            await f.Session("OpenSessionPoll", sessionId, "Adopt?");
            await member.Session("VoteInSession", sessionId, "agree");
            await people["target"].Session("VoteInSession", sessionId, "disagree");

            await SessionSteps.All(people.Values, v => v.GetProperty("currentItem").GetInt32() == 1
                && v.GetProperty("queue").GetArrayLength() == 2
                && v.GetProperty("poll").GetProperty("tally").GetProperty("agree").GetInt32() == 1
                && v.GetProperty("poll").GetProperty("tally").GetProperty("disagree").GetInt32() == 1, "both nodes' participants see the same item, queue and poll");
            var views = people.Values.Select(l => l.LastSession!.Value).ToArray();
            Assert.Single(views.Select(v => SessionSteps.Str(v, "itemEndsAt")).Distinct());
            // The observer sees the same queue, by organisation and role: the group hides names and ids from observers.
            Assert.Single(views.Select(v => string.Join(',', v.GetProperty("queue").EnumerateArray().Select(h => SessionSteps.Str(h.GetProperty("person"), "organisation") + "/" + SessionSteps.Str(h, "role")))).Distinct());
            var seeingIds = people.Where(p => p.Key != "observer").Select(p => p.Value.LastSession!.Value).ToArray();
            Assert.Single(seeingIds.Select(v => string.Join(',', v.GetProperty("queue").EnumerateArray().Select(h => h.GetProperty("person").GetProperty("id").GetGuid()))).Distinct());
            Assert.Equal(cast.People["target"].Id, seeingIds[0].GetProperty("queue")[0].GetProperty("person").GetProperty("id").GetGuid()); // point of order first
            Assert.All(people["observer"].LastSession!.Value.GetProperty("queue").EnumerateArray(), h => Assert.Equal(JsonValueKind.Null, h.GetProperty("person").GetProperty("id").ValueKind));

            await f.Session("GiveFloor", sessionId, memberId);
            await SessionSteps.All(people.Values, v => v.GetProperty("floor").ValueKind == JsonValueKind.Object
                && v.GetProperty("floor").GetProperty("person").GetProperty("id") is var id
                && (id.ValueKind == JsonValueKind.Null ? SessionSteps.Str(v, "myRole") == "observer" : id.GetGuid() == memberId), "both nodes see who has the floor");
        }
        finally
        {
            foreach (var listener in people.Values)
            {
                await listener.DisposeAsync();
            }
        }
    }

    /// <summary>Settings for nodes that form one cluster on <paramref name="database"/> (each call a new cluster).</summary>
    internal static Dictionary<string, string> ClusterSettings(PostgresDatabase database) => new()
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

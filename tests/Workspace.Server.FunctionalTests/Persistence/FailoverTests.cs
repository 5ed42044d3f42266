using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;
using Xunit.Abstractions;

namespace Workspace.Server.FunctionalTests.Persistence;

/// <summary>
/// Three server processes on one PostgreSQL cluster, editors spread over them typing into one
/// document; the node that hosts the document dies (SIGKILL) or is stopped (SIGTERM) mid-edit.
/// Its editors reconnect to the others, the document comes back on another node from storage,
/// and everything anyone typed ends up in the stored document exactly once.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_node_killed_mid_edit_loses_no_acknowledged_operation_and_everyone_converges()
    {
        var result = await Run(stop: node => { node.Kill(); return Task.CompletedTask; });

        Assert.Empty(result.MissingAcknowledged);
        Assert.Empty(result.Duplicated);
    }

    [Fact]
    public async Task A_node_stopped_with_sigterm_mid_edit_shows_no_client_an_error_and_loses_nothing()
    {
        var exitCode = -1;
        var result = await Run(stop: async node => exitCode = await node.Terminate(TimeSpan.FromSeconds(45)));

        Assert.Equal(0, exitCode);
        Assert.Empty(result.MissingAcknowledged);
        Assert.Empty(result.Missing); // a graceful stop loses not even what was still unacknowledged
        Assert.Empty(result.Duplicated);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task A_live_session_goes_on_when_a_node_dies_and_the_people_it_held_leave_the_room()
    {
        await using var database = await PostgresDatabase.Create();
        var clusterId = $"test-{Guid.NewGuid():N}";
        var nodes = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(await ServerProcess.Start(Settings(database, clusterId)));
            }

            // People are spread over the nodes in turn: the facilitator and the target on node 2, the member on node 3.
            var next = 0;
            var cast = await Cast.Create(() => nodes[next++ % 3].NewClient());
            var world = await cast.NewWorld();
            var facilitatorApi = cast.People["facilitator"].Client;
            var notes = (string)(await facilitatorApi.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/documents", new { title = "Notes", visibility = "observers" }))!["id"]!;
            var sessionId = await Live.SessionSteps.Plan(facilitatorApi, world.GroupId, "Roundtable", ("Opening", "document", notes), ("Closing", "document", notes));
            var people = new Dictionary<string, Listener>();
            foreach (var name in new[] { "facilitator", "member", "target" })
            {
                people[name] = await Listener.Connect(cast.People[name].Client);
                await people[name].Session("JoinSession", sessionId);
            }

            Assert.Equal([nodes[1].BaseAddress, nodes[2].BaseAddress, nodes[1].BaseAddress], new[] { "facilitator", "member", "target" }.Select(n => cast.People[n].Client.BaseAddress));
            await people["facilitator"].Session("StartSession", sessionId);
            await Live.SessionSteps.All(people.Values, v => v.GetProperty("present").GetArrayLength() == 3, "all three are in the room");

            nodes[2].Kill(); // the member's node
            var stopped = Stopwatch.StartNew();
            var stayed = new[] { people["facilitator"], people["target"] };

            // The facilitator keeps running the session through the failure (a call may be refused as transient meanwhile).
            while (true)
            {
                try
                {
                    await people["facilitator"].Session("FocusItem", sessionId, 1);
                    break;
                }
                catch (Microsoft.AspNetCore.SignalR.HubException) when (stopped.Elapsed < TimeSpan.FromSeconds(40))
                {
                    await Task.Delay(200);
                }
            }

            await Live.SessionSteps.All(stayed, v => v.GetProperty("currentItem").GetInt32() == 1, "the people on the remaining nodes follow the facilitator after the failure", 40);
            var followed = stopped.ElapsedMilliseconds;
            await Live.SessionSteps.All(stayed, v => v.GetProperty("present").GetArrayLength() == 2
                && v.GetProperty("present").EnumerateArray().All(p => p.GetProperty("person").GetProperty("id").GetGuid() != cast.People["member"].Id),
                "the member, whose node died, leaves everyone's list of people present", 40);
            output.WriteLine($"after the kill: item followed in {followed} ms, the dead node's person gone in {stopped.ElapsedMilliseconds} ms");
            Console.WriteLine($"[failover] session: item followed {followed} ms, dead node's person gone {stopped.ElapsedMilliseconds} ms");

            foreach (var listener in people.Values)
            {
                await listener.DisposeAsync();
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private sealed record Outcome(string[] MissingAcknowledged, string[] Missing, string[] Duplicated, string[] Errors);

    private async Task<Outcome> Run(Func<ServerProcess, Task> stop)
    {
        await using var database = await PostgresDatabase.Create();
        var clusterId = $"test-{Guid.NewGuid():N}";
        var nodes = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(await ServerProcess.Start(Settings(database, clusterId)));
            }

            using var admin = nodes[0].NewClient();
            await admin.SignIn(Personas.AdminEmail);
            var groupId = await Cast.CreateGroup(admin, "Asset recovery", null);
            var documentId = Guid.Parse((string)(await admin.Ok(HttpMethod.Post, $"/api/groups/{groupId}/documents", new { title = "Returns", visibility = "members" }))!["id"]!);
            var link = await Cast.Invite(admin, groupId, "member");
            using var member = nodes[1].NewClient();
            await member.Ok(HttpMethod.Post, $"/api/invitations/{link}/register", new
            {
                email = "ines@cso.example", password = Personas.Password, displayName = "Inés", organisation = "Transparência Brasil", country = "BR",
            });

            // The doomed node's editors open first, so the document lives there (placed where it is first opened).
            var editors = new List<Editor>();
            foreach (var index in new[] { 2, 5, 0, 1, 3, 4 })
            {
                var node = index % 3;
                editors.Add(await Editor.Open(index, nodes, node, index % 2 == 0 ? admin : member, documentId));
            }

            using var typing = new CancellationTokenSource();
            var typists = editors.Select(e => e.Type(typing.Token)).ToArray();
            await Task.Delay(2000);

            var doomed = nodes[2];
            var stopped = Stopwatch.StartNew();
            await stop(doomed);
            output.WriteLine($"node 3 {(doomed.HasExited ? "gone" : "still running")} after {stopped.ElapsedMilliseconds} ms");
            var stoppedAt = DateTime.UtcNow;

            await Task.Delay(12_000);
            typing.Cancel();
            await Task.WhenAll(typists);
            try
            {
                await Task.WhenAll(editors.Select(e => e.Document.WhenSynchronizedAsync(TimeSpan.FromSeconds(60))));
            }
            catch (TaskCanceledException)
            {
                Assert.Fail("Not every editor synchronised: " + string.Join("; ", editors.Select(e =>
                    $"editor {e.Index} on node {e.Node + 1}: synchronised {e.Document.IsSynchronized}, revision {e.Document.Revision}, errors [{string.Join(" | ", e.Document.Errors.Select(x => x.Message))}]")) + "\nnode 1 said:\n" + string.Join('\n', nodes[0].Output.Split('\n').Where(l => l.Contains("Exception", StringComparison.Ordinal)).Distinct().Take(15)));
            }

            await Live.Eventually.True(() => editors.All(e => e.Document.Text == editors[0].Document.Text), "every editor ends with the same text", 30);
            try
            {
                await Live.Eventually.True(() => editors.All(e => e.Document.Participants.Count == editors.Count), "each editor listed once", 60);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Assert.Fail("The connections of the stopped node did not leave everyone's presence list: " + string.Join("; ", editors.Select(x =>
                    $"editor {x.Index} on node {x.Node + 1} sees [{string.Join(", ", x.Document.Participants.Select(p => $"{p.DisplayName} {p.SessionId[..6]}"))}]")));
            }


            // The document as a newcomer reads it through a surviving node.
            await using var reader = LiveConnections.Live(nodes[0].BaseAddress, admin.Cookies);
            await reader.StartAsync();
            var stored = (await LiveDocument.OpenAsync(reader, documentId)).Text;
            Assert.Equal(editors[0].Document.Text, stored);

            var acknowledged = editors.SelectMany(e => e.Acknowledged).ToArray();
            var typed = editors.SelectMany(e => e.Typed).ToArray();
            var gap = Gap(editors.SelectMany(e => e.AcknowledgedAt).Order().ToArray(), stoppedAt);
            output.WriteLine($"{typed.Length} tokens typed, {acknowledged.Length} acknowledged; the document was unavailable for {gap.TotalMilliseconds:F0} ms (longest pause in acknowledgements after the stop)");
            var skipped = nodes.Sum(n => n.Output.Split('\n').Count(l => l.Contains("never reached this node", StringComparison.Ordinal)));
            Console.WriteLine($"[failover] {(typed.Length)} typed, {acknowledged.Length} acknowledged, unavailable {gap.TotalMilliseconds:F0} ms, broadcast gaps skipped {skipped}");
            Assert.True(acknowledged.Length > 100, "the editors kept typing");
            Assert.Contains(editors.SelectMany(e => e.AcknowledgedAt), t => t > stoppedAt.AddSeconds(1)); // editing went on after the stop

            return new Outcome(
                acknowledged.Where(t => !stored.Contains(t, StringComparison.Ordinal)).ToArray(),
                typed.Where(t => !stored.Contains(t, StringComparison.Ordinal)).ToArray(),
                typed.Where(t => stored.IndexOf(t, StringComparison.Ordinal) != stored.LastIndexOf(t, StringComparison.Ordinal)).ToArray(),
                editors.SelectMany(e => e.Document.Errors.Select(x => $"editor {e.Index}: {x.Message}")).ToArray());
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>The longest time without any acknowledgement, from the stop on.</summary>
    private static TimeSpan Gap(DateTime[] acknowledgements, DateTime from)
    {
        var longest = TimeSpan.Zero;
        var previous = from;
        foreach (var at in acknowledgements.Where(a => a >= from))
        {
            longest = at - previous > longest ? at - previous : longest;
            previous = at;
        }

        return longest;
    }

    private static Dictionary<string, string> Settings(PostgresDatabase database, string clusterId) => new()
    {
        ["Workspace:Storage:Provider"] = "PostgreSql",
        ["Workspace:Storage:ConnectionString"] = database.ConnectionString,
        ["Workspace:Clustering:Provider"] = "AdoNet",
        ["Workspace:Clustering:ClusterId"] = clusterId,

        // Each node its own data folder: the cookie keys are shared through the database.
        ["Workspace:DataDirectory"] = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N")),
        ["Workspace:Setup:AdminEmail"] = Personas.AdminEmail,
        ["Workspace:Setup:AdminPassword"] = Personas.Password,
        ["Workspace:Setup:AdminCountry"] = "AT",
        ["Workspace:Documents:SubmitsPerSecond"] = "1000",
    };

    /// <summary>One person's editor, which moves to another node when its node goes away (as the browser does through the proxy).</summary>
    private sealed class Editor
    {
        private readonly IReadOnlyList<ServerProcess> _nodes;
        private readonly ApiClient _client;
        private int _node;

        private Editor(int index, IReadOnlyList<ServerProcess> nodes, int node, ApiClient client, LiveDocument document)
        {
            Index = index;
            _nodes = nodes;
            _node = node;
            _client = client;
            Document = document;
            document.Applied = (applied, mine) =>
            {
                if (mine && applied.Operation.ToString() is { } text)
                {
                    foreach (var token in Typed.Where(t => text.Contains(t, StringComparison.Ordinal)))
                    {
                        Acknowledged.Add(token);
                    }

                    AcknowledgedAt.Add(DateTime.UtcNow);
                }
            };
        }

        public int Index { get; }

        public int Node => _node;

        public LiveDocument Document { get; }

        public ConcurrentQueue<string> Typed { get; } = new();

        public ConcurrentBag<string> Acknowledged { get; } = [];

        public ConcurrentBag<DateTime> AcknowledgedAt { get; } = [];

        public static async Task<Editor> Open(int index, IReadOnlyList<ServerProcess> nodes, int node, ApiClient client, Guid documentId)
        {
            var connection = Connect(nodes[node], client);
            await connection.StartAsync();
            var editor = new Editor(index, nodes, node, client, await LiveDocument.OpenAsync(connection, documentId));
            editor.Watch(connection);
            return editor;
        }

        public async Task Type(CancellationToken stop)
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var token = $"<{Index}.{n}>";
                Typed.Enqueue(token);
                Document.Insert(n % 4 == 0 ? 0 : Document.Length, token);
                await Task.Delay(50, CancellationToken.None);
            }
        }

        private static HubConnection Connect(ServerProcess node, ApiClient client) =>
            LiveConnections.Live(node.BaseAddress, client.Cookies);

        /// <summary>When the connection drops, retry on the next node with back-off until one answers.</summary>
        private void Watch(HubConnection connection) => connection.Closed += async _ =>
        {
            for (var attempt = 0; ; attempt++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * (1 << Math.Min(attempt, 5)))));
                _node = (_node + 1) % _nodes.Count;
                if (_nodes[_node].HasExited)
                {
                    continue;
                }

                var next = Connect(_nodes[_node], _client);
                try
                {
                    await next.StartAsync();
                    Watch(next);
                    await Document.ReconnectAsync(next);
                    return;
                }
                catch (Exception)
                {
                    await next.DisposeAsync();
                }
            }
        };
    }
}

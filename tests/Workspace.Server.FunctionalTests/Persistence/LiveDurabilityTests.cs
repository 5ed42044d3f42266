using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Workspace.Collaboration;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Persistence;

/// <summary>
/// The server process is killed (SIGKILL) while people type: after a restart on the same
/// database, every operation that had been acknowledged is in the document.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed partial class LiveDurabilityTests
{
    [Fact]
    public async Task Every_acknowledged_edit_survives_a_kill_on_sqlite() =>
        await TypeKillRestartAndCheck(new Dictionary<string, string>
        {
            ["Workspace:DataDirectory"] = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N")),
        });

    [Fact]
    public async Task Every_acknowledged_edit_survives_a_kill_on_postgresql()
    {
        await using var database = await PostgresDatabase.Create();
        await TypeKillRestartAndCheck(new Dictionary<string, string>
        {
            ["Workspace:Storage:Provider"] = "PostgreSql",
            ["Workspace:Storage:ConnectionString"] = database.ConnectionString,
            ["Workspace:DataDirectory"] = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N")),
        });
    }

    /// <summary>
    /// Between history chunks, acknowledged edits live only in the node's journal (not in the
    /// document's stored state); a restarted node replays them and folds them into the state.
    /// </summary>
    [Fact]
    public async Task Acknowledged_edits_are_in_the_journal_and_replayed_after_a_kill()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>
        {
            ["Workspace:DataDirectory"] = dataDirectory,
            ["Workspace:Setup:AdminEmail"] = Personas.AdminEmail,
            ["Workspace:Setup:AdminPassword"] = Personas.Password,
            ["Workspace:Setup:AdminCountry"] = "AT",
        };

        Guid documentId;
        Cast cast;
        await using (var first = await ServerProcess.Start(settings))
        {
            cast = await Cast.Create(first.NewClient);
            documentId = (await cast.NewWorld()).DocumentId;
            var client = cast.People["member"].Client;
            var connection = LiveConnections.Live(client.BaseAddress, client.Cookies);
            await connection.StartAsync();
            var document = await LiveDocument.OpenAsync(connection, documentId);
            for (var n = 0; n < 20; n++)
            {
                document.Insert(document.Text.Length, $"[t0-{n}]");
                await document.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
            }

            first.Kill();
        }

        var database = $"Data Source={Path.Combine(dataDirectory, "workspace.db")}";
        Assert.Equal((1, 20), await JournalSpan(database, documentId));

        await using var second = await ServerProcess.Start(settings);
        using var member = second.NewClient();
        await member.SignIn(cast.People["member"].Email);
        var revision = (int)(await member.Ok(HttpMethod.Get, $"/api/documents/{documentId}/preview"))!["revision"]!;
        var text = (string)(await member.Ok(HttpMethod.Get, $"/api/documents/{documentId}/revisions/{revision}"))!["text"]!;
        var middle = (string)(await member.Ok(HttpMethod.Get, $"/api/documents/{documentId}/revisions/10"))!["text"]!;

        Assert.Equal(20, revision);
        Assert.Equal(string.Concat(Enumerable.Range(0, 20).Select(n => $"[t0-{n}]")), text);
        Assert.Equal(string.Concat(Enumerable.Range(0, 10).Select(n => $"[t0-{n}]")), middle);

        // Activation folded the journal into the stored state.
        Assert.Equal((0, 0), await JournalSpan(database, documentId));
    }

    /// <summary>The lowest and highest revision the journal holds for a document (0, 0 when none).</summary>
    private static async Task<(int From, int To)> JournalSpan(string connectionString, Guid documentId)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MIN(FromRevision), 0), COALESCE(MAX(ToRevision), 0) FROM WorkspaceDocumentJournal WHERE DocumentId = $d";
        command.Parameters.AddWithValue("$d", documentId.ToString("N"));
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static async Task TypeKillRestartAndCheck(Dictionary<string, string> storage)
    {
        var settings = new Dictionary<string, string>(storage)
        {
            ["Workspace:Setup:AdminEmail"] = Personas.AdminEmail,
            ["Workspace:Setup:AdminPassword"] = Personas.Password,
            ["Workspace:Setup:AdminCountry"] = "AT",
            ["Workspace:Documents:SubmitsPerSecond"] = "1000",

            // Small chunks, so that history chunks are written (and must survive) too.
            ["Workspace:Documents:ChunkSize"] = "32",
            ["Workspace:Documents:KeepOperations"] = "64",
        };

        var acknowledged = new ConcurrentDictionary<string, byte>();
        var latestRevision = 0;
        Guid documentId;
        Cast cast;
        await using (var first = await ServerProcess.Start(settings))
        {
            cast = await Cast.Create(first.NewClient);
            var world = await cast.NewWorld();
            documentId = world.DocumentId;
            var typists = new List<LiveDocument>();
            foreach (var person in new[] { "facilitator", "member", "target", "admin" })
            {
                var client = cast.People[person].Client;
                var connection = LiveConnections.Live(client.BaseAddress, client.Cookies);
                await connection.StartAsync();
                var document = await LiveDocument.OpenAsync(connection, documentId);
                document.Applied = (applied, own) =>
                {
                    InterlockedMax(ref latestRevision, applied.Revision);
                    if (own)
                    {
                        foreach (var step in applied.Operation.Components.Where(c => c.Kind == ComponentKind.Insert))
                        {
                            foreach (Match token in Token().Matches(step.Text))
                            {
                                acknowledged.TryAdd(token.Value, 0);
                            }
                        }
                    }
                };
                typists.Add(document);
            }

            using var stop = new CancellationTokenSource();
            var typing = typists.Select((document, index) => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    document.Insert(document.Text.Length, $"[t{index}-{n}]");
                    await Task.Delay(3);
                }
            })).ToArray();

            // Kill once a good many edits (and some history chunks) are acknowledged, mid-typing.
            await Eventually(() => acknowledged.Count > 300 && Volatile.Read(ref latestRevision) > 150);
            first.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(typing);
        }

        await using var second = await ServerProcess.Start(settings);
        using var member = second.NewClient();
        await member.SignIn(cast.People["member"].Email);
        var revision = (int)(await member.Ok(HttpMethod.Get, $"/api/documents/{documentId}/preview"))!["revision"]!;
        var text = (string)(await member.Ok(HttpMethod.Get, $"/api/documents/{documentId}/revisions/{revision}"))!["text"]!;
        var stored = Token().Matches(text).Select(m => m.Value).ToHashSet();
        var early = (string)(await member.Ok(HttpMethod.Get, $"/api/documents/{documentId}/revisions/40"))!["text"]!;

        Assert.True(acknowledged.Count > 300 && revision > 150, $"{acknowledged.Count} tokens acknowledged, revision {revision}");
        var lost = acknowledged.Keys.Where(token => !stored.Contains(token)).ToArray();
        Assert.True(lost.Length == 0, $"Acknowledged but lost: {string.Join(", ", lost.Take(20))}");
        Assert.Equal(stored.Count, Token().Matches(text).Count);

        // Revision 40 comes from a stored history chunk: typists only insert, so its tokens appear in the final text, in the same order.
        var earlyTokens = Token().Matches(early).Select(m => m.Value).ToList();
        var finalTokens = Token().Matches(text).Select(m => m.Value).ToList();
        Assert.True(earlyTokens.Count >= 20, early);
        Assert.Equal(earlyTokens, finalTokens.Where(earlyTokens.Contains));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
    }

    [GeneratedRegex(@"\[t\d+-\d+\]")]
    private static partial Regex Token();
}

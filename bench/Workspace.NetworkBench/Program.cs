using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Workspace.NetworkBench;
using Workspace.Server.Configuration;
using Workspace.Server.Hosting;

// Seeds each part at scale on SQLite and/or PostgreSQL, starts the server on that database, and times each part's
// searches through the real REST endpoint (one reader, one request at a time): p50/p95/p99 per query and overall.
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length && !args[x.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[x.i + 1] : "true");
var entries = int.Parse(options.GetValueOrDefault("entries", "50000"), CultureInfo.InvariantCulture);
var organisations = int.Parse(options.GetValueOrDefault("organisations", "5000"), CultureInfo.InvariantCulture);
var only = options.GetValueOrDefault("parts", "library,directory").Split(',');
var rounds = int.Parse(options.GetValueOrDefault("rounds", "30"), CultureInfo.InvariantCulture);
var postgres = options.GetValueOrDefault("postgres") ?? Environment.GetEnvironmentVariable("WORKSPACE_BENCH_POSTGRES");
var databases = options.GetValueOrDefault("databases", postgres is null ? "sqlite" : "sqlite,postgresql").Split(',');
var repository = Directory.GetCurrentDirectory();
while (!File.Exists(Path.Combine(repository, "Workspace.slnx")))
{
    repository = Path.GetDirectoryName(repository) ?? throw new InvalidOperationException("Run from inside the repository.");
}

Console.WriteLine($"Workspace.NetworkBench: {entries:N0} library entries, {organisations:N0} organisations, {rounds} rounds of each query, {Environment.ProcessorCount} cores");
var project = BenchServer.Build(repository);
foreach (var database in databases)
{
    IBenchPart[] parts = new IBenchPart[] { new LibraryPart(entries), new DirectoryPart(organisations) }.Where(p => only.Contains(p.Name)).ToArray();
    var random = new Random(21);
    var (target, settings, drop) = await Prepare(database, postgres);
    Console.WriteLine($"\n== {database} ==");
    await SchemaInstaller.Migrate(target, CancellationToken.None);
    foreach (var part in parts)
    {
        await part.Seed(target, random, CancellationToken.None);
    }

    if (options.ContainsKey("analyze") && target.Provider == StorageProvider.PostgreSql)
    {
        // What autovacuum would do some time after a bulk load: fresh planner statistics for the seeded tables.
        await Execute(target.ConnectionString, "ANALYZE");
        Console.WriteLine("  ANALYZE done");
    }

    await using (var server = await BenchServer.Start(project, settings))
    {
        foreach (var part in parts)
        {
            await part.SeedRunning(server, target, random);
        }

        foreach (var part in parts)
        {
            await Measure(server.Reader, part, random, rounds);
        }
    }

    // The same database again on a fresh server: what the first search costs while the grains activate.
    await using (var server = await BenchServer.Start(project, settings))
    {
        foreach (var part in parts)
        {
            await part.AfterRestart(server, target);
        }
    }

    await drop();
}

return 0;

static async Task Measure(HttpClient reader, IBenchPart part, Random random, int rounds)
{
    // Warm-up: a round of every query, not counted (first compilation, caches, the reader's grains).
    foreach (var (_, path) in part.Queries(random))
    {
        (await reader.GetAsync(path)).EnsureSuccessStatusCode();
    }

    var times = new Dictionary<string, List<double>>();
    for (var round = 0; round < rounds; round++)
    {
        foreach (var (label, path) in part.Queries(random))
        {
            var clock = Stopwatch.StartNew();
            using var response = await reader.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            (times.TryGetValue(label, out var list) ? list : times[label] = []).Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    Console.WriteLine($"{part.Name} search, ms (n per query = {rounds})");
    Console.WriteLine($"{"query",-22} {"p50",8} {"p95",8} {"p99",8}");
    foreach (var (label, list) in times)
    {
        Console.WriteLine($"{label,-22} {P(list, 50),8:F1} {P(list, 95),8:F1} {P(list, 99),8:F1}");
    }

    var all = times.Values.SelectMany(v => v).ToList();
    Console.WriteLine($"{"all (" + all.Count + ")",-22} {P(all, 50),8:F1} {P(all, 95),8:F1} {P(all, 99),8:F1}");
}

static double P(List<double> values, int percentile)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

static async Task<(DatabaseTarget Target, Dictionary<string, string> Settings, Func<Task> Drop)> Prepare(string database, string? postgres)
{
    var data = Path.Combine(Path.GetTempPath(), "workspace-network-bench", Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(data);
    var settings = new Dictionary<string, string> { ["Workspace__DataDirectory"] = data };
    if (database == "sqlite")
    {
        var connection = $"Data Source={Path.Combine(data, "bench.db")}";
        settings["Workspace__Storage__ConnectionString"] = connection;
        return (new DatabaseTarget(StorageProvider.Sqlite, connection), settings, () => { Directory.Delete(data, true); return Task.CompletedTask; });
    }

    var admin = postgres ?? throw new ArgumentException("PostgreSQL needs --postgres \"Host=…;Username=…;Password=…;Database=postgres\" (a role that may create databases).");
    var name = $"ws_bench_{Guid.NewGuid():N}";
    await Execute(admin, $"CREATE DATABASE \"{name}\"");
    var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
    settings["Workspace__Storage__Provider"] = "PostgreSql";
    settings["Workspace__Storage__ConnectionString"] = builder.ConnectionString;
    return (new DatabaseTarget(StorageProvider.PostgreSql, builder.ConnectionString), settings, async () =>
    {
        NpgsqlConnection.ClearAllPools();
        await Execute(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        Directory.Delete(data, true);
    });
}

static async Task Execute(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

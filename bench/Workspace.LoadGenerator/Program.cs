using System.Globalization;
using Workspace.LoadGenerator;

// Load generator for live co-editing (see bench/README.md). Exit code 1 if any client diverged or saw an error.

// Before anything rents from the shared array pool (it reads this once). Each of the harness's thousands
// of connections holds a 4 KB receive buffer while a message is on its way through; the pool keeps 32
// per size and core, so under load most buffers became garbage (800 MB of the 1.8 GB a 1,000-document
// step allocated in 20 s) and its collections paused the harness for 4–6 s of the 20.
Environment.SetEnvironmentVariable(Server.ArrayPoolSetting, "4096");
var options = Options.Parse(args);
if (options is null)
{
    Console.WriteLine("""
        dotnet run -c Release --project bench/Workspace.LoadGenerator -- [options]

          --mode one|documents|open  one document with N authors + N lurkers (default), many documents, or
                                     opening a large document (--steps 100000: its size in characters)
          --steps 10,25,50,100,200   authors per step (mode one), or documents per step (mode documents)
          --authors-per-document 3   authors on each document (mode documents)
          --lurkers N                lurkers per step in mode one (default: as many as authors)
          --seconds 20               measured seconds per step (after --warmup seconds, default 20)
          --accounts 8               signed-in accounts the connections are spread over
          --server http://host:port  use a running server (admin admin@bench.example) instead of starting one
          --postgres "<connection>"  start the server on this (empty) PostgreSQL database instead of SQLite
          --nodes 2                  with --postgres: start this many nodes in one cluster; clients are spread over them
          --allocations 20           after each step, the 20 types the harness allocated most while measuring
          --light 20                 measure only 20 authors and 20 lurkers fully; the rest send and drain unread
          --protocol json|messagepack  the hub protocol of every client (default json)
        """);
    return 2;
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
using var allocations = options.Allocations > 0 ? new AllocationSampler() : null;
var repository = Directory.GetCurrentDirectory();
while (!File.Exists(Path.Combine(repository, "Workspace.slnx")))
{
    repository = Path.GetDirectoryName(repository) ?? throw new InvalidOperationException("Run from inside the repository.");
}

await using var server = options.Server is { } url ? Server.Existing(url) : await Server.Start(repository, options.Postgres, options.Nodes);
var accounts = await Accounts.Create(server.Address, options.Accounts);
var format = options.Protocol == "messagepack" ? Workspace.LiveClient.LiveFormat.MessagePack : Workspace.LiveClient.LiveFormat.Json;
var workload = new Workload(accounts.People, TimeSpan.FromSeconds(options.Warmup), TimeSpan.FromSeconds(options.Seconds), allocations, options.Light, format);

Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · {Machine.Cpu()} · {Machine.MemoryGb():0} GiB · server {(options.Server is not null ? options.Server : options.Postgres is null ? "started here (Release, SQLite)" : $"started here (Release, PostgreSQL 15, {options.Nodes} node{(options.Nodes == 1 ? "" : "s")}, clients spread over them)")} · harness on the same machine");
if (options.Mode != "open")
{
    Console.WriteLine($"# mode {options.Mode}: {(options.Mode == "one" ? "N authors + N lurkers on one document" : $"N documents × {options.AuthorsPerDocument} authors")}; each author appends 4 characters every 400 ms; {options.Seconds} s measured after {options.Warmup} s warm-up; protocol {options.Protocol}; {(options.Light > 0 ? $"light harness: {options.Light} authors and {options.Light} lurkers measured, the rest drain unread" : "full harness: every client measured")}");
}
if (options.Mode == "open")
{
    var size = options.Steps.FirstOrDefault(100_000);
    var (connected, withConnect) = await OpenBench.Run(accounts.Admin, await accounts.NewDocument("Open"), size, 200, format);
    Console.WriteLine($"# open a document of {size:N0} characters, 200 times each way after 50 to warm up (ms)");
    Console.WriteLine("| open | p50 | p95 | p99 | max |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    Console.WriteLine($"| connected client | {connected.P50:0.00} | {connected.P95:0.00} | {connected.P99:0.00} | {connected.Max:0.00} |");
    Console.WriteLine($"| with connect | {withConnect.P50:0.00} | {withConnect.P95:0.00} | {withConnect.P99:0.00} | {withConnect.Max:0.00} |");
    return 0;
}

Console.WriteLine("| docs | authors | lurkers | ack p50 | ack p95 | ack p99 | receipt p50 | receipt p95 | receipt p99 | receipt max | samples | ops/s | server CPU % (of 1 core) | server CPU µs/op | server RSS MB | harness CPU % | diverged | errors |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
var results = new List<StepResult>();
var failed = false;
foreach (var step in options.Steps)
{
    StepResult result;
    if (options.Mode == "one")
    {
        var document = await accounts.NewDocument($"Sweep {step}");
        result = await workload.Run(server, [document], step, options.Lurkers ?? step);
    }
    else
    {
        var documents = new List<Guid>();
        for (var i = 0; i < step; i++)
        {
            documents.Add(await accounts.NewDocument($"Many {step}/{i}"));
        }

        result = await workload.Run(server, documents, options.AuthorsPerDocument, 0);
    }

    results.Add(result);
    allocations?.Print(options.Allocations);
    failed |= result.Diverged > 0 || result.Errors > 0;
    Console.WriteLine(
        $"| {result.Documents} | {result.Authors} | {result.Lurkers} | {result.Ack.P50:0.0} | {result.Ack.P95:0.0} | {result.Ack.P99:0.0} | " +
        $"{result.Receipt.P50:0.0} | {result.Receipt.P95:0.0} | {result.Receipt.P99:0.0} | {result.Receipt.Max:0} | {result.Receipt.Count} | {result.OperationsPerSecond:0} | " +
        $"{(result.CpuPercent is { } cpu ? cpu.ToString("0") : "—")} | {(result.CpuPercent is { } perOp && result.OperationsPerSecond > 0 ? (perOp / 100 * 1e6 / result.OperationsPerSecond).ToString("0") : "—")} | {(result.RssMb is { } rss ? rss.ToString("0") : "—")} | {result.HarnessCpuPercent:0} | {result.Diverged} | {result.Errors} |");
}

var best = results.Where(r => r.Receipt.P95 <= 200).MaxBy(r => options.Mode == "one" ? r.Authors : r.Documents);
Console.WriteLine(best is null
    ? "# no step kept p95 submit→remote-receipt ≤ 200 ms"
    : $"# largest step with p95 submit→remote-receipt ≤ 200 ms: {(options.Mode == "one" ? $"{best.Authors} authors + {best.Lurkers} lurkers" : $"{best.Documents} documents × {options.AuthorsPerDocument} authors")} (p95 {best.Receipt.P95:0.0} ms)");
return failed ? 1 : 0;

internal sealed record Options(string Mode, int[] Steps, int AuthorsPerDocument, int Seconds, int Warmup, int Accounts, Uri? Server, string? Postgres, int? Lurkers, int Nodes, int Allocations, int Light, string Protocol)
{
    public static Options? Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h" || !args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return null;
            }

            values[args[i][2..]] = args[++i];
        }

        var mode = values.GetValueOrDefault("mode", "one");
        if (mode is not ("one" or "documents" or "open"))
        {
            return null;
        }

        var protocol = values.GetValueOrDefault("protocol", "json");
        if (protocol is not ("json" or "messagepack"))
        {
            return null;
        }

        var steps = values.GetValueOrDefault("steps", mode switch { "one" => "10,25,50,100,200,400", "open" => "100000", _ => "100,1000" }).Split(',').Select(int.Parse).ToArray();
        return new Options(
            mode,
            steps,
            int.Parse(values.GetValueOrDefault("authors-per-document", "3")),
            int.Parse(values.GetValueOrDefault("seconds", "20")),
            int.Parse(values.GetValueOrDefault("warmup", "20")),
            int.Parse(values.GetValueOrDefault("accounts", "8")),
            values.TryGetValue("server", out var server) ? new Uri(server) : null,
            values.GetValueOrDefault("postgres"),
            values.TryGetValue("lurkers", out var lurkers) ? int.Parse(lurkers) : null,
            int.Parse(values.GetValueOrDefault("nodes", "1")),
            int.Parse(values.GetValueOrDefault("allocations", "0")),
            int.Parse(values.GetValueOrDefault("light", "0")),
            protocol);
    }
}

internal static class Machine
{
    public static string Cpu() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    public static double MemoryGb() =>
        double.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024 / 1024;
}

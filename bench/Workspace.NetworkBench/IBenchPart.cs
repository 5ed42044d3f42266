using Workspace.Server.Hosting;

namespace Workspace.NetworkBench;

/// <summary>
/// One part of the network measured: seeds its data (bulk, through the same store the server reads, before the
/// server starts; or through the running server's own grains), then names the searches to time. The library and
/// the directory are the two parts.
/// </summary>
public interface IBenchPart
{
    string Name { get; }

    /// <summary>Before the server starts, straight into the database.</summary>
    Task Seed(DatabaseTarget database, Random random, CancellationToken cancellationToken);

    /// <summary>Once the server runs (for state a grain owns); nothing by default.</summary>
    Task SeedRunning(BenchServer server, DatabaseTarget database, Random random) => Task.CompletedTask;

    /// <summary>Searches as (label, path and query), each timed many times through the running server.</summary>
    IReadOnlyList<(string Label, string Path)> Queries(Random random);

    /// <summary>After a restart on the same database: what the first search costs (grain activation); nothing by default.</summary>
    Task AfterRestart(BenchServer server, DatabaseTarget database) => Task.CompletedTask;
}

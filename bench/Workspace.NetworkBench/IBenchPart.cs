using Workspace.Server.Hosting;

namespace Workspace.NetworkBench;

/// <summary>
/// One part of the network measured: seeds its data straight into the database (bulk, through the same store the
/// server reads) before the server starts, then names the searches to time. The library is one; the directory
/// (5,000 organisations) is meant to be another.
/// </summary>
public interface IBenchPart
{
    string Name { get; }

    Task Seed(DatabaseTarget database, Random random, CancellationToken cancellationToken);

    /// <summary>Searches as (label, path and query), each timed many times through the running server.</summary>
    IReadOnlyList<(string Label, string Path)> Queries(Random random);
}

using Npgsql;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>
/// A throwaway database on the real PostgreSQL server that the test command starts
/// (connection string in WORKSPACE_TEST_POSTGRES); dropped when disposed.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string Variable = "WORKSPACE_TEST_POSTGRES";

    private readonly string _admin;

    private PostgresDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A fresh database, with the schema migrated unless <paramref name="migrate"/> is false.</summary>
    public static async Task<PostgresDatabase> Create(bool migrate = true)
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set. Run the test command from README.md (bash .ci/test.sh), which installs and starts PostgreSQL, or set {Variable} to a connection string of a role that may create databases.");
        }

        var database = new PostgresDatabase(admin, $"ws_test_{Guid.NewGuid():N}");
        await database.Execute($"CREATE DATABASE \"{database.Name}\"");
        if (migrate)
        {
            await Hosting.SchemaInstaller.Migrate(new Hosting.DatabaseTarget(Configuration.StorageProvider.PostgreSql, database.ConnectionString), CancellationToken.None);
        }

        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Execute($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

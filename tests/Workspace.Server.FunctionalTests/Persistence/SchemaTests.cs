using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Workspace.Server.Configuration;
using Workspace.Server.FunctionalTests.Infrastructure;
using Workspace.Server.Hosting;

namespace Workspace.Server.FunctionalTests.Persistence;

/// <summary>The schema scripts can run on every start: a second run changes nothing.</summary>
public sealed class SchemaTests
{
    [Fact]
    public async Task Installing_the_sqlite_schema_twice_leaves_it_unchanged()
    {
        var file = Path.Combine(Path.GetTempPath(), $"workspace-schema-{Guid.NewGuid():N}.db");
        var target = new DatabaseTarget(StorageProvider.Sqlite, $"Data Source={file};Pooling=False");
        var installer = new SchemaInstaller(target, NullLogger<SchemaInstaller>.Instance);

        await installer.StartAsync(CancellationToken.None);
        var first = await Describe(target, "SELECT type || ' ' || name || ': ' || IFNULL(sql, '') FROM sqlite_master ORDER BY name");
        await installer.StartAsync(CancellationToken.None);
        var second = await Describe(target, "SELECT type || ' ' || name || ': ' || IFNULL(sql, '') FROM sqlite_master ORDER BY name");
        var queries = await Describe(target, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey");

        Assert.Equal(first, second);
        Assert.Contains(first, s => s.StartsWith("table OrleansStorage", StringComparison.Ordinal));
        Assert.Equal(
            ["ClearStorageKey", "DeleteReminderRowKey", "DeleteReminderRowsKey", "DeleteStorageKey", "ReadFromStorageKey", "ReadRangeRows1Key",
             "ReadRangeRows2Key", "ReadReminderRowKey", "ReadReminderRowsKey", "UpsertReminderRowKey", "WriteToStorageKey"],
            queries);
        Assert.Contains(first, s => s.StartsWith("table OrleansRemindersTable", StringComparison.Ordinal));
        Assert.Equal(["wal"], await Describe(target, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task The_migrate_command_run_twice_leaves_the_postgresql_schema_unchanged()
    {
        await using var database = await PostgresDatabase.Create(migrate: false);
        var target = new DatabaseTarget(StorageProvider.PostgreSql, database.ConnectionString);
        var settings = new Dictionary<string, string>
        {
            ["Workspace:Storage:Provider"] = "PostgreSql",
            ["Workspace:Storage:ConnectionString"] = database.ConnectionString,
        };
        const string catalogue =
            "SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = 'public' " +
            "UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' " +
            "UNION ALL SELECT 'function ' || p.proname || ' ' || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' " +
            "UNION ALL SELECT 'query ' || QueryKey || ' ' || md5(QueryText) FROM OrleansQuery " +
            "UNION ALL SELECT 'version ' || Version FROM WorkspaceSchemaVersion ORDER BY 1";

        var once = await ServerProcess.Run(settings, "migrate");
        var first = await Describe(target, catalogue);
        var twice = await ServerProcess.Run(settings, "migrate");
        var second = await Describe(target, catalogue);

        Assert.True(once.ExitCode == 0, once.Output);
        Assert.Equal(0, twice.ExitCode);
        Assert.Contains($"is at version {SchemaInstaller.RequiredVersion}", twice.Output, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Contains(first, s => s.StartsWith("query WriteToStorageKey", StringComparison.Ordinal));
        Assert.Contains(first, s => s.StartsWith("orleansstorage.payloadbinary bytea", StringComparison.Ordinal));
        Assert.Contains(first, s => s.StartsWith("workspacedataprotectionkeys.xml text", StringComparison.Ordinal));
        Assert.Contains($"version {SchemaInstaller.RequiredVersion}", first);
    }

    [Fact]
    public async Task A_node_refuses_to_start_on_a_missing_or_older_postgresql_schema_and_says_what_to_do()
    {
        await using var database = await PostgresDatabase.Create(migrate: false);
        var settings = new Dictionary<string, string>
        {
            ["Workspace:Storage:Provider"] = "PostgreSql",
            ["Workspace:Storage:ConnectionString"] = database.ConnectionString,
            ["Workspace:Clustering:Provider"] = "AdoNet",
            ["Workspace:Clustering:ClusterId"] = $"test-{Guid.NewGuid():N}",
        };

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.Start(settings));
        await SchemaInstaller.Migrate(new DatabaseTarget(StorageProvider.PostgreSql, database.ConnectionString), CancellationToken.None);
        await Execute(database.ConnectionString, "UPDATE WorkspaceSchemaVersion SET Version = 3");
        var older = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.Start(settings));

        Assert.Contains("exited with code 3", missing.Message, StringComparison.Ordinal);
        Assert.Contains("Workspace cannot start: The PostgreSql database has no Workspace schema. Run `Workspace.Server migrate`", missing.Message, StringComparison.Ordinal);
        Assert.Contains($"is at version 3, older than the version {SchemaInstaller.RequiredVersion} this server needs", older.Message, StringComparison.Ordinal);
        Assert.Equal(3, await Version(database.ConnectionString)); // refusing changed nothing
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> Version(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT Version FROM WorkspaceSchemaVersion", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> Describe(DatabaseTarget target, string sql)
    {
        await using DbConnection connection = SchemaInstaller.Open(target);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}

public sealed class HealthTests : HostedTest
{

    [Fact]
    public async Task Health_reports_unhealthy_when_the_schema_is_gone()
    {
        using var client = Host.NewClient();
        using var healthy = await client.Get("/healthz");

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(Host.DataDirectory, "workspace.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE WorkspaceSchemaVersion";
            await command.ExecuteNonQueryAsync();
        }

        using var unhealthy = await client.Get("/healthz");

        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
    }

    [Theory]
    [InlineData(SchemaInstaller.RequiredVersion + 1, HttpStatusCode.OK)] // a rolling upgrade migrated ahead of this node
    [InlineData(SchemaInstaller.RequiredVersion - 1, HttpStatusCode.ServiceUnavailable)]
    public async Task Health_accepts_a_newer_schema_but_not_an_older_one(int version, HttpStatusCode expected)
    {
        using var client = Host.NewClient();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(Host.DataDirectory, "workspace.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE WorkspaceSchemaVersion SET Version = {version}";
            await command.ExecuteNonQueryAsync();
        }

        using var health = await client.Get("/healthz");

        Assert.Equal(expected, health.StatusCode);
    }
}

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
    public async Task Installing_the_postgresql_schema_twice_leaves_it_unchanged()
    {
        await using var database = await PostgresDatabase.Create();
        var target = new DatabaseTarget(StorageProvider.PostgreSql, database.ConnectionString);
        var installer = new SchemaInstaller(target, NullLogger<SchemaInstaller>.Instance);
        const string catalogue =
            "SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = 'public' " +
            "UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' " +
            "UNION ALL SELECT 'function ' || p.proname || ' ' || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' " +
            "UNION ALL SELECT 'query ' || QueryKey || ' ' || md5(QueryText) FROM OrleansQuery ORDER BY 1";

        await installer.StartAsync(CancellationToken.None);
        var first = await Describe(target, catalogue);
        await installer.StartAsync(CancellationToken.None);
        var second = await Describe(target, catalogue);

        Assert.Equal(first, second);
        Assert.Contains(first, s => s.StartsWith("query WriteToStorageKey", StringComparison.Ordinal));
        Assert.Contains(first, s => s.StartsWith("orleansstorage.payloadbinary bytea", StringComparison.Ordinal));
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
}

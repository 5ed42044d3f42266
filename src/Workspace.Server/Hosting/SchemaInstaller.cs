using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Npgsql;
using Workspace.Server.Configuration;

namespace Workspace.Server.Hosting;

/// <summary>
/// Creates or upgrades the database schema (deploy/sql, embedded at build time) before the
/// silo starts. Every script is idempotent, so running this on each start is safe.
/// </summary>
public sealed class SchemaInstaller(DatabaseTarget target, ILogger<SchemaInstaller> logger) : IHostedService
{
    /// <summary>The schema version this build needs; deploy/sql/*/900-schema-version.sql writes it.</summary>
    public const int RequiredVersion = 3;

    /// <summary>Serialises concurrent installers on PostgreSQL when several nodes start at once.</summary>
    private const long PostgreSqlLockKey = 0x5753_4348_454D_41; // "WSCHEMA"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scripts = Scripts(target.Provider);
        await using var connection = Open(target);
        await connection.OpenAsync(cancellationToken);
        if (target.Provider == StorageProvider.PostgreSql)
        {
            await Execute(connection, $"SELECT pg_advisory_lock({PostgreSqlLockKey})", cancellationToken);
        }

        try
        {
            foreach (var (name, sql) in scripts)
            {
                await Execute(connection, sql, cancellationToken);
                logger.LogDebug("Applied schema script {Script}", name);
            }
        }
        finally
        {
            if (target.Provider == StorageProvider.PostgreSql)
            {
                await Execute(connection, $"SELECT pg_advisory_unlock({PostgreSqlLockKey})", CancellationToken.None);
            }
        }

        var version = await ReadVersion(connection, cancellationToken);
        if (version != RequiredVersion)
        {
            throw new InvalidOperationException($"The database schema is at version {version?.ToString() ?? "none"}, but this server needs version {RequiredVersion}.");
        }

        logger.LogInformation("Database schema ready ({Provider}, version {Version})", target.Provider, version);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Opens a plain ADO.NET connection to the configured database.</summary>
    public static DbConnection Open(DatabaseTarget target) => target.Provider == StorageProvider.PostgreSql
        ? new NpgsqlConnection(target.ConnectionString)
        : new SqliteConnection(target.ConnectionString);

    /// <summary>The stored schema version, or null when the schema is missing.</summary>
    public static async Task<int?> ReadVersion(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT MAX(Version) FROM WorkspaceSchemaVersion";
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return value is null or DBNull ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DbException)
        {
            return null;
        }
    }

    /// <summary>The embedded scripts for one database, in the order they must run.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Scripts(StorageProvider provider)
    {
        var folder = provider == StorageProvider.PostgreSql ? "sql/postgresql/" : "sql/sqlite/";
        var assembly = Assembly.GetExecutingAssembly();
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(folder, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n, reader.ReadToEnd());
            })
            .ToArray();
        return scripts.Length > 0
            ? scripts
            : throw new InvalidOperationException($"No schema scripts are embedded under {folder}; the build did not find deploy/sql.");
    }

    private static async Task Execute(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

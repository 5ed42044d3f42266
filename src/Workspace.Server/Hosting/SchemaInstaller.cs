using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Npgsql;
using Workspace.Server.Configuration;

namespace Workspace.Server.Hosting;

/// <summary>
/// The database schema (deploy/sql, embedded at build time). <see cref="Migrate"/> creates or
/// upgrades it (every script is idempotent; the <c>migrate</c> command and SQLite nodes at start run
/// it). A node that does not migrate checks the version before its silo starts and refuses to run on
/// a schema that is missing or older than this build needs; a newer one is accepted, because schema
/// changes are additive and old nodes keep running while a rolling upgrade replaces them.
/// </summary>
public sealed class SchemaInstaller(DatabaseTarget target, ILogger<SchemaInstaller> logger) : IHostedService
{
    /// <summary>The schema version this build needs; deploy/sql/*/900-schema-version.sql writes it.</summary>
    public const int RequiredVersion = 5;

    /// <summary>Serialises concurrent installers on PostgreSQL when several nodes start at once.</summary>
    private const long PostgreSqlLockKey = 0x5753_4348_454D_41; // "WSCHEMA"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var version = target.MigrateOnStart
            ? await Migrate(target, cancellationToken)
            : await Check(target, cancellationToken);
        logger.LogInformation("Database schema ready ({Provider}, version {Version})", target.Provider, version);
    }

    /// <summary>Applies every script (under an advisory lock on PostgreSQL) and returns the resulting version.</summary>
    public static async Task<int> Migrate(DatabaseTarget target, CancellationToken cancellationToken)
    {
        await using var connection = Open(target);
        await connection.OpenAsync(cancellationToken);
        if (target.Provider == StorageProvider.PostgreSql)
        {
            await Execute(connection, $"SELECT pg_advisory_lock({PostgreSqlLockKey})", cancellationToken);
        }

        try
        {
            foreach (var (_, sql) in Scripts(target.Provider))
            {
                await Execute(connection, sql, cancellationToken);
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
        return version == RequiredVersion
            ? version.Value
            : throw new SchemaException($"After migrating, the database schema is at version {version?.ToString(CultureInfo.InvariantCulture) ?? "none"}, but this server needs version {RequiredVersion}.");
    }

    /// <summary>Reads the version without changing anything; throws a message that says what to do.</summary>
    public static async Task<int> Check(DatabaseTarget target, CancellationToken cancellationToken)
    {
        await using var connection = Open(target);
        await connection.OpenAsync(cancellationToken);
        var version = await ReadVersion(connection, cancellationToken);
        return version switch
        {
            null => throw new SchemaException(
                $"The {target.Provider} database has no Workspace schema. Run `Workspace.Server migrate` once (with the same settings) before starting nodes, or set Workspace:Storage:MigrateOnStart=true."),
            < RequiredVersion => throw new SchemaException(
                $"The {target.Provider} database schema is at version {version}, older than the version {RequiredVersion} this server needs. Run `Workspace.Server migrate` (safe to repeat) before starting this version."),
            // Newer: a rolling upgrade is under way (schema changes are additive); this node still works.
            _ => version.Value,
        };
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

/// <summary>The database schema cannot be used by this build; the message says what to do.</summary>
public sealed class SchemaException(string message) : Exception(message);

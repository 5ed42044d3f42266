using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workspace.Server.Hosting;

/// <summary>
/// Healthy when the database answers and holds the schema this build needs — or a newer one: schema
/// changes are additive, so during a rolling upgrade the old nodes stay ready after `migrate` ran.
/// </summary>
public sealed class StorageHealthCheck(DatabaseTarget target) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = SchemaInstaller.Open(target);
            await connection.OpenAsync(cancellationToken);
            var version = await SchemaInstaller.ReadVersion(connection, cancellationToken);
            return version >= SchemaInstaller.RequiredVersion
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"schema version {version?.ToString() ?? "missing"}");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("storage unreachable", ex);
        }
    }
}

using Microsoft.Extensions.Options;
using Workspace.Grains.Validation;

namespace Workspace.Server.Configuration;

/// <summary>Refuses to start with a configuration that cannot work, and says which setting is wrong.</summary>
public sealed class WorkspaceOptionsValidator : IValidateOptions<WorkspaceOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkspaceOptions options)
    {
        var failures = new List<string>();
        if (options.Storage.Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(options.Storage.ConnectionString))
        {
            failures.Add("Workspace:Storage:ConnectionString is required when Workspace:Storage:Provider is PostgreSql (env: Workspace__Storage__ConnectionString).");
        }

        if (options.Clustering.Provider == ClusteringProvider.AdoNet)
        {
            var connection = options.Clustering.ConnectionString ?? options.Storage.ConnectionString;
            if (string.IsNullOrWhiteSpace(connection) || options.Storage.Provider != StorageProvider.PostgreSql && options.Clustering.ConnectionString is null)
            {
                failures.Add("Workspace:Clustering:Provider AdoNet needs PostgreSQL: set Workspace:Clustering:ConnectionString, or use PostgreSql storage (SQLite cannot hold cluster membership).");
            }
        }

        if (options.Clustering.SiloPort == options.Clustering.GatewayPort)
        {
            failures.Add("Workspace:Clustering:SiloPort and GatewayPort must differ.");
        }

        var setup = options.Setup;
        if (string.IsNullOrWhiteSpace(setup.AdminEmail) != string.IsNullOrWhiteSpace(setup.AdminPassword))
        {
            failures.Add("Workspace:Setup:AdminEmail and Workspace:Setup:AdminPassword must be set together.");
        }

        if (!string.IsNullOrWhiteSpace(setup.AdminEmail) && !IsoCodes.IsCountry(setup.AdminCountry))
        {
            failures.Add("Workspace:Setup:AdminCountry must be an ISO 3166-1 alpha-2 code such as MX when Workspace:Setup:AdminEmail is set.");
        }

        if (setup.Token is { Length: > 0 and < 12 })
        {
            failures.Add("Workspace:Setup:Token must be at least 12 characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

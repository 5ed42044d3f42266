using System.ComponentModel.DataAnnotations;

namespace Workspace.Server.Configuration;

/// <summary>Everything an operator configures, under the "Workspace" section (env: Workspace__…).</summary>
public sealed class WorkspaceOptions
{
    public const string Section = "Workspace";

    /// <summary>Folder for the embedded SQLite database; relative paths are under the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    public StorageOptions Storage { get; set; } = new();

    public ClusteringOptions Clustering { get; set; } = new();

    public SetupOptions Setup { get; set; } = new();

    public SecurityOptions Security { get; set; } = new();
}

/// <summary>Where grain state lives.</summary>
public sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Required for PostgreSql; for Sqlite, overrides the file under DataDirectory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply the schema when a node starts. Default: yes on SQLite (zero configuration), no on
    /// PostgreSQL, where <c>Workspace.Server migrate</c> runs once per deployment and nodes refuse
    /// to start on a schema that is missing or older than they need.
    /// </summary>
    public bool? MigrateOnStart { get; set; }

    public bool ShouldMigrateOnStart => MigrateOnStart ?? Provider == StorageProvider.Sqlite;
}

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>How nodes find one another.</summary>
public sealed class ClusteringOptions
{
    public ClusteringProvider Provider { get; set; } = ClusteringProvider.Localhost;

    /// <summary>PostgreSQL connection string for AdoNet clustering; defaults to the storage connection string.</summary>
    public string? ConnectionString { get; set; }

    public string ClusterId { get; set; } = "workspace";

    public string ServiceId { get; set; } = "workspace";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other nodes reach this one at (AdoNet clustering); defaults to loopback.</summary>
    public string? AdvertisedAddress { get; set; }
}

public enum ClusteringProvider
{
    Localhost,
    AdoNet,
}

/// <summary>First-run setup: a one-time link, or an administrator created from the environment.</summary>
public sealed class SetupOptions
{
    /// <summary>Use this one-time setup token instead of a random one (e.g. for scripted installs).</summary>
    public string? Token { get; set; }

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    public string AdminDisplayName { get; set; } = "Administrator";

    public string AdminOrganisation { get; set; } = "Workspace";

    /// <summary>ISO 3166-1 alpha-2 code, required with AdminEmail.</summary>
    public string? AdminCountry { get; set; }
}

/// <summary>Request limits.</summary>
public sealed class SecurityOptions
{
    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    [Range(1, 100_000)]
    public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>Invitation look-ups, acceptances and registrations per client address per minute.</summary>
    [Range(1, 100_000)]
    public int InvitationPermitsPerMinute { get; set; } = 30;

    /// <summary>Password-reset requests and redemptions per client address per minute.</summary>
    [Range(1, 100_000)]
    public int PasswordResetPermitsPerMinute { get; set; } = 5;

    /// <summary>Searches across one's groups per person per minute (each reads every group the person is in).</summary>
    [Range(1, 100_000)]
    public int SearchesPerMinute { get; set; } = 30;

    /// <summary>Password-reset emails one address may be sent per hour (whoever asks).</summary>
    [Range(1, 100_000)]
    public int PasswordResetsPerEmailPerHour { get; set; } = 5;

    /// <summary>The window the per-minute limits are counted in (longer windows are for tests).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest request body the REST API accepts.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}

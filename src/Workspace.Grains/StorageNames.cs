namespace Workspace.Grains;

/// <summary>Names of the grain storage providers the host must register.</summary>
public static class StorageNames
{
    /// <summary>Durable state of every grain: SQLite or PostgreSQL through Orleans AdoNet.</summary>
    public const string Default = "Default";
}

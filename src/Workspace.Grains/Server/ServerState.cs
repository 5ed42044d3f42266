namespace Workspace.Grains.Server;

/// <summary>Stored server-wide facts.</summary>
[GenerateSerializer, Alias("Workspace.ServerState")]
public sealed class ServerState
{
    [Id(0)] public bool SetupComplete { get; set; }
    [Id(1)] public Guid? AdministratorId { get; set; }
    [Id(2)] public string? SetupToken { get; set; }
    [Id(3)] public List<Guid> Groups { get; set; } = [];

    /// <summary>The organisations upgrade's version once it has run (see Organisations/OrganisationUpgrade).</summary>
    [Id(8)] public int OrganisationsVersion { get; set; }
}

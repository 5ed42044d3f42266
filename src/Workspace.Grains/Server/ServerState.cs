namespace Workspace.Grains.Server;

/// <summary>Stored server-wide facts.</summary>
[GenerateSerializer, Alias("Workspace.ServerState")]
public sealed class ServerState
{
    [Id(0)] public bool SetupComplete { get; set; }
    [Id(1)] public Guid? AdministratorId { get; set; }
    [Id(2)] public string? SetupToken { get; set; }
    [Id(3)] public List<Guid> Groups { get; set; } = [];
}

namespace Workspace.Contracts.Organisations;

/// <summary>What one group holds, for the one-time upgrade of free-text organisations to organisation ids.</summary>
[GenerateSerializer, Alias("Workspace.GroupContents")]
public sealed record GroupContents(
    [property: Id(0)] IReadOnlyList<Guid> Members,
    [property: Id(1)] IReadOnlyList<Guid> Recommendations,
    [property: Id(2)] IReadOnlyList<Guid> Sessions);

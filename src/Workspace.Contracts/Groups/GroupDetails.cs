namespace Workspace.Contracts.Groups;

/// <summary>What a working group is about: the fields an administrator or facilitator edits.</summary>
[GenerateSerializer, Alias("Workspace.GroupDetails")]
public sealed record GroupDetails(
    [property: Id(0)] string Name,
    [property: Id(1)] string ThematicArea,
    [property: Id(2)] string Description,
    [property: Id(3)] IReadOnlyList<string> Countries,
    [property: Id(4)] IReadOnlyList<string> Languages);

using Workspace.Contracts.Accounts;

namespace Workspace.Grains.Accounts;

/// <summary>Stored profile of one person and the groups they are in.</summary>
[GenerateSerializer, Alias("Workspace.UserState")]
public sealed class UserState
{
    [Id(0)] public UserProfile? Profile { get; set; }
    [Id(1)] public HashSet<Guid> Groups { get; set; } = [];
}

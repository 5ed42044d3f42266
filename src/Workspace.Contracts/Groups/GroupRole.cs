namespace Workspace.Contracts.Groups;

/// <summary>A person's role in one working group. Ordered: a higher role can do all a lower one can.</summary>
[GenerateSerializer, Alias("Workspace.GroupRole")]
public enum GroupRole
{
    Observer = 0,
    Member = 1,
    Facilitator = 2,
}

namespace Workspace.Contracts.Accounts;

/// <summary>One person: their profile and the groups they belong to (an index the group grains keep up to date).</summary>
[Alias("Workspace.IUserGrain")]
public interface IUserGrain : IGrainWithGuidKey
{
    [Alias("Initialize")] Task Initialize(UserProfile profile);
    [Alias("GetProfile")] Task<UserProfile?> GetProfile();
    [Alias("RotateSecurityStamp")] Task<UserProfile> RotateSecurityStamp();
    [Alias("GetGroups")] Task<IReadOnlyList<Guid>> GetGroups();
    [Alias("AddGroup")] Task AddGroup(Guid groupId);
    [Alias("RemoveGroup")] Task RemoveGroup(Guid groupId);
}

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

    /// <summary>Called by organisation grains (and the upgrade, with a null name: the text typed stays): a null id makes the person an independent expert.</summary>
    [Alias("SetOrganisation")] Task<UserProfile> SetOrganisation(Guid? organisationId, string? organisationName, Organisations.TieStatus tie);
}

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

    /// <summary>The person proved they receive mail at <paramref name="email"/>: it becomes their confirmed address.</summary>
    [Alias("ConfirmEmail")] Task<UserProfile> ConfirmEmail(string email);

    /// <summary>Changes name, country and preferred language; the member records of the person's groups follow.</summary>
    [Alias("UpdateProfile")] Task<UserProfile> UpdateProfile(ProfileChange change);
}

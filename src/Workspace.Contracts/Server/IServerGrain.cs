using Workspace.Contracts.Accounts;

namespace Workspace.Contracts.Server;

/// <summary>
/// Server-wide facts, one instance (key 0): whether first-run setup is done, its one-time token,
/// and the list of every working group (for the administrator).
/// </summary>
[Alias("Workspace.IServerGrain")]
public interface IServerGrain : IGrainWithIntegerKey
{
    [Alias("IsSetupRequired")] Task<bool> IsSetupRequired();
    [Alias("EnsureSetupToken")] Task<string?> EnsureSetupToken(string? preferredToken);
    [Alias("CompleteSetup")] Task<UserProfile> CompleteSetup(string token, NewAccount administrator);
    [Alias("CreateAdministrator")] Task<UserProfile?> CreateAdministrator(NewAccount administrator);
    [Alias("RegisterGroup")] Task RegisterGroup(Guid groupId);
    [Alias("GetGroups")] Task<IReadOnlyList<Guid>> GetGroups();

    [Alias("GetAdministratorId")] Task<Guid?> GetAdministratorId();

    /// <summary>Which one-time data upgrades have run (0 on a database written before organisations were entities).</summary>
    [Alias("GetOrganisationsVersion")] Task<int> GetOrganisationsVersion();

    [Alias("SetOrganisationsVersion")] Task SetOrganisationsVersion(int version);
}

using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;

namespace Workspace.Grains.Accounts;

/// <summary>One person's profile and group index.</summary>
public sealed partial class UserGrain(
    [PersistentState("user", StorageNames.Default)] IPersistentState<UserState> state) : Grain, IUserGrain
{
    public async Task Initialize(UserProfile profile)
    {
        if (state.State.Profile is not null)
        {
            throw WorkspaceException.Conflict(ErrorCodes.EmailTaken);
        }

        state.State.Profile = profile with { Id = this.GetPrimaryKey() };
        await state.WriteStateAsync();
    }

    public Task<UserProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    public async Task<UserProfile> RotateSecurityStamp()
    {
        var profile = state.State.Profile ?? throw WorkspaceException.NotFound(ErrorCodes.AccountNotFound);
        state.State.Profile = profile with { SecurityStamp = AccountGrain.NewStamp() };
        await state.WriteStateAsync();
        return state.State.Profile;
    }

    public async Task<UserProfile> SetOrganisation(Guid? organisationId, string? organisationName, Contracts.Organisations.TieStatus tie)
    {
        var profile = state.State.Profile ?? throw WorkspaceException.NotFound(ErrorCodes.AccountNotFound);
        state.State.Profile = profile with
        {
            OrganisationId = organisationId,
            Organisation = organisationId is null ? string.Empty : organisationName ?? profile.Organisation,
            Tie = organisationId is null ? Contracts.Organisations.TieStatus.Pending : tie,
        };
        await state.WriteStateAsync();
        return state.State.Profile;
    }

    public Task<IReadOnlyList<Guid>> GetGroups() => Task.FromResult<IReadOnlyList<Guid>>(state.State.Groups.ToArray());

    public async Task AddGroup(Guid groupId)
    {
        if (state.State.Groups.Add(groupId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveGroup(Guid groupId)
    {
        if (state.State.Groups.Remove(groupId))
        {
            await state.WriteStateAsync();
        }
    }
}

using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Accounts;

/// <summary>The person's own changes: confirmed address, name, country and language.</summary>
public sealed partial class UserGrain
{
    public async Task<UserProfile> ConfirmEmail(string email)
    {
        var profile = state.State.Profile ?? throw WorkspaceException.NotFound(ErrorCodes.AccountNotFound);
        state.State.Profile = profile with { Email = email, EmailConfirmed = true };
        await state.WriteStateAsync();
        return state.State.Profile;
    }

    public async Task<UserProfile> UpdateProfile(ProfileChange change)
    {
        var profile = state.State.Profile ?? throw WorkspaceException.NotFound(ErrorCodes.AccountNotFound);
        ProfileRules.Check(change);
        var next = profile with
        {
            DisplayName = Normalise.Text(change.DisplayName),
            Country = change.Country.Trim().ToUpperInvariant(),
            Language = ProfileRules.Language(change.Language),
        };
        if (next == profile)
        {
            return profile;
        }

        state.State.Profile = next;
        await state.WriteStateAsync();

        // The groups copy the name and country into their member lists: each is told (a group gone meanwhile is skipped).
        await Task.WhenAll(state.State.Groups.Select(async groupId =>
        {
            try
            {
                await GrainFactory.GetGrain<IWorkingGroupGrain>(groupId).MemberProfileChanged(next);
            }
            catch (WorkspaceException)
            {
                // Not a member any more: nothing to update there.
            }
        }));
        return next;
    }
}

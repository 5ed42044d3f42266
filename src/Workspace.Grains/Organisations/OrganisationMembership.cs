using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Organisations;

namespace Workspace.Grains.Organisations;

/// <summary>
/// How a person comes to belong to an organisation: an existing one chosen by id, a proposed name
/// that turns out to be an existing one (folded), or a new pending one. The tie starts pending.
/// </summary>
public static class OrganisationMembership
{
    /// <summary>The organisation a choice names, created pending if it is new; null for an independent expert.</summary>
    public static async Task<Guid?> Choose(IGrainFactory grains, Guid? organisationId, OrganisationDetails? proposal)
    {
        var directory = grains.GetGrain<IOrganisationDirectoryGrain>(0);
        if (organisationId is { } id)
        {
            var resolved = await directory.Resolve([id]);
            return resolved.TryGetValue(id, out var found)
                ? found.Id
                : throw WorkspaceException.Invalid([new FieldError("organisationId", ErrorCodes.OrganisationNotFound)]);
        }

        if (proposal is null || string.IsNullOrWhiteSpace(proposal.Name))
        {
            return null;
        }

        var (chosen, created) = await directory.FindOrReserve(proposal);
        if (created)
        {
            await grains.GetGrain<IOrganisationGrain>(chosen).Create(proposal, OrganisationStatus.Pending);
        }

        return chosen;
    }

    /// <summary>Ties a person to the chosen organisation (pending), leaving the one they had; null makes them independent.</summary>
    public static async Task<UserProfile> Join(IGrainFactory grains, UserProfile profile, Guid? organisationId)
    {
        if (profile.OrganisationId == organisationId)
        {
            return profile;
        }

        if (profile.OrganisationId is { } previous)
        {
            await grains.GetGrain<IOrganisationGrain>(previous).RemovePerson(profile.Id);
        }

        if (organisationId is not { } id)
        {
            return await grains.GetGrain<IUserGrain>(profile.Id).SetOrganisation(null, null, TieStatus.Pending);
        }

        await grains.GetGrain<IOrganisationGrain>(id).AddPerson(profile.Id, profile.DisplayName, TieStatus.Pending);
        return await grains.GetGrain<IUserGrain>(profile.Id).GetProfile() ?? profile;
    }
}

using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Organisations;

namespace Workspace.Grains.Organisations;

/// <summary>
/// Who may record an organisation's stance: a person whose tie is confirmed, to an organisation
/// the administrator verified. Asked of the person's own profile and organisation on every call,
/// never of what a client or a group's copy says.
/// </summary>
public static class SpeakingFor
{
    public static async Task<OrganisationStanding> Require(IGrainFactory grains, Guid userId)
    {
        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfile();
        if (profile?.OrganisationId is not { } organisationId)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.NoOrganisation);
        }

        var resolved = await grains.GetGrain<IOrganisationDirectoryGrain>(0).Resolve([organisationId]);
        var standing = resolved.TryGetValue(organisationId, out var current)
            ? await grains.GetGrain<IOrganisationGrain>(current.Id).Standing(userId)
            : null;
        if (standing is null)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.NoOrganisation);
        }

        if (standing.Status != OrganisationStatus.Verified)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.OrganisationNotVerified);
        }

        return standing.Tie == TieStatus.Confirmed ? standing : throw WorkspaceException.Forbidden(ErrorCodes.TieNotConfirmed);
    }

    /// <summary>The current directory entry for each organisation id (merged ones resolve to their survivor).</summary>
    public static async Task<IReadOnlyDictionary<Guid, OrganisationSummary>> Names(IGrainFactory grains, IEnumerable<Guid?> ids)
    {
        var distinct = ids.OfType<Guid>().Distinct().ToArray();
        return distinct.Length == 0
            ? new Dictionary<Guid, OrganisationSummary>()
            : await grains.GetGrain<IOrganisationDirectoryGrain>(0).Resolve(distinct);
    }
}

using Microsoft.Extensions.Logging;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Organisations;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Server;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Organisations;

/// <summary>
/// The one-time upgrade of a database written before organisations were entities: each distinct
/// free-text organisation (folded) becomes one pending organisation; profiles, member records,
/// stances and attendance get its id; the text typed stays stored. It starts from what the server
/// indexes (the administrator, every group's members, recommendations and sessions); a person in
/// no group is upgraded when they next sign in (<see cref="UpgradeUser"/>). Every step only fills
/// ids that are missing, so running it twice, or on two nodes at once, changes nothing more.
/// </summary>
public static class OrganisationUpgrade
{
    public const int Version = 1;

    /// <summary>Runs the upgrade unless the stored version says it has run; returns how many records it changed.</summary>
    public static async Task<int> Run(IGrainFactory grains, ILogger logger)
    {
        var server = grains.GetGrain<IServerGrain>(0);
        if (await server.GetOrganisationsVersion() >= Version)
        {
            return 0;
        }

        var changed = 0;
        var groups = await server.GetGroups();
        var contents = new List<(IWorkingGroupGrain Group, GroupContents Contents)>();
        foreach (var groupId in groups)
        {
            var group = grains.GetGrain<IWorkingGroupGrain>(groupId);
            contents.Add((group, await group.GetContents()));
        }

        var people = contents.SelectMany(c => c.Contents.Members).ToHashSet();
        if (await server.GetAdministratorId() is { } administrator)
        {
            people.Add(administrator);
        }

        foreach (var userId in people)
        {
            changed += await UpgradeUser(grains, userId) ? 1 : 0;
        }

        foreach (var (group, content) in contents)
        {
            changed += await group.UpgradeOrganisations();
            foreach (var recommendation in content.Recommendations)
            {
                changed += await grains.GetGrain<IRecommendationGrain>(recommendation).UpgradeOrganisations();
            }

            foreach (var session in content.Sessions)
            {
                changed += await grains.GetGrain<ISessionGrain>(session).UpgradeOrganisations();
            }
        }

        await server.SetOrganisationsVersion(Version);
        logger.LogInformation("Organisations upgrade {Version}: {Changed} records of {Groups} groups and {People} people now point at organisations.",
            Version, changed, groups.Count, people.Count);
        return changed;
    }

    /// <summary>Ties a person whose profile names an organisation only in text to that organisation (pending), keeping the text.</summary>
    public static async Task<bool> UpgradeUser(IGrainFactory grains, Guid userId) =>
        await grains.GetGrain<IUserGrain>(userId).GetProfile() is { } profile && await Upgrade(grains, profile) is not null;

    /// <summary>Ties a person whose typed organisation has no id yet to its organisation; returns the new profile, or null when there was nothing to do.</summary>
    public static async Task<UserProfile?> Upgrade(IGrainFactory grains, UserProfile profile)
    {
        if (profile.OrganisationId is not null || string.IsNullOrWhiteSpace(profile.Organisation)
            || await ForText(grains, profile.Organisation, profile.Country) is not { } id)
        {
            return null;
        }

        await grains.GetGrain<IOrganisationGrain>(id).AddPerson(profile.Id, profile.DisplayName, TieStatus.Pending);
        return await grains.GetGrain<IUserGrain>(profile.Id).SetOrganisation(id, profile.Organisation, TieStatus.Pending);
    }

    /// <summary>The organisation a free text names: the existing one it folds to, else a new pending one (in <paramref name="country"/>).</summary>
    public static async Task<Guid?> ForText(IGrainFactory grains, string? text, string? country)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (await grains.GetGrain<IOrganisationDirectoryGrain>(0).Find(text) is { } existing)
        {
            return existing.Id;
        }

        // Every profile was registered with a valid country; without one there is nothing honest to create.
        var name = text.Trim();
        return IsoCodes.IsCountry(country)
            ? await OrganisationMembership.Choose(grains, null, OrganisationDetails.Proposal(
                name.Length <= Limits.OrganisationMax ? name : name[..Limits.OrganisationMax], null, country!, OrganisationKind.CivilSociety))
            : null;
    }
}

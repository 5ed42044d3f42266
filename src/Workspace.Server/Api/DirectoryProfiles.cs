using Workspace.Server.Search;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Organisations;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Server;

namespace Workspace.Server.Api;

/// <summary>
/// An organisation's page in the directory. Its groups are those among the reader's own (the administrator:
/// all) that one of its people (tie confirmed) is in; its endorsements are the adopted recommendations of the
/// reader's groups on which it took a supporting stance, read with the reader's id through the same grain
/// calls as the recommendations endpoints, so what the reader may not read (members-only ones for an
/// observer) never shows. Nothing is read with anyone else's rights but the organisation's own people list.
/// </summary>
public static class DirectoryProfiles
{
    /// <summary>Groups read at most for one page (a reader in more: those first in their list).</summary>
    public const int MaxGroups = 50;

    /// <summary>Grain calls in flight at once for one page.</summary>
    public const int ConcurrentReads = 16;

    public static async Task<DirectoryProfile> Get(Guid organisationId, HttpContext context, IGrainFactory grains)
    {
        var me = await OrganisationsApi.Me(context, grains);
        var resolved = await grains.GetGrain<IOrganisationDirectoryGrain>(0).Resolve([organisationId]);
        if (!resolved.TryGetValue(organisationId, out var summary)
            || (!summary.Listed && !me.IsAdmin && me.OrganisationId != summary.Id)
            || await grains.GetGrain<IOrganisationGrain>(summary.Id).Get() is not { } view)
        {
            throw WorkspaceException.NotFound(ErrorCodes.OrganisationNotFound);
        }

        var readerGroups = (me.IsAdmin ? await grains.GetGrain<IServerGrain>(0).GetGroups() : await grains.GetGrain<IUserGrain>(me.Id).GetGroups())
            .Take(MaxGroups).ToArray();
        using var reads = new SemaphoreSlim(ConcurrentReads);
        var people = view.People.Where(p => p.Tie == TieStatus.Confirmed).Select(p => p.UserId).ToArray();
        var theirGroups = (await Task.WhenAll(people.Select(p => BoundedReads.Quietly(reads, () => grains.GetGrain<IUserGrain>(p).GetGroups()))))
            .SelectMany(g => g ?? []).ToHashSet();

        var groups = await Task.WhenAll(readerGroups.Select(async id =>
        {
            var group = grains.GetGrain<IWorkingGroupGrain>(id);
            var seen = await BoundedReads.Quietly(reads, () => group.Get(me.Id));
            if (seen is null)
            {
                return (Group: (DirectoryGroup?)null, Endorsed: Array.Empty<DirectoryEndorsement>());
            }

            var endorsed = await Endorsed(grains, reads, me.Id, seen, summary.Id);
            return (Group: theirGroups.Contains(id) ? new DirectoryGroup(seen.Id, seen.Details.Name) : null, Endorsed: endorsed);
        }));

        var d = view.Details;
        return new DirectoryProfile(
            DirectoryItem.From(summary), d.Description, summary.Listed,
            groups.Select(g => g.Group).OfType<DirectoryGroup>().OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase).ToArray(),
            groups.SelectMany(g => g.Endorsed).OrderByDescending(e => e.AdoptedAt).ThenBy(e => e.Title, StringComparer.CurrentCultureIgnoreCase).ToArray());
    }

    private static async Task<DirectoryEndorsement[]> Endorsed(IGrainFactory grains, SemaphoreSlim reads, Guid readerId, GroupView group, Guid organisationId)
    {
        var recommendations = await BoundedReads.Quietly(reads, () => grains.GetGrain<IWorkingGroupGrain>(group.Id).GetRecommendations(readerId)) ?? [];
        var threads = await Task.WhenAll(recommendations
            .Where(r => r.Status == RecommendationStatus.Adopted)
            .Select(r => BoundedReads.Quietly(reads, () => grains.GetGrain<IRecommendationGrain>(r.Id).Get(readerId))));
        return threads.OfType<RecommendationView>()
            .Where(t => t.Summary.Status == RecommendationStatus.Adopted)
            .SelectMany(t => t.Stances
                .Where(s => s.OrganisationId == organisationId && s.Stance is Stance.Support or Stance.SupportWithReservations)
                .Take(1)
                .Select(s => new DirectoryEndorsement(
                    t.Summary.Id, t.Summary.Facts.Title, t.Summary.Facts.Articles, new DirectoryGroup(group.Id, group.Details.Name), s.Stance,
                    t.Adoption?.At ?? t.Summary.UpdatedAt)))
            .ToArray();
    }
}

/// <summary>An organisation's page: the directory's fields, its description, whether it is listed (its own people see it when not), groups and endorsements.</summary>
public sealed record DirectoryProfile(
    DirectoryItem Organisation, string? Description, bool Listed, IReadOnlyList<DirectoryGroup> Groups, IReadOnlyList<DirectoryEndorsement> Endorsed);

public sealed record DirectoryGroup(Guid Id, string Name);

public sealed record DirectoryEndorsement(Guid Id, string Title, IReadOnlyList<string> Articles, DirectoryGroup Group, Stance Stance, DateTimeOffset AdoptedAt);

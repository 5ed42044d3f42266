using Microsoft.Extensions.Logging;
using Workspace.Contracts.Organisations;

namespace Workspace.Grains.Organisations;

/// <summary>
/// What the directory keeps of an organisation, and the one-time fill of entries stored before it kept
/// articles, languages, areas and listing (issue 21): each such entry is read once from its organisation
/// and written back in one batch; the fields it had stay as they were. Run at start-up after the
/// organisations upgrade; running it again finds nothing to do.
/// </summary>
public static class DirectoryIndex
{
    /// <summary>Entries read per batch (one directory write per batch).</summary>
    public const int Batch = 500;

    public static OrganisationSummary Summary(OrganisationView view) => new(
        view.Id, view.Details.Name, view.Details.ShortName, view.Details.Country, view.Details.Kind, view.Status,
        view.People.Count, view.People.Count(p => p.Tie == TieStatus.Pending), view.CreatedAt,
        view.Details.Articles, view.Details.Languages, view.Details.ThematicAreas, view.Listing, view.Details.Website, Indexed: true);

    public static async Task<int> Fill(IGrainFactory grains, ILogger logger)
    {
        var directory = grains.GetGrain<IOrganisationDirectoryGrain>(0);
        var stale = await directory.Unindexed();
        var filled = 0;
        foreach (var batch in stale.Chunk(Batch))
        {
            var views = await Task.WhenAll(batch.Select(id => grains.GetGrain<IOrganisationGrain>(id).Get()));
            var summaries = views.OfType<OrganisationView>().Where(v => v.MergedInto is null).Select(Summary).ToArray();
            await directory.UpsertMany(summaries);
            filled += summaries.Length;
        }

        if (stale.Count > 0)
        {
            logger.LogInformation("Directory index: {Filled} of {Stale} organisations now indexed with articles, languages, areas and listing.", filled, stale.Count);
        }

        return filled;
    }
}

using Workspace.Contracts.Organisations;

namespace Workspace.Grains.Recommendations;

/// <summary>
/// One stance per organisation, the latest, grouped by the organisation's id as the directory
/// resolves it now (a merged organisation's stances are its survivor's, a removed one's are gone),
/// named as the organisation is named now, and kept only when <see cref="StanceRecord.Counts"/>.
/// </summary>
public static class LatestStances
{
    public static IReadOnlyList<StanceRecord> Of(IEnumerable<StanceRecord> stances, IReadOnlyDictionary<Guid, OrganisationSummary> organisations)
    {
        var latest = new Dictionary<Guid, (StanceRecord Record, OrganisationSummary Organisation)>();
        foreach (var stance in stances)
        {
            if (stance.OrganisationId is { } id && organisations.TryGetValue(id, out var organisation))
            {
                latest[organisation.Id] = (stance, organisation);
            }
        }

        return latest.Values
            .Where(l => l.Record.Counts(l.Organisation.Status))
            .Select(l => l.Record with { Organisation = l.Organisation.Name, OrganisationId = l.Organisation.Id })
            .OrderBy(s => s.Organisation, StringComparer.CurrentCultureIgnoreCase)
            .ToArray();
    }
}

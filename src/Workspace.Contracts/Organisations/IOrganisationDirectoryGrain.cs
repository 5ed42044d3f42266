namespace Workspace.Contracts.Organisations;

/// <summary>
/// Every organisation, indexed (one instance, key 0): search as you type, near-duplicate
/// detection by folded name, and the aliases merged organisations leave behind. It never calls
/// an organisation grain; organisations tell it when they change.
/// </summary>
[Alias("Workspace.IOrganisationDirectoryGrain")]
public interface IOrganisationDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>By name, short name or country code; case- and accent-insensitive; pending ones included (status says which).</summary>
    [Alias("Search")] Task<IReadOnlyList<OrganisationSummary>> Search(string? query, int limit);

    /// <summary>Every organisation, pending first (the administrator's review list).</summary>
    [Alias("List")] Task<IReadOnlyList<OrganisationSummary>> List();

    /// <summary>The organisation whose folded name or short name equals <paramref name="name"/>'s, if any.</summary>
    [Alias("Find")] Task<OrganisationSummary?> Find(string name);

    /// <summary>
    /// Returns the existing organisation that <paramref name="proposal"/> duplicates (by folded name or short
    /// name), or reserves a new id for it (<c>Created</c> true); the caller then creates the grain.
    /// </summary>
    [Alias("FindOrReserve")] Task<(Guid Id, bool Created)> FindOrReserve(OrganisationDetails proposal);

    /// <summary>Where an id now lives (following merge aliases); null when it was removed or never existed.</summary>
    [Alias("Resolve")] Task<IReadOnlyDictionary<Guid, OrganisationSummary>> Resolve(IReadOnlyList<Guid> ids);

    [Alias("Upsert")] Task Upsert(OrganisationSummary summary);

    /// <summary>Listed organisations matching every filter given, by name (issue 21); never pending or unlisted ones.</summary>
    [Alias("Browse")] Task<DirectoryPage> Browse(DirectoryQuery query);

    /// <summary>Listed organisations ranked as partners (see <c>PartnerRanking</c>), best first.</summary>
    [Alias("Partners")] Task<IReadOnlyList<PartnerSuggestion>> Partners(PartnerQuery query);

    /// <summary>Many summaries in one write (seeding, and the upgrade that fills the directory's fields).</summary>
    [Alias("UpsertMany")] Task UpsertMany(IReadOnlyList<OrganisationSummary> summaries);

    /// <summary>Entries stored before the directory indexed articles, languages, areas and listing: the upgrade fills them.</summary>
    [Alias("Unindexed")] Task<IReadOnlyList<Guid>> Unindexed();

    [Alias("Alias")] Task Alias(Guid mergedId, Guid survivorId);

    [Alias("Drop")] Task Drop(Guid id);

    [Alias("Audit")] Task Audit(OrganisationAuditEntry entry);

    [Alias("GetAudit")] Task<IReadOnlyList<OrganisationAuditEntry>> GetAudit();
}

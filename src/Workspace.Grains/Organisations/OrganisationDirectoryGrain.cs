using Workspace.Contracts.Network;
using Workspace.Contracts.Organisations;
using Workspace.Convention;
using Workspace.Grains.Partners;

namespace Workspace.Grains.Organisations;

/// <summary>The directory of organisations: search, near-duplicates by folded name, merge aliases.</summary>
public sealed class OrganisationDirectoryGrain(
    [PersistentState("organisations", StorageNames.Default)] IPersistentState<OrganisationDirectoryState> state,
    TimeProvider clock) : Grain, IOrganisationDirectoryGrain
{
    public const int AuditMax = 1_000;

    private OrganisationDirectoryState S => state.State;

    public Task<IReadOnlyList<OrganisationSummary>> Search(string? query, int limit)
    {
        var folded = NameFold.Fold(query);
        var country = (query ?? string.Empty).Trim().ToUpperInvariant();
        var hits = S.Entries.Values
            .Select(e => (Entry: e, Rank: Rank(e, folded, country)))
            .Where(h => h.Rank < int.MaxValue)
            .OrderBy(h => h.Rank)
            .ThenByDescending(h => h.Entry.Status)
            .ThenBy(h => h.Entry.Name, StringComparer.CurrentCultureIgnoreCase)
            .Take(Math.Clamp(limit, 1, 50))
            .Select(h => h.Entry)
            .ToArray();
        return Task.FromResult<IReadOnlyList<OrganisationSummary>>(hits);
    }

    public Task<IReadOnlyList<OrganisationSummary>> List() => Task.FromResult<IReadOnlyList<OrganisationSummary>>(
        S.Entries.Values.OrderBy(e => e.Status).ThenBy(e => e.Name, StringComparer.CurrentCultureIgnoreCase).ToArray());

    public Task<OrganisationSummary?> Find(string name) => Task.FromResult(Duplicate(NameFold.Fold(name)));

    public async Task<(Guid Id, bool Created)> FindOrReserve(OrganisationDetails proposal)
    {
        proposal = OrganisationValidation.Clean(proposal);
        var name = NameFold.Fold(proposal.Name);
        var shortName = NameFold.Fold(proposal.ShortName);
        if ((Duplicate(name) ?? Duplicate(shortName)) is { } existing)
        {
            return (existing.Id, false);
        }

        var reserved = S.Reserved.FirstOrDefault(r => Folds(r.Value.Name, r.Value.ShortName).Contains(name)
            || (shortName.Length > 0 && Folds(r.Value.Name, r.Value.ShortName).Contains(shortName)));
        if (reserved.Key != Guid.Empty)
        {
            return (reserved.Key, false);
        }

        var id = Guid.NewGuid();
        S.Reserved[id] = proposal;
        await state.WriteStateAsync();
        return (id, true);
    }

    public Task<IReadOnlyDictionary<Guid, OrganisationSummary>> Resolve(IReadOnlyList<Guid> ids)
    {
        var resolved = new Dictionary<Guid, OrganisationSummary>();
        foreach (var id in ids.Distinct())
        {
            var current = id;
            for (var hops = 0; hops < 32 && S.Aliases.TryGetValue(current, out var next); hops++)
            {
                current = next;
            }

            if (S.Entries.TryGetValue(current, out var entry))
            {
                resolved[id] = entry;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<Guid, OrganisationSummary>>(resolved);
    }

    public async Task Upsert(OrganisationSummary summary)
    {
        S.Reserved.Remove(summary.Id);
        if (S.Aliases.ContainsKey(summary.Id))
        {
            return;
        }

        var before = S.Entries.GetValueOrDefault(summary.Id);
        S.Entries[summary.Id] = summary;
        await state.WriteStateAsync();
        await AnnounceIf(before, summary);
    }

    public async Task UpsertMany(IReadOnlyList<OrganisationSummary> summaries)
    {
        var changed = false;
        foreach (var summary in summaries.Where(s => !S.Aliases.ContainsKey(s.Id)))
        {
            S.Reserved.Remove(summary.Id);
            changed |= ListedChange(S.Entries.GetValueOrDefault(summary.Id), summary);
            S.Entries[summary.Id] = summary;
        }

        await state.WriteStateAsync();
        if (changed)
        {
            await Announce();
        }
    }

    public Task<IReadOnlyList<Guid>> Unindexed() =>
        Task.FromResult<IReadOnlyList<Guid>>(S.Entries.Values.Where(e => !e.Indexed).Select(e => e.Id).ToArray());

    public Task<DirectoryPage> Browse(DirectoryQuery query) => Task.FromResult(DirectorySearch.Browse(S.Entries.Values, query));

    public Task<IReadOnlyList<PartnerSuggestion>> Partners(PartnerQuery query) => Task.FromResult(PartnerRanking.Rank(S.Entries.Values, query));

    public async Task Alias(Guid mergedId, Guid survivorId)
    {
        var before = S.Entries.GetValueOrDefault(mergedId);
        S.Entries.Remove(mergedId);
        S.Aliases[mergedId] = survivorId;
        await state.WriteStateAsync();
        await AnnounceIf(before, null);
    }

    public async Task Drop(Guid id)
    {
        var before = S.Entries.GetValueOrDefault(id);
        S.Entries.Remove(id);
        await state.WriteStateAsync();
        await AnnounceIf(before, null);
    }

    public async Task Audit(OrganisationAuditEntry entry)
    {
        S.Audit.Add(entry with { At = clock.GetUtcNow() });
        if (S.Audit.Count > AuditMax)
        {
            S.Audit.RemoveRange(0, S.Audit.Count - AuditMax);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<OrganisationAuditEntry>> GetAudit() =>
        Task.FromResult<IReadOnlyList<OrganisationAuditEntry>>(Enumerable.Reverse(S.Audit).ToArray());

    /// <summary>Open directory pages read again when what they may show changed: a listing, or a listed organisation's details (not its head counts).</summary>
    private async Task AnnounceIf(OrganisationSummary? before, OrganisationSummary? after)
    {
        if (ListedChange(before, after))
        {
            await Announce();
        }
    }

    private Task Announce() => GrainFactory.GetGrain<INetworkNewsGrain>(0).Announce(NetworkNews.Directory);

    private static bool ListedChange(OrganisationSummary? before, OrganisationSummary? after)
    {
        var shown = before is { Listed: true } ? DirectorySearch.Shown(before) : null;
        var now = after is { Listed: true } ? DirectorySearch.Shown(after) : null;
        return shown != now;
    }

    private OrganisationSummary? Duplicate(string folded) =>
        folded.Length == 0 ? null : S.Entries.Values.FirstOrDefault(e => Folds(e.Name, e.ShortName).Contains(folded));

    private static string[] Folds(string name, string? shortName) =>
        string.IsNullOrWhiteSpace(shortName) ? [NameFold.Fold(name)] : [NameFold.Fold(name), NameFold.Fold(shortName)];

    /// <summary>0: the whole name or short name; 1: its start; 2: a word of it starts so; 3: the country code; otherwise no match.</summary>
    private static int Rank(OrganisationSummary entry, string folded, string country)
    {
        if (folded.Length == 0)
        {
            return 4;
        }

        var names = Folds(entry.Name, entry.ShortName);
        return names.Contains(folded) ? 0
            : names.Any(n => n.StartsWith(folded, StringComparison.Ordinal)) ? 1
            : names.Any(n => n.Contains(folded, StringComparison.Ordinal)) ? 2
            : country.Length == 2 && entry.Country == country ? 3
            : int.MaxValue;
    }
}

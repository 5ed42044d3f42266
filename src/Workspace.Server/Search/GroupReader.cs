using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Sessions;

namespace Workspace.Server.Search;

/// <summary>Something a reader may read, as plain text to match: the grains already projected it for them.</summary>
public sealed record SearchCandidate(string Kind, Guid GroupId, string Title, string? Body, bool TitleCounts, string Link, DateTimeOffset UpdatedAt);

/// <summary>
/// Reads one group as one person: the same grain calls, with the reader's id, that the documents,
/// recommendations and sessions endpoints make, so the grains decide what they see (an observer: only
/// what is open to observers; agenda items about members-only material hidden; comments as the thread
/// shows them). Nothing is read with anyone else's rights, and nothing is cached across people.
/// </summary>
public sealed class GroupReader(IGrainFactory grains, Guid readerId, SemaphoreSlim reads)
{
    public const int MaxDocuments = 200;
    public const int MaxRecommendations = 200;
    public const int MaxSessions = 100;
    public const int MaxComments = 500;

    /// <summary>Whether a bound left something of the group unread.</summary>
    public bool Cut => Volatile.Read(ref _cut);

    private bool _cut;

    public async Task<IReadOnlyList<SearchCandidate>> Read(Guid groupId, IReadOnlySet<string> kinds)
    {
        var group = grains.GetGrain<IWorkingGroupGrain>(groupId);
        var parts = await Task.WhenAll(
            kinds.Contains("document") ? Documents(group) : None(),
            kinds.Contains("recommendation") || kinds.Contains("comment") ? Recommendations(group, kinds) : None(),
            kinds.Contains("session") ? Sessions(group) : None());
        return parts.SelectMany(p => p).ToArray();
    }

    private async Task<IEnumerable<SearchCandidate>> Documents(IWorkingGroupGrain group)
    {
        var documents = Bounded(await group.GetDocuments(readerId), MaxDocuments);
        var texts = await Task.WhenAll(documents.Select(d => Quietly(() => grains.GetGrain<IDocumentGrain>(d.Id).GetText(readerId))));
        return documents.Zip(texts)
            .Where(p => p.Second is not null)
            .Select(p => new SearchCandidate("document", p.First.GroupId, p.First.Title, p.Second!.Text, true, $"/documents/{p.First.Id}", p.Second.ChangedAt ?? p.First.CreatedAt));
    }

    private async Task<IEnumerable<SearchCandidate>> Recommendations(IWorkingGroupGrain group, IReadOnlySet<string> kinds)
    {
        var recommendations = Bounded(await group.GetRecommendations(readerId), MaxRecommendations);
        var found = await Task.WhenAll(recommendations.Select(async r =>
        {
            var candidates = new List<SearchCandidate>();
            var link = $"/recommendations/{r.Id}";
            if (kinds.Contains("recommendation") && await Quietly(() => grains.GetGrain<IDocumentGrain>(r.BodyId).GetText(readerId)) is { } body)
            {
                candidates.Add(new SearchCandidate("recommendation", r.GroupId, r.Facts.Title, body.Text, true, link, r.UpdatedAt));
            }

            if (kinds.Contains("comment") && await Quietly(() => grains.GetGrain<IRecommendationGrain>(r.Id).Get(readerId)) is { } thread)
            {
                // As the thread shows them: deleted and hidden ones carry no text (but to whoever may still read it).
                var comments = Bounded(thread.Comments.Where(c => c.Markdown is not null).ToArray(), MaxComments);
                candidates.AddRange(comments.Select(c => new SearchCandidate("comment", r.GroupId, r.Facts.Title, c.Markdown, false, link, c.EditedAt ?? c.At)));
            }

            return candidates;
        }));
        return found.SelectMany(c => c);
    }

    private async Task<IEnumerable<SearchCandidate>> Sessions(IWorkingGroupGrain group)
    {
        var sessions = Bounded((await group.GetSessions(readerId)).OrderByDescending(s => s.ScheduledStart).ToArray(), MaxSessions);
        var views = await Task.WhenAll(sessions.Select(s => Quietly(() => grains.GetGrain<ISessionGrain>(s.Id).Get(readerId))));

        // The agenda as the reader's view lists it: hidden items have no title. Someone removed from a session still finds its title.
        return sessions.Zip(views).Select(p => new SearchCandidate(
            "session", p.First.GroupId, p.First.Title,
            p.Second is null ? null : string.Join(" · ", p.Second.Agenda.Where(i => !i.Hidden && i.Title is not null).Select(i => i.Title)),
            true, $"/sessions/{p.First.Id}", p.First.ScheduledStart));
    }

    private T[] Bounded<T>(IReadOnlyList<T> items, int max)
    {
        if (items.Count > max)
        {
            Volatile.Write(ref _cut, true); // only ever set: the parts run in parallel
        }

        return items.Take(max).ToArray();
    }

    /// <summary>One grain call, a few at a time per request; a refusal (deleted meanwhile, no longer visible, removed) leaves the item out.</summary>
    private Task<T?> Quietly<T>(Func<Task<T>> call)
        where T : class => BoundedReads.Quietly(reads, call);

    private static Task<IEnumerable<SearchCandidate>> None() => Task.FromResult(Enumerable.Empty<SearchCandidate>());
}

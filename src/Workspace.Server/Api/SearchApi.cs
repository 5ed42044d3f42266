using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Server;
using Workspace.Server.Search;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>
/// Search across my groups (issue 20): every group the person is in, read through the grains as the person
/// (see <see cref="GroupReader"/>), matched in memory. No index: the work is bounded instead (API.md, "Search").
/// </summary>
public static class SearchApi
{
    /// <summary>Groups searched at most (a person in more: those first in their list).</summary>
    public const int MaxGroups = 50;

    /// <summary>Characters of one text scanned at most (a longer text is searched in its beginning).</summary>
    public const int MaxScanned = 100_000;

    /// <summary>Grain calls in flight at once for one search.</summary>
    public const int ConcurrentReads = 16;

    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/search", Search)
            .RequireRateLimiting(RateLimits.Search)
            .WithSummary("Search what I may read in my groups")
            .WithDescription("Documents (title, current text), recommendations (title, text), comments and sessions (title, agenda items); case and accents ignored.");
        return api;
    }

    private static async Task<SearchAnswer> Search(string? q, string? group, string? kind, int? limit, HttpContext c, IGrainFactory g)
    {
        var request = SearchRequest.Parse(q, group, kind, limit);
        var userId = c.User.UserId();
        if (request.GroupUnknown)
        {
            throw WorkspaceException.NotFound(ErrorCodes.GroupNotFound);
        }

        IReadOnlyList<Guid> ids;
        if (request.GroupId is { } one)
        {
            ids = [one];
        }
        else
        {
            var profile = await g.GetGrain<IUserGrain>(userId).GetProfile()
                ?? throw new WorkspaceException(ErrorKind.Unauthenticated, ErrorCodes.Unauthenticated);
            ids = profile.IsAdmin ? await g.GetGrain<IServerGrain>(0).GetGroups() : await g.GetGrain<IUserGrain>(userId).GetGroups();
        }

        var partial = ids.Count > MaxGroups;
        using var reads = new SemaphoreSlim(ConcurrentReads);
        var groups = await Task.WhenAll(ids.Take(MaxGroups).Select(id => ReadGroup(g, userId, id, request, reads, mustExist: request.GroupId is not null)));
        var matches = groups.OfType<GroupFound>()
            .SelectMany(found =>
            {
                partial |= found.Cut;
                return found.Candidates.Select(candidate => (Candidate: candidate, Group: found.Group, Match: request.Text.Find(candidate.Title, candidate.Body, candidate.TitleCounts, MaxScanned)));
            })
            .Where(m => m.Match is not null)
            .OrderByDescending(m => m.Match!.Rank)
            .ThenByDescending(m => m.Candidate.UpdatedAt)
            .ToArray();

        var results = matches.Take(request.Limit).Select(m => new SearchResult(
            m.Candidate.Kind, m.Group, m.Candidate.Title, m.Match!.Snippet,
            m.Match.Highlights.Select(h => new SearchHighlight(h.Start, h.Length)).ToArray(),
            m.Candidate.Link, m.Candidate.UpdatedAt)).ToArray();
        return new SearchAnswer(results, matches.Length, partial);
    }

    /// <summary>One group as the reader sees it; a group they are no longer in is skipped, unless they asked for it by id (404, as everywhere).</summary>
    private static async Task<GroupFound?> ReadGroup(IGrainFactory g, Guid userId, Guid groupId, SearchRequest request, SemaphoreSlim reads, bool mustExist)
    {
        try
        {
            var view = await g.GetGrain<IWorkingGroupGrain>(groupId).Get(userId);
            var reader = new GroupReader(g, userId, reads);
            var candidates = await reader.Read(groupId, request.Kinds);
            return new GroupFound(new SearchGroup(view.Id, view.Details.Name), candidates, reader.Cut);
        }
        catch (WorkspaceException e) when (e.Kind == ErrorKind.NotFound && !mustExist)
        {
            return null; // left or removed meanwhile
        }
    }

    private sealed record GroupFound(SearchGroup Group, IReadOnlyList<SearchCandidate> Candidates, bool Cut);
}

/// <summary>
/// The answer: at most <c>limit</c> results, best first; <c>total</c> counts every match found, and <c>partial</c>
/// says a bound (groups, items, text length) left something unsearched. The query is not echoed: the caller has it.
/// </summary>
public sealed record SearchAnswer(IReadOnlyList<SearchResult> Results, int Total, bool Partial);

/// <summary>
/// One thing found: <c>snippet</c> is plain text (never HTML or Markdown to render) and <c>highlights</c> the
/// ranges of it, in UTF-16 code units, that matched; <c>link</c> is the client's path to open it.
/// </summary>
public sealed record SearchResult(string Kind, SearchGroup Group, string Title, string Snippet, IReadOnlyList<SearchHighlight> Highlights, string Link, DateTimeOffset UpdatedAt);

public sealed record SearchGroup(Guid Id, string Name);

public sealed record SearchHighlight(int Start, int Length);

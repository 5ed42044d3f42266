namespace Workspace.Collaboration;

/// <summary>
/// What one revision did, as history shows it: when, by whom, how many characters (UTF-16 code units) it added and
/// removed, and for a restore the revision it brought back (null for an ordinary edit).
/// </summary>
public sealed record RevisionStat(int Revision, DateTimeOffset At, Guid AuthorId, int Added, int Removed, int? RestoredFrom = null)
{
    /// <summary>The client id the document's own restores are applied under (their sequence is the revision restored).</summary>
    public const string RestoreClientId = "restore";

    public static RevisionStat Of(AppliedEdit edit)
    {
        var (added, removed) = (0, 0);
        foreach (var component in edit.Operation.Components)
        {
            switch (component.Kind)
            {
                case ComponentKind.Insert:
                    added += component.Count;
                    break;
                case ComponentKind.Delete:
                    removed += component.Count;
                    break;
            }
        }

        return new RevisionStat(edit.Revision, edit.At, edit.AuthorId, added, removed,
            edit.ClientId == RestoreClientId ? (int)Math.Clamp(edit.Sequence, 0, int.MaxValue) : null);
    }
}

/// <summary>
/// Consecutive revisions read as one editing session: <see cref="FirstRevision"/> … <see cref="LastRevision"/>,
/// from <see cref="Start"/> to <see cref="End"/>, by <see cref="Authors"/> (in the order they first wrote in it).
/// </summary>
public sealed record EditingSession(
    int FirstRevision,
    int LastRevision,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<Guid> Authors,
    int Added,
    int Removed,
    int? RestoredFrom)
{
    public int Revisions => LastRevision - FirstRevision + 1;
}

/// <summary>
/// Groups revisions into editing sessions, as Etherpad's and Google Docs' histories do: a revision joins
/// the session of the revision before it while less than <see cref="Gap"/> passed between the two,
/// whoever wrote it (a session of two people typing together lists both). A restore is always a session
/// of its own, so it can be told apart and restored back.
/// </summary>
public static class EditingSessions
{
    /// <summary>Five minutes without an edit ends a session.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The sessions of <paramref name="newestFirst"/> (consecutive revisions, newest first), newest first.
    /// The oldest session returned may be incomplete when older revisions were not given.
    /// </summary>
    public static IReadOnlyList<EditingSession> Group(IReadOnlyList<RevisionStat> newestFirst, TimeSpan gap)
    {
        var sessions = new List<EditingSession>();
        var index = 0;
        while (index < newestFirst.Count)
        {
            var end = index;
            while (end + 1 < newestFirst.Count && Joins(newestFirst[end + 1], newestFirst[end], gap))
            {
                end++;
            }

            sessions.Add(Session(newestFirst, index, end));
            index = end + 1;
        }

        return sessions;
    }

    /// <summary>
    /// One page of sessions: the newest <paramref name="count"/> sessions made of revisions up to <paramref name="end"/>,
    /// reading revisions (newest first, <paramref name="batch"/> at a time) through <paramref name="read"/>(from, to],
    /// only as far back as needed to know the last session on the page is complete. At most <paramref name="maxRead"/>
    /// revisions are read: a session longer than that is cut, and the next page goes on where it was cut.
    /// </summary>
    public static async Task<SessionPage> Page(int end, int count, Func<int, int, Task<IReadOnlyList<RevisionStat>>> read, TimeSpan gap, int batch = 512, int maxRead = 20_000)
    {
        var stats = new List<RevisionStat>();
        var cursor = end;
        IReadOnlyList<EditingSession> sessions = [];
        while (cursor >= 1)
        {
            var from = Math.Max(0, cursor - Math.Min(batch, Math.Max(1, maxRead - stats.Count)));
            var older = await read(from, cursor);
            stats.AddRange(older.OrderByDescending(s => s.Revision));
            cursor = from;
            sessions = Group(stats, gap);
            if (sessions.Count > count || stats.Count >= maxRead)
            {
                break;
            }
        }

        var page = sessions.Take(count).ToArray();
        var next = page.Length > 0 && page[^1].FirstRevision > 1 ? page[^1].FirstRevision : (int?)null;
        return new SessionPage(page, next);
    }

    /// <summary>Whether <paramref name="older"/> and the revision right after it, <paramref name="newer"/>, belong to one session.</summary>
    public static bool Joins(RevisionStat older, RevisionStat newer, TimeSpan gap) =>
        older.RestoredFrom is null && newer.RestoredFrom is null && newer.At - older.At < gap;

    private static EditingSession Session(IReadOnlyList<RevisionStat> newestFirst, int from, int to)
    {
        var authors = new List<Guid>();
        var (added, removed) = (0, 0);
        for (var i = to; i >= from; i--)
        {
            var stat = newestFirst[i];
            if (!authors.Contains(stat.AuthorId))
            {
                authors.Add(stat.AuthorId);
            }

            added += stat.Added;
            removed += stat.Removed;
        }

        var (oldest, newest) = (newestFirst[to], newestFirst[from]);
        return new EditingSession(oldest.Revision, newest.Revision, oldest.At, newest.At, authors, added, removed, newest.RestoredFrom);
    }
}

/// <summary>A page of sessions, newest first; <see cref="Before"/> asks for the next (older) page, null when there is none.</summary>
public sealed record SessionPage(IReadOnlyList<EditingSession> Sessions, int? Before);

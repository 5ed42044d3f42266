namespace Workspace.Collaboration.UnitTests;

public sealed class EditingSessionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Ana = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Bea = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    /// <summary>Revisions 1…n, oldest first, at the given seconds after <see cref="T0"/>.</summary>
    private static List<RevisionStat> Revisions(params (double Seconds, Guid Author, int Added, int Removed)[] edits) =>
        edits.Select((e, i) => new RevisionStat(i + 1, T0.AddSeconds(e.Seconds), e.Author, e.Added, e.Removed)).ToList();

    private static IReadOnlyList<EditingSession> Group(List<RevisionStat> oldestFirst) =>
        EditingSessions.Group(oldestFirst.AsEnumerable().Reverse().ToArray(), EditingSessions.Gap);

    [Fact]
    public void Revisions_less_than_the_gap_apart_are_one_session_and_a_longer_pause_starts_another()
    {
        // 4:59 between revisions 2 and 3 keeps them together; exactly 5:00 between 3 and 4 does not.
        var sessions = Group(Revisions((0, Ana, 1, 0), (10, Ana, 1, 0), (309, Ana, 1, 0), (609, Ana, 1, 0)));

        Assert.Equal([(4, 4), (1, 3)], sessions.Select(s => (s.FirstRevision, s.LastRevision)));
        Assert.Equal(T0, sessions[1].Start);
        Assert.Equal(T0.AddSeconds(309), sessions[1].End);
        Assert.Equal(3, sessions[1].Revisions);
    }

    [Fact]
    public void Two_people_typing_together_are_one_session_listing_both_in_the_order_they_began()
    {
        var sessions = Group(Revisions((0, Bea, 3, 0), (1, Ana, 2, 0), (2, Bea, 0, 1), (3, Ana, 1, 1)));

        var session = Assert.Single(sessions);
        Assert.Equal([Bea, Ana], session.Authors);
    }

    [Fact]
    public void A_session_adds_up_what_its_revisions_added_and_removed()
    {
        var sessions = Group(Revisions((0, Ana, 5, 0), (1, Ana, 2, 3), (2, Bea, 0, 4), (900, Bea, 7, 1)));

        Assert.Equal([(7, 1), (7, 7)], sessions.Select(s => (s.Added, s.Removed)));
    }

    [Fact]
    public void A_restore_is_a_session_of_its_own_even_amid_typing()
    {
        var stats = Revisions((0, Ana, 1, 0), (1, Ana, 1, 0), (2, Bea, 0, 2), (3, Ana, 1, 0));
        stats[2] = stats[2] with { RestoredFrom = 1 };

        var sessions = Group(stats);

        Assert.Equal([(4, 4, (int?)null), (3, 3, 1), (1, 2, null)], sessions.Select(s => (s.FirstRevision, s.LastRevision, s.RestoredFrom)));
    }

    [Fact]
    public void The_counts_of_a_revision_come_from_its_operation_and_a_restore_names_the_revision_it_brought_back()
    {
        var edit = TextOperation.Builder().Retain(2).Insert("abc").Delete(4).Retain(1).Insert("d").Build();

        var typed = RevisionStat.Of(new AppliedEdit(9, edit, "client", 3, Ana, T0));
        var restored = RevisionStat.Of(new AppliedEdit(10, edit, RevisionStat.RestoreClientId, 4, Bea, T0));

        Assert.Equal(new RevisionStat(9, T0, Ana, 4, 4), typed);
        Assert.Equal(4, restored.RestoredFrom);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Pages_of_sessions_meet_without_overlap_or_gap_whatever_the_reading_batch(int batch)
    {
        // Ten sessions of three revisions each: revisions 1–3, 4–6, … 28–30, ten minutes apart.
        var all = Enumerable.Range(1, 30)
            .Select(r => new RevisionStat(r, T0.AddMinutes((r - 1) / 3 * 10).AddSeconds(r), r % 2 == 0 ? Ana : Bea, r, 0))
            .ToArray();
        var reads = 0;
        Task<IReadOnlyList<RevisionStat>> Read(int from, int to)
        {
            reads++;
            return Task.FromResult<IReadOnlyList<RevisionStat>>(all.Where(s => s.Revision > from && s.Revision <= to).ToArray());
        }

        var seen = new List<EditingSession>();
        int? before = 31;
        var pages = 0;
        while (before is { } end)
        {
            var page = await EditingSessions.Page(end - 1, 4, Read, EditingSessions.Gap, batch);
            seen.AddRange(page.Sessions);
            before = page.Before;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (30 - 3 * i - 2, 30 - 3 * i)), seen.Select(s => (s.FirstRevision, s.LastRevision)));
        Assert.All(seen, s => Assert.Equal(s.FirstRevision + s.FirstRevision + 1 + s.LastRevision, s.Added));
        Assert.True(reads <= 3 * (30 / batch + 3), $"read {reads} times");
    }

    [Fact]
    public async Task A_page_reads_no_further_back_than_it_needs()
    {
        var all = Enumerable.Range(1, 1_000).Select(r => new RevisionStat(r, T0.AddMinutes(r * 10), Ana, 1, 0)).ToArray();
        var oldestRead = int.MaxValue;
        Task<IReadOnlyList<RevisionStat>> Read(int from, int to)
        {
            oldestRead = Math.Min(oldestRead, from);
            return Task.FromResult<IReadOnlyList<RevisionStat>>(all.Where(s => s.Revision > from && s.Revision <= to).ToArray());
        }

        var page = await EditingSessions.Page(1_000, 2, Read, EditingSessions.Gap, batch: 8);

        Assert.Equal([1_000, 999], page.Sessions.Select(s => s.LastRevision));
        Assert.Equal(999, page.Before);
        Assert.Equal(992, oldestRead);
    }

    [Fact]
    public async Task A_session_longer_than_the_reading_limit_is_cut_and_the_next_page_goes_on_from_the_cut()
    {
        var all = Enumerable.Range(1, 100).Select(r => new RevisionStat(r, T0.AddSeconds(r), Ana, 1, 0)).ToArray();
        Task<IReadOnlyList<RevisionStat>> Read(int from, int to) =>
            Task.FromResult<IReadOnlyList<RevisionStat>>(all.Where(s => s.Revision > from && s.Revision <= to).ToArray());

        var first = await EditingSessions.Page(100, 5, Read, EditingSessions.Gap, batch: 16, maxRead: 40);
        var second = await EditingSessions.Page(first.Before!.Value - 1, 5, Read, EditingSessions.Gap, batch: 16, maxRead: 40);

        Assert.Equal((61, 100), (first.Sessions.Single().FirstRevision, first.Sessions.Single().LastRevision));
        Assert.Equal(61, first.Before);
        Assert.Equal((21, 60), (second.Sessions.Single().FirstRevision, second.Sessions.Single().LastRevision));
    }

    [Fact]
    public async Task An_empty_history_is_an_empty_last_page()
    {
        var page = await EditingSessions.Page(0, 5, (_, _) => Task.FromResult<IReadOnlyList<RevisionStat>>([]), EditingSessions.Gap);

        Assert.Empty(page.Sessions);
        Assert.Null(page.Before);
    }
}

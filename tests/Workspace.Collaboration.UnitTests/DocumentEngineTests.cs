namespace Workspace.Collaboration.UnitTests;

/// <summary>The document engine's rules, one at a time: what it applies, what it acknowledges, what it refuses (changing nothing).</summary>
public sealed class DocumentEngineTests
{
    private static readonly Guid Ana = Guid.NewGuid();
    private static readonly Guid Bruno = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_resubmitted_older_sequence_answers_the_revision_it_became_even_after_its_operation_left_memory()
    {
        var engine = new DocumentEngine(EngineSnapshot.Empty, new EngineLimits { ChunkSize = 2, KeepOperations = 2 });
        Assert.Equal(1, Apply(engine, Ana, "a", 1, "one "));
        for (var i = 1; i <= 6; i++)
        {
            Apply(engine, Bruno, "b", i, "x");
        }

        Assert.Equal(8, Apply(engine, Ana, "a", 2, "two "));
        Assert.True(engine.OldestKept > 1); // the first operation is no longer kept

        Assert.Equal(new SubmitOutcome.AlreadyApplied(1), Resubmit(engine, Ana, "a", 1));
        Assert.Equal(new SubmitOutcome.AlreadyApplied(8), Resubmit(engine, Ana, "a", 2));
        Assert.Equal(new SubmitOutcome.AlreadyApplied(4), Resubmit(engine, Bruno, "b", 3));
        Assert.Equal(8, engine.Revision);
    }

    [Fact]
    public void Beyond_the_remembered_sequences_a_resubmission_answers_the_clients_latest_revision()
    {
        var engine = new DocumentEngine(EngineSnapshot.Empty, new EngineLimits { ChunkSize = 2, KeepOperations = 2, RememberedSequencesPerClient = 3 });
        for (var i = 1; i <= 5; i++)
        {
            Apply(engine, Ana, "a", i, "x");
        }

        Assert.Equal(new SubmitOutcome.AlreadyApplied(3), Resubmit(engine, Ana, "a", 3));
        Assert.Equal(new SubmitOutcome.AlreadyApplied(5), Resubmit(engine, Ana, "a", 2)); // forgotten: the latest, as documented
    }

    [Fact]
    public void A_client_id_of_another_person_or_of_the_server_is_refused_and_changes_nothing()
    {
        var engine = new DocumentEngine(EngineSnapshot.Empty);
        Apply(engine, Ana, "a", 1, "Hello");

        Assert.Equal(new SubmitOutcome.Refused(Refusal.ClientTaken), Submit(engine, Bruno, "a", 2, 1, "!", retain: 5));
        Assert.Equal(new SubmitOutcome.Refused(Refusal.ClientTaken), Submit(engine, Bruno, "a", 1, 1, "!", retain: 5));
        Assert.Equal(new SubmitOutcome.Refused(Refusal.ClientTaken), Submit(engine, Bruno, "seed", 1, 1, "!", retain: 5));
        Assert.Equal(new SubmitOutcome.Refused(Refusal.ClientTaken), Submit(engine, Bruno, "amendment-1", 1, 1, "!", retain: 5));
        Assert.Equal(new SubmitOutcome.Refused(Refusal.InvalidClient), Submit(engine, Bruno, "", 1, 1, "!", retain: 5));
        Assert.Equal(new SubmitOutcome.Refused(Refusal.InvalidClient), Submit(engine, Bruno, "b", -1, 1, "!", retain: 5));
        Assert.Equal(("Hello", 1), (engine.Text, engine.Revision));
    }

    [Fact]
    public void An_operation_that_does_not_fit_its_base_is_refused_and_changes_nothing()
    {
        var engine = new DocumentEngine(EngineSnapshot.Empty);
        Apply(engine, Ana, "a", 1, "Hello");
        Apply(engine, Ana, "a", 2, " world", retain: 5);

        // Based on revision 1 ("Hello", 5 units) but spanning 7: the transform cannot take it.
        Assert.Equal(new SubmitOutcome.Refused(Refusal.Misfit), Submit(engine, Bruno, "b", 1, 1, "!", retain: 7));

        // Cuts an emoji in two.
        var emoji = new DocumentEngine(EngineSnapshot.Empty);
        Apply(emoji, Ana, "a", 1, "a😀b");
        Assert.Equal(new SubmitOutcome.Refused(Refusal.Misfit), Submit(emoji, Bruno, "b", 1, 1, "x", retain: 2, after: 2));

        Assert.Equal(("Hello world", 2), (engine.Text, engine.Revision));
        Assert.Equal(("a😀b", 1), (emoji.Text, emoji.Revision));
        Assert.Null(engine.Client("b"));
    }

    [Fact]
    public void A_base_no_longer_kept_is_transformed_against_history_given_and_refused_when_history_has_a_gap()
    {
        var engine = new DocumentEngine(EngineSnapshot.Empty, new EngineLimits { ChunkSize = 2, KeepOperations = 2 });
        var history = new List<AppliedEdit>();
        for (var i = 1; i <= 6; i++)
        {
            Apply(engine, Ana, "a", i, $"{i}", retain: i - 1);
        }

        history.AddRange(engine.TakeCompletedChunks().SelectMany(c => c.Operations).Where(o => o.Revision > 1 && o.Revision <= engine.OldestKept));
        Assert.Equal(4, engine.OldestKept);

        Assert.Equal(new SubmitOutcome.Refused(Refusal.StaleBase), Submit(engine, Bruno, "b", 1, 1, "!", retain: 1));
        Assert.Equal(new SubmitOutcome.Refused(Refusal.StaleBase), engine.Submit(Edit(Bruno, "b", 1, 1, "!", retain: 1), history.Skip(1).ToList(), At));

        var applied = Assert.IsType<SubmitOutcome.Applied>(engine.Submit(Edit(Bruno, "b", 1, 1, "!", retain: 1), history, At));
        Assert.Equal(7, applied.Edit.Revision);
        Assert.Equal("1!23456", engine.Text);
    }

    [Fact]
    public void History_chunks_complete_at_their_boundary_with_the_text_before_them()
    {
        var engine = new DocumentEngine(EngineSnapshot.Empty, new EngineLimits { ChunkSize = 2, KeepOperations = 4 });
        Apply(engine, Ana, "a", 1, "a");
        Assert.Empty(engine.TakeCompletedChunks());
        Apply(engine, Ana, "a", 2, "b", retain: 1);
        Apply(engine, Ana, "a", 3, "c", retain: 2);
        Apply(engine, Ana, "a", 4, "d", retain: 3);

        var chunks = engine.TakeCompletedChunks();

        Assert.Equal([(0, "", 2), (2, "ab", 2)], chunks.Select(c => (c.StartRevision, c.StartText, c.Operations.Count)));
        Assert.Equal([3, 4], chunks[1].Operations.Select(o => o.Revision));
        Assert.Equal(("abcd", 4, "abcd"), (engine.ChunkStartText, engine.ChunkStart, engine.Text));
        Assert.Empty(engine.TakeCompletedChunks());
    }

    [Fact]
    public void A_snapshot_is_a_copy_and_an_engine_built_from_it_continues_the_same()
    {
        var limits = new EngineLimits { ChunkSize = 4, KeepOperations = 4 };
        var engine = new DocumentEngine(EngineSnapshot.Empty, limits);
        for (var i = 1; i <= 6; i++)
        {
            Apply(engine, i % 2 == 0 ? Ana : Bruno, i % 2 == 0 ? "a" : "b", i, $"{i}", retain: i - 1);
        }

        var snapshot = engine.Snapshot();
        Apply(engine, Ana, "a", 7, "7", retain: 6);

        Assert.Equal(("123456", 6), (snapshot.Text, snapshot.Revision));
        Assert.Equal([5, 6], snapshot.Tail.Select(o => o.Revision));
        Assert.Equal(6, snapshot.Clients["a"].Revision);
        Assert.Equal(6, snapshot.Authorship.Sum(r => r.Length));

        var restored = new DocumentEngine(snapshot, limits);
        Assert.Equal(new SubmitOutcome.AlreadyApplied(6), Resubmit(restored, Ana, "a", 6));
        Assert.Equal(new SubmitOutcome.Refused(Refusal.ClientTaken), Submit(restored, Ana, "b", 9, 6, "!"));
        Assert.Equal(7, Apply(restored, Ana, "a", 7, "7", retain: 6));
        Assert.Equal(engine.Text, restored.Text);
        Assert.Equal(engine.Authorship, restored.Authorship);
    }

    [Fact]
    public void A_mark_without_an_owner_is_bound_once_and_then_keeps_its_owner()
    {
        var snapshot = EngineSnapshot.Empty with
        {
            Text = "Hi",
            Revision = 1,
            ChunkStartText = string.Empty,
            Clients = new Dictionary<string, ClientRecord> { ["a"] = new(1, 1, At, Guid.Empty) },
            Authorship = [new AuthorSpan(2, Ana)],
        };
        var engine = new DocumentEngine(snapshot);

        engine.BindOwner("a", Ana);
        engine.BindOwner("a", Bruno);

        Assert.Equal(Ana, engine.Client("a")!.Owner);
        Assert.Equal(new SubmitOutcome.Refused(Refusal.ClientTaken), Submit(engine, Bruno, "a", 2, 1, "!", retain: 2));
    }

    [Fact]
    public void A_position_is_carried_from_an_older_revision_to_now()
    {
        var engine = new DocumentEngine(EngineSnapshot.Empty);
        Apply(engine, Ana, "a", 1, "world");
        Apply(engine, Ana, "a", 2, "hello ");

        Assert.Equal(11, engine.MapIndex(1, 5));
        Assert.Equal(6, engine.MapIndex(1, 0));
        Assert.Equal(11, engine.MapIndex(0, 99));
        Assert.Null(engine.MapIndex(3, 0));
    }

    [Fact]
    public void A_person_keeps_at_most_their_share_of_client_ids()
    {
        var engine = new DocumentEngine(EngineSnapshot.Empty, new EngineLimits { RememberedClientsPerPerson = 2 });
        Apply(engine, Bruno, "b", 1, "b");
        for (var i = 0; i < 5; i++)
        {
            engine.Apply(TextOperation.Builder().Retain(engine.Length).Insert("a").Build(), $"a{i}", 1, Ana, At.AddSeconds(i));
        }

        Assert.Equal(["a3", "a4", "b"], engine.Clients.Select(c => c.Key).Order());
    }

    private static int Apply(DocumentEngine engine, Guid author, string clientId, long sequence, string text, int retain = 0) =>
        Assert.IsType<SubmitOutcome.Applied>(Submit(engine, author, clientId, sequence, engine.Revision, text, retain, engine.Length - retain)).Edit.Revision;

    private static SubmitOutcome Resubmit(DocumentEngine engine, Guid author, string clientId, long sequence) =>
        engine.Submit(Edit(author, clientId, sequence, 0, "ignored"), [], At);

    private static SubmitOutcome Submit(DocumentEngine engine, Guid author, string clientId, long sequence, int baseRevision, string text, int retain = 0, int after = 0) =>
        engine.Submit(Edit(author, clientId, sequence, baseRevision, text, retain, after), [], At);

    private static EditSubmission Edit(Guid author, string clientId, long sequence, int baseRevision, string text, int retain = 0, int after = 0) =>
        new(baseRevision, TextOperation.Builder().Retain(retain).Insert(text).Retain(after).Build(), clientId, sequence, author);
}

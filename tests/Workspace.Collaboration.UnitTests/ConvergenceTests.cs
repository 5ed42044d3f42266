namespace Workspace.Collaboration.UnitTests;

/// <summary>
/// 2–8 editors typing concurrently through one server — the production <see cref="DocumentEngine"/> —
/// with messages delivered late and in random interleavings, and some submissions delivered twice
/// (a resubmission after a reconnect): every editor ends with the server's text, and the server
/// applied each submitted edit exactly once.
/// </summary>
public sealed class ConvergenceTests
{
    public static TheoryData<int, int> Cases()
    {
        var cases = new TheoryData<int, int>();
        for (var seed = 1; seed <= 40; seed++)
        {
            cases.Add(seed, 2 + (seed % 7));
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Editors_and_server_converge(int seed, int editors)
    {
        var edits = new RandomEdits(seed);
        var server = Server("Recomendación 1: 😀 proteger a denunciantes.", new EngineLimits { ChunkSize = 16, KeepOperations = 1_024 });
        var clients = Enumerable.Range(0, editors).Select(i => new Editor(server.Text, server.Revision, $"client-{i}")).ToArray();
        var submitted = 0;

        for (var step = 0; step < 300; step++)
        {
            var editor = clients[edits.Random.Next(editors)];
            switch (edits.Random.Next(3))
            {
                case 0:
                    // Type: a local edit, sent now or buffered behind the one in flight.
                    var op = edits.Operation(editor.Text);
                    editor.Text = op.Apply(editor.Text);
                    if (editor.Client.ApplyLocal(op) is { } send)
                    {
                        editor.ToServer.Enqueue((editor.Client.Revision, send, ++editor.Sequence));
                    }

                    break;
                case 1:
                    // The server receives this editor's oldest submission and broadcasts it.
                    if (editor.ToServer.TryDequeue(out var submission))
                    {
                        var applied = Receive(server, editor, submission);
                        submitted++;

                        // Delivered twice, as after a reconnection: acknowledged with its own revision, not applied again.
                        if (edits.Random.Next(4) == 0)
                        {
                            var again = server.Submit(new EditSubmission(submission.Revision, submission.Operation, editor.ClientId, submission.Sequence, editor.Author), [], At);
                            Assert.Equal(new SubmitOutcome.AlreadyApplied(applied.Revision), again);
                        }

                        foreach (var other in clients)
                        {
                            other.FromServer.Enqueue(other == editor ? null : applied.Operation);
                        }
                    }

                    break;
                default:
                    Deliver(editor);
                    break;
            }
        }

        // Drain: everything in flight reaches its destination.
        while (clients.Any(c => c.ToServer.Count > 0 || c.FromServer.Count > 0 || !c.Client.IsSynchronized))
        {
            foreach (var editor in clients)
            {
                while (editor.ToServer.TryDequeue(out var submission))
                {
                    var applied = Receive(server, editor, submission);
                    submitted++;
                    foreach (var other in clients)
                    {
                        other.FromServer.Enqueue(other == editor ? null : applied.Operation);
                    }
                }

                while (editor.FromServer.Count > 0)
                {
                    Deliver(editor);
                }
            }
        }

        Assert.All(clients, c => Assert.Equal(server.Text, c.Text));
        Assert.Equal(submitted, server.Revision);
        Assert.All(clients, c => Assert.Equal(server.Revision, c.Client.Revision));
        Assert.Equal(server.Text.Length, server.Authorship.Sum(r => r.Length));
    }

    [Fact]
    public void A_submission_from_the_future_or_too_far_back_is_refused_and_changes_nothing()
    {
        var server = Server("abc", new EngineLimits { ChunkSize = 1, KeepOperations = 2 });
        for (var i = 0; i < 3; i++)
        {
            Applied(server.Submit(new EditSubmission(server.Revision, TextOperation.Builder().Retain(server.Length).Insert("!").Build(), "a", i + 1, Author), [], At));
        }

        var op = TextOperation.Builder().Retain(3).Insert("?").Build();

        Assert.Equal(new SubmitOutcome.Refused(Refusal.FutureBase), server.Submit(new EditSubmission(4, op, "b", 1, Author), [], At));
        Assert.Equal(new SubmitOutcome.Refused(Refusal.StaleBase), server.Submit(new EditSubmission(0, op, "b", 1, Author), [], At));
        Assert.Equal(("abc!!!", 3), (server.Text, server.Revision));

        // Based on "abc!", inserting at its end: it lands before the two "!" appended since (ties go to the submission).
        Applied(server.Submit(new EditSubmission(1, TextOperation.Builder().Retain(4).Insert("?").Build(), "b", 1, Author), [], At));
        Assert.Equal(("abc!?!!", 4), (server.Text, server.Revision));
    }

    [Fact]
    public void A_document_over_the_limit_is_refused_and_unchanged()
    {
        var server = Server("12345", new EngineLimits { MaxLength = 7 });

        Assert.Equal(
            new SubmitOutcome.Refused(Refusal.TooLong),
            server.Submit(new EditSubmission(0, TextOperation.Builder().Retain(5).Insert("678").Build(), "a", 1, Author), [], At));
        Assert.Equal(("12345", 0), (server.Text, server.Revision));
    }

    private static readonly Guid Author = Guid.NewGuid();

    private static readonly DateTimeOffset At = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static DocumentEngine Server(string text, EngineLimits limits) =>
        new(EngineSnapshot.Empty with { Text = text, ChunkStartText = text, Authorship = text.Length > 0 ? [new AuthorSpan(text.Length, Guid.Empty)] : [] }, limits);

    private static AppliedEdit Applied(SubmitOutcome outcome) =>
        Assert.IsType<SubmitOutcome.Applied>(outcome).Edit;

    private static AppliedEdit Receive(DocumentEngine server, Editor editor, (int Revision, TextOperation Operation, long Sequence) submission) =>
        Applied(server.Submit(new EditSubmission(submission.Revision, submission.Operation, editor.ClientId, submission.Sequence, editor.Author), [], At));

    private static void Deliver(Editor editor)
    {
        if (!editor.FromServer.TryDequeue(out var message))
        {
            return;
        }

        if (message is null)
        {
            if (editor.Client.Acknowledge() is { } next)
            {
                editor.ToServer.Enqueue((editor.Client.Revision, next, ++editor.Sequence));
            }
        }
        else
        {
            editor.Text = editor.Client.ApplyRemote(message).Apply(editor.Text);
        }
    }

    private sealed class Editor(string text, int revision, string clientId)
    {
        public string Text { get; set; } = text;

        public string ClientId { get; } = clientId;

        public Guid Author { get; } = Guid.NewGuid();

        public long Sequence { get; set; }

        public CollaborationClient Client { get; } = new(revision);

        public Queue<(int Revision, TextOperation Operation, long Sequence)> ToServer { get; } = new();

        /// <summary>null is this editor's own acknowledgement; anything else an operation to apply.</summary>
        public Queue<TextOperation?> FromServer { get; } = new();
    }
}

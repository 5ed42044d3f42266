namespace Workspace.Collaboration.UnitTests;

/// <summary>
/// 2–8 editors typing concurrently through one server, with messages delivered late and in
/// random interleavings: every editor ends with the server's text, and the server applied
/// each submitted edit exactly once.
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
        var server = new DocumentHistory("Recomendación 1: 😀 proteger a denunciantes.");
        var clients = Enumerable.Range(0, editors).Select(_ => new Editor(server.Text, server.Revision)).ToArray();
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
                        editor.ToServer.Enqueue((editor.Client.Revision, send));
                    }

                    break;
                case 1:
                    // The server receives this editor's oldest submission and broadcasts it.
                    if (editor.ToServer.TryDequeue(out var submission))
                    {
                        var applied = server.Receive(submission.Revision, submission.Operation);
                        submitted++;
                        foreach (var other in clients)
                        {
                            other.FromServer.Enqueue(other == editor ? null : applied);
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
                    var applied = server.Receive(submission.Revision, submission.Operation);
                    submitted++;
                    foreach (var other in clients)
                    {
                        other.FromServer.Enqueue(other == editor ? null : applied);
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
    }

    [Fact]
    public void A_submission_from_the_future_or_too_far_back_is_refused_and_changes_nothing()
    {
        var server = new DocumentHistory("abc", keep: 2);
        for (var i = 0; i < 3; i++)
        {
            server.Receive(server.Revision, TextOperation.Builder().Retain(server.Text.Length).Insert("!").Build());
        }

        var op = TextOperation.Builder().Retain(3).Insert("?").Build();

        Assert.Throws<OperationException>(() => server.Receive(4, op));
        Assert.Throws<OperationException>(() => server.Receive(0, op));
        Assert.Equal(("abc!!!", 3), (server.Text, server.Revision));

        // Based on "abc!", inserting at its end: it lands before the two "!" appended since (ties go to the submission).
        server.Receive(1, TextOperation.Builder().Retain(4).Insert("?").Build());
        Assert.Equal(("abc!?!!", 4), (server.Text, server.Revision));
    }

    [Fact]
    public void A_document_over_the_limit_is_refused_and_unchanged()
    {
        var server = new DocumentHistory("12345");

        Assert.Throws<OperationException>(() => server.Receive(0, TextOperation.Builder().Retain(5).Insert("678").Build(), maxLength: 7));
        Assert.Equal(("12345", 0), (server.Text, server.Revision));
    }

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
                editor.ToServer.Enqueue((editor.Client.Revision, next));
            }
        }
        else
        {
            editor.Text = editor.Client.ApplyRemote(message).Apply(editor.Text);
        }
    }

    private sealed class Editor(string text, int revision)
    {
        public string Text { get; set; } = text;

        public CollaborationClient Client { get; } = new(revision);

        public Queue<(int Revision, TextOperation Operation)> ToServer { get; } = new();

        /// <summary>null is this editor's own acknowledgement; anything else an operation to apply.</summary>
        public Queue<TextOperation?> FromServer { get; } = new();
    }
}

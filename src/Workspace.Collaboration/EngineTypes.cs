namespace Workspace.Collaboration;

/// <summary>An operation as the engine applied it, with the revision it produced.</summary>
public sealed record AppliedEdit(int Revision, TextOperation Operation, string ClientId, long Sequence, Guid AuthorId, DateTimeOffset At);

/// <summary>One edit as a client sends it: made against <see cref="BaseRevision"/>, identified by (author, clientId, sequence).</summary>
public sealed record EditSubmission(int BaseRevision, TextOperation Operation, string ClientId, long Sequence, Guid AuthorId);

/// <summary>
/// The last edit a client had applied, and whose clientId it is (<see cref="Guid.Empty"/>: a mark
/// stored before clientIds had owners, bound on first use).
/// </summary>
public sealed record ClientRecord(long Sequence, int Revision, DateTimeOffset At, Guid Owner);

/// <summary>A completed chunk of history: the text before <see cref="Operations"/> and the operations themselves.</summary>
public sealed record CompletedChunk(int StartRevision, string StartText, IReadOnlyList<AppliedEdit> Operations);

/// <summary>
/// Everything an engine is made of, as stored: the text at <see cref="Revision"/>, the operations
/// of the tail (oldest first, ending at <see cref="Revision"/>; a snapshot taken for storage holds
/// those of the current history chunk, an engine keeps whatever it is given), the text at the start
/// of the current history chunk, the clients' marks and who wrote what. A copy: it never points into a live engine.
/// </summary>
public sealed record EngineSnapshot(
    string Text,
    int Revision,
    IReadOnlyList<AppliedEdit> Tail,
    string ChunkStartText,
    IReadOnlyDictionary<string, ClientRecord> Clients,
    IReadOnlyList<AuthorSpan> Authorship)
{
    public static EngineSnapshot Empty { get; } = new(string.Empty, 0, [], string.Empty, new Dictionary<string, ClientRecord>(), []);
}

/// <summary>The limits an engine keeps.</summary>
public sealed record EngineLimits
{
    /// <summary>The longest the text may become, in UTF-16 code units.</summary>
    public int MaxLength { get; init; } = 1_000_000;

    /// <summary>Operations kept in memory after a chunk completes (at least <see cref="ChunkSize"/>).</summary>
    public int KeepOperations { get; init; } = 1_024;

    /// <summary>Operations per history chunk.</summary>
    public int ChunkSize { get; init; } = 256;

    /// <summary>How far behind (in revisions) a submission may be based and still be merged.</summary>
    public int MaxCatchUp { get; init; } = 50_000;

    /// <summary>Client ids remembered in all.</summary>
    public int RememberedClients { get; init; } = 5_000;

    /// <summary>Client ids remembered per person (their oldest goes beyond it).</summary>
    public int RememberedClientsPerPerson { get; init; } = 100;

    /// <summary>
    /// Per client, how many of its latest sequences keep the revision each became, so that a
    /// resubmission of an older one answers its own revision. Beyond them (a client resubmitting
    /// an edit more than this many edits old) the answer is the client's latest revision.
    /// Kept in memory only; rebuilt from the kept operations on activation.
    /// </summary>
    public int RememberedSequencesPerClient { get; init; } = 16;
}

/// <summary>Why the engine refused a submission; nothing changed.</summary>
public enum Refusal
{
    /// <summary>The clientId is empty, too long, or the sequence negative.</summary>
    InvalidClient,

    /// <summary>The clientId belongs to another person or to the server.</summary>
    ClientTaken,

    /// <summary>Based on a revision the document has not reached.</summary>
    FutureBase,

    /// <summary>Based on a revision older than what can be transformed against (the client reopens).</summary>
    StaleBase,

    /// <summary>The operation does not fit the text at its base revision (length, or cuts a character in two).</summary>
    Misfit,

    /// <summary>The text would grow beyond <see cref="EngineLimits.MaxLength"/>.</summary>
    TooLong,
}

/// <summary>What became of a submission.</summary>
public abstract record SubmitOutcome
{
    private SubmitOutcome()
    {
    }

    /// <summary>Applied now, as <see cref="Edit"/>.</summary>
    public sealed record Applied(AppliedEdit Edit) : SubmitOutcome;

    /// <summary>Applied before, as <see cref="Revision"/>: nothing changed.</summary>
    public sealed record AlreadyApplied(int Revision) : SubmitOutcome;

    /// <summary>Refused: nothing changed.</summary>
    public sealed record Refused(Refusal Reason) : SubmitOutcome;
}

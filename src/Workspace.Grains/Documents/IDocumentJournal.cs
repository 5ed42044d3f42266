namespace Workspace.Grains.Documents;

/// <summary>
/// A node-wide write-ahead journal for document operations. A document grain that is edited a few
/// times a second has nothing to batch on its own, so every edit would cost its own commit; the
/// journal gathers the entries of every document on the node into one commit (group commit across
/// documents). A document appends the operations it applied, acknowledges them once
/// <see cref="Append"/> completes, and writes its full state only at history-chunk boundaries
/// (or when its summary changes); on activation it replays the entries newer than that state.
/// </summary>
public interface IDocumentJournal
{
    /// <summary>False when there is no journal: the document then writes its whole state on every commit.</summary>
    bool Enabled { get; }

    /// <summary>Stores the operations with revisions <paramref name="fromRevision"/>..<paramref name="toRevision"/>; completes once durable.</summary>
    Task Append(Guid documentId, int fromRevision, int toRevision, byte[] payload);

    /// <summary>The stored entries whose last revision is after <paramref name="afterRevision"/>, oldest first.</summary>
    Task<IReadOnlyList<JournalEntry>> Read(Guid documentId, int afterRevision, CancellationToken cancellationToken);

    /// <summary>Drops the entries up to <paramref name="throughRevision"/>, now covered by the stored state (in the next commit).</summary>
    void Forget(Guid documentId, int throughRevision);
}

/// <summary>One journal entry: the serialised operations with revisions From..To.</summary>
public sealed record JournalEntry(int FromRevision, int ToRevision, byte[] Payload);

/// <summary>No journal: every commit of a document writes its whole state.</summary>
public sealed class NoDocumentJournal : IDocumentJournal
{
    public static NoDocumentJournal Instance { get; } = new();

    public bool Enabled => false;

    public Task Append(Guid documentId, int fromRevision, int toRevision, byte[] payload) =>
        throw new InvalidOperationException("There is no document journal.");

    public Task<IReadOnlyList<JournalEntry>> Read(Guid documentId, int afterRevision, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JournalEntry>>([]);

    public void Forget(Guid documentId, int throughRevision)
    {
    }
}

using Workspace.Collaboration;
using Workspace.Contracts.Documents;

namespace Workspace.Grains.Documents;

/// <summary>
/// Stored state of one document: the current text, the operations since the last history chunk
/// (at most one chunk's worth), the text at the start of that chunk, and the last sequence of each client.
/// Older operations live in history chunks, so activation never replays the document's life.
/// Plain data: the grain copies the engine into it when it writes (<see cref="Store"/>), and builds
/// its engine from it when it activates (<see cref="ToSnapshot"/>).
/// </summary>
[GenerateSerializer, Alias("Workspace.DocumentState")]
public sealed class DocumentState
{
    [Id(0)] public DocumentSummary? Summary { get; set; }

    /// <summary>The text at <see cref="Revision"/>: a copy written when the state is stored (<see cref="Store"/>), never the live text.</summary>
    [Id(1)] public string Text { get; set; } = string.Empty;

    [Id(2)] public int Revision { get; set; }
    [Id(3)] public List<AppliedOperation> Recent { get; set; } = [];
    [Id(4)] public Dictionary<string, ClientMark> Clients { get; set; } = [];
    [Id(5)] public List<AuthorRun> Authorship { get; set; } = [];
    [Id(6)] public string ChunkStartText { get; set; } = string.Empty;
    [Id(7)] public bool Deleted { get; set; }

    /// <summary>
    /// The revision at which the document last became visible to observers: an observer never receives
    /// an operation at or below it (those were applied while it was members-only, or before this was
    /// kept). Null: never recorded — members-only, or stored before it was kept (activation then takes
    /// the current revision).
    /// </summary>
    [Id(8)] public int? ObserversSince { get; set; }

    /// <summary>The engine this state describes (state written by any earlier version included: same fields, same meanings).</summary>
    public EngineSnapshot ToSnapshot() => new(
        Text,
        Revision,
        Recent.Select(o => o.ToEdit()).ToList(),
        ChunkStartText,
        Clients.ToDictionary(c => c.Key, c => new ClientRecord(c.Value.Sequence, c.Value.Revision, c.Value.At, c.Value.Owner), StringComparer.Ordinal),
        Authorship.Select(r => new AuthorSpan(r.Length, r.AuthorId)).ToList());

    /// <summary>Takes a copy of the engine's stored part (summary, deletion and the observers' boundary stay as they are).</summary>
    public void Store(EngineSnapshot snapshot)
    {
        Text = snapshot.Text;
        Revision = snapshot.Revision;
        Recent = snapshot.Tail.Select(EditConversions.ToContract).ToList();
        ChunkStartText = snapshot.ChunkStartText;
        Clients = snapshot.Clients.ToDictionary(c => c.Key, c => new ClientMark(c.Value.Sequence, c.Value.Revision, c.Value.At, c.Value.Owner), StringComparer.Ordinal);
        Authorship = snapshot.Authorship.Select(r => new AuthorRun(r.Length, r.AuthorId)).ToList();
    }
}

/// <summary>
/// The last operation a client had applied: resubmitting it (or anything older) is acknowledged, not applied.
/// <see cref="Owner"/> is the person the clientId is bound to (empty in marks stored before clientIds had owners).
/// </summary>
[GenerateSerializer, Alias("Workspace.ClientMark")]
public sealed record ClientMark(
    [property: Id(0)] long Sequence,
    [property: Id(1)] int Revision,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] Guid Owner = default);

/// <summary>A stored chunk of history.</summary>
[GenerateSerializer, Alias("Workspace.HistoryState")]
public sealed class HistoryState
{
    [Id(0)] public HistoryChunk? Chunk { get; set; }
}

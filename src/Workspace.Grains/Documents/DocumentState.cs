using Workspace.Collaboration;
using Workspace.Contracts.Documents;

namespace Workspace.Grains.Documents;

/// <summary>
/// Stored state of one document: the current text, the operations since the last history chunk
/// (at most one chunk's worth), the text at the start of that chunk, and the last sequence of each client.
/// Older operations live in history chunks, so activation never replays the document's life.
/// </summary>
[GenerateSerializer, Alias("Workspace.DocumentState")]
public sealed class DocumentState
{
    [Id(0)] public DocumentSummary? Summary { get; set; }
    [NonSerialized] private string _text = string.Empty;
    [NonSerialized] private TextBuffer? _live;

    /// <summary>
    /// The text at <see cref="Revision"/>. While a document is active it is read from the live
    /// buffer the grain edits in place (<see cref="Attach"/>), so whatever reads the state — a write
    /// that serialises it after an await, a migration to another node — sees the text of the same
    /// revision as everything else. Setting it detaches the live buffer.
    /// </summary>
    [Id(1)]
    public string Text
    {
        get => _live?.ToString() ?? _text;
        set
        {
            _text = value;
            _live = null;
        }
    }

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

    /// <summary>From now on <see cref="Text"/> is the live buffer's (which starts from the stored text).</summary>
    public void Attach(TextBuffer live) => _live = live;
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

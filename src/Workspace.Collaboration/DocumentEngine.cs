namespace Workspace.Collaboration;

/// <summary>
/// The authority over one document's text, as ot.js's server: the text and its revision, a
/// bounded tail of recent operations that late submissions are transformed against, the clients'
/// marks that make resubmission idempotent, and who wrote what. Pure: no storage, no clock (time
/// is passed in), no concurrency — one caller at a time. What the caller must store or publish
/// comes out as values (<see cref="AppliedEdit"/>, <see cref="CompletedChunk"/>, <see cref="Snapshot"/>).
/// </summary>
public sealed class DocumentEngine
{
    private readonly EngineLimits _limits;
    private readonly TextBuffer _text;
    private readonly List<AppliedEdit> _tail;
    private readonly Dictionary<string, ClientEntry> _clients = new(StringComparer.Ordinal);
    private readonly List<AuthorSpan> _authorship;
    private readonly List<CompletedChunk> _completed = [];

    public DocumentEngine(EngineSnapshot snapshot, EngineLimits? limits = null)
    {
        _limits = limits ?? new EngineLimits();
        ArgumentOutOfRangeException.ThrowIfNegative(snapshot.Revision);
        ArgumentOutOfRangeException.ThrowIfLessThan(_limits.ChunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_limits.KeepOperations, _limits.ChunkSize);
        _text = new TextBuffer(snapshot.Text);
        Revision = snapshot.Revision;
        _tail = [.. snapshot.Tail];
        ChunkStartText = snapshot.ChunkStartText;
        _authorship = [.. snapshot.Authorship];
        foreach (var (clientId, mark) in snapshot.Clients)
        {
            _clients[clientId] = new ClientEntry(mark);
        }

        foreach (var applied in _tail)
        {
            if (_clients.TryGetValue(applied.ClientId, out var entry) && applied.Sequence <= entry.Mark.Sequence)
            {
                entry.Remember(applied.Sequence, applied.Revision, _limits.RememberedSequencesPerClient);
            }
        }
    }

    /// <summary>How many operations have been applied since the document began.</summary>
    public int Revision { get; private set; }

    /// <summary>The text's length now, in UTF-16 code units.</summary>
    public int Length => _text.Length;

    /// <summary>The text now (cached until the next change).</summary>
    public string Text => _text.ToString();

    /// <summary>The oldest revision the kept operations reach back to: a base at or above it needs no history.</summary>
    public int OldestKept => Revision - _tail.Count;

    /// <summary>The revision at which the current history chunk began.</summary>
    public int ChunkStart => Revision / _limits.ChunkSize * _limits.ChunkSize;

    /// <summary>The text at <see cref="ChunkStart"/>.</summary>
    public string ChunkStartText { get; private set; }

    /// <summary>Who wrote which text, as runs covering it from the start.</summary>
    public IReadOnlyList<AuthorSpan> Authorship => _authorship;

    /// <summary>The clients' marks, by clientId.</summary>
    public IEnumerable<KeyValuePair<string, ClientRecord>> Clients => _clients.Select(c => KeyValuePair.Create(c.Key, c.Value.Mark));

    /// <summary>Client ids the server gives its own operations; no live client may submit with them.</summary>
    public static bool IsServerClientId(string clientId) =>
        clientId is "restore" or "seed" || clientId.StartsWith("amendment-", StringComparison.Ordinal);

    /// <summary>The mark of <paramref name="clientId"/>, if it is remembered.</summary>
    public ClientRecord? Client(string clientId) => _clients.TryGetValue(clientId, out var entry) ? entry.Mark : null;

    /// <summary>Binds a mark stored before clientIds had owners to <paramref name="owner"/> (unless it has one by now).</summary>
    public void BindOwner(string clientId, Guid owner)
    {
        if (_clients.TryGetValue(clientId, out var entry) && entry.Mark.Owner == Guid.Empty)
        {
            entry.Mark = entry.Mark with { Owner = owner };
        }
    }

    /// <summary>The kept operations after <paramref name="baseRevision"/>, oldest first; null when some of them are no longer kept.</summary>
    public IReadOnlyList<AppliedEdit>? Since(int baseRevision) =>
        baseRevision < OldestKept || baseRevision > Revision ? null : _tail.GetRange(baseRevision - OldestKept, Revision - baseRevision);

    /// <summary>
    /// The operations after <paramref name="baseRevision"/> up to now: <paramref name="gathered"/>
    /// (read from history, starting right after the base) completed from the kept ones; null when there is a gap between them.
    /// </summary>
    public IReadOnlyList<AppliedEdit>? UpToNow(int baseRevision, IReadOnlyList<AppliedEdit> gathered)
    {
        var next = baseRevision + gathered.Count;
        if (next < OldestKept)
        {
            return null;
        }

        if (next >= Revision)
        {
            return gathered;
        }

        var result = new List<AppliedEdit>(Revision - baseRevision);
        result.AddRange(gathered);
        result.AddRange(_tail.GetRange(next - OldestKept, Revision - next));
        return result;
    }

    /// <summary>A position in the text at <paramref name="revision"/> carried to now; null when that revision is no longer kept.</summary>
    public int? MapIndex(int revision, int index)
    {
        if (Since(revision) is not { } since)
        {
            return null;
        }

        foreach (var applied in since)
        {
            index = applied.Operation.TransformIndex(Math.Clamp(index, 0, applied.Operation.BaseLength));
        }

        return Math.Clamp(index, 0, Length);
    }

    /// <summary>
    /// The revision an already applied (clientId, sequence) became: its own while it is remembered
    /// (the client's last few sequences, or any still in the kept operations), otherwise the
    /// client's latest; null when it is new.
    /// </summary>
    public int? Acknowledged(string clientId, long sequence)
    {
        if (!_clients.TryGetValue(clientId, out var entry) || sequence > entry.Mark.Sequence)
        {
            return null;
        }

        if (entry.RevisionOf(sequence) is { } remembered)
        {
            return remembered;
        }

        for (var i = _tail.Count - 1; i >= 0; i--)
        {
            if (_tail[i].Sequence == sequence && _tail[i].ClientId == clientId)
            {
                return _tail[i].Revision;
            }
        }

        return entry.Mark.Revision;
    }

    /// <summary>
    /// Transforms a client's submission past everything applied since its base and applies it.
    /// <paramref name="history"/> holds the operations after the base that are no longer kept
    /// (read from history chunks by the caller), oldest first; empty when the base is kept.
    /// </summary>
    public SubmitOutcome Submit(EditSubmission submission, IReadOnlyList<AppliedEdit> history, DateTimeOffset at)
    {
        if (string.IsNullOrEmpty(submission.ClientId) || submission.ClientId.Length > 64 || submission.Sequence < 0)
        {
            return new SubmitOutcome.Refused(Refusal.InvalidClient);
        }

        if (IsServerClientId(submission.ClientId)
            || (_clients.TryGetValue(submission.ClientId, out var entry) && entry.Mark.Owner != Guid.Empty && entry.Mark.Owner != submission.AuthorId))
        {
            return new SubmitOutcome.Refused(Refusal.ClientTaken);
        }

        if (Acknowledged(submission.ClientId, submission.Sequence) is { } earlier)
        {
            return new SubmitOutcome.AlreadyApplied(earlier);
        }

        if (submission.BaseRevision > Revision)
        {
            return new SubmitOutcome.Refused(Refusal.FutureBase);
        }

        if (submission.BaseRevision < 0 || Revision - submission.BaseRevision > _limits.MaxCatchUp
            || UpToNow(submission.BaseRevision, history) is not { } concurrent)
        {
            return new SubmitOutcome.Refused(Refusal.StaleBase);
        }

        var operation = submission.Operation;
        try
        {
            foreach (var applied in concurrent)
            {
                operation = TextOperation.Transform(operation, applied.Operation).APrime;
            }
        }
        catch (OperationException)
        {
            return new SubmitOutcome.Refused(Refusal.Misfit);
        }

        return Apply(operation, submission.ClientId, submission.Sequence, submission.AuthorId, at);
    }

    /// <summary>
    /// Applies an operation that is already based on the current text (the server's own edits:
    /// a restore, an amendment, a seed). A restore's clientId leaves no mark.
    /// </summary>
    public SubmitOutcome Apply(TextOperation operation, string clientId, long sequence, Guid author, DateTimeOffset at)
    {
        if (operation.BaseLength != _text.Length)
        {
            return new SubmitOutcome.Refused(Refusal.Misfit);
        }

        if (operation.TargetLength > _limits.MaxLength && operation.TargetLength > operation.BaseLength)
        {
            return new SubmitOutcome.Refused(Refusal.TooLong);
        }

        try
        {
            _text.Apply(operation);
        }
        catch (OperationException)
        {
            return new SubmitOutcome.Refused(Refusal.Misfit);
        }

        var edit = new AppliedEdit(Revision + 1, operation, clientId, sequence, author, at);
        Record(edit);
        return new SubmitOutcome.Applied(edit);
    }

    /// <summary>Applies an operation read back from a journal; it must be the next revision and fit.</summary>
    public void Replay(AppliedEdit applied)
    {
        if (applied.Revision != Revision + 1)
        {
            throw new InvalidOperationException($"Revision {applied.Revision} does not follow {Revision}.");
        }

        _text.Apply(applied.Operation);
        Record(applied);
    }

    /// <summary>The history chunks completed since the last call, to be stored.</summary>
    public IReadOnlyList<CompletedChunk> TakeCompletedChunks()
    {
        if (_completed.Count == 0)
        {
            return [];
        }

        var chunks = _completed.ToArray();
        _completed.Clear();
        return chunks;
    }

    /// <summary>
    /// A copy of what is stored: the text, the operations of the current chunk, its start text,
    /// the marks (pruned to <see cref="EngineLimits.RememberedClients"/>) and the authorship.
    /// </summary>
    public EngineSnapshot Snapshot()
    {
        PruneClients();
        var chunkStart = ChunkStart;
        return new EngineSnapshot(
            Text,
            Revision,
            _tail.Where(o => o.Revision > chunkStart).ToList(),
            ChunkStartText,
            _clients.ToDictionary(c => c.Key, c => c.Value.Mark, StringComparer.Ordinal),
            _authorship.ToList());
    }

    private void Record(AppliedEdit applied)
    {
        Revision = applied.Revision;
        _tail.Add(applied);
        Collaboration.Authorship.ApplyInPlace(_authorship, applied.Operation, applied.AuthorId);
        if (applied.ClientId != "restore")
        {
            Mark(applied);
        }

        if (Revision % _limits.ChunkSize == 0)
        {
            // A chunk is complete: its operations and the text before them go to history; the tail keeps what late edits need.
            var operations = _tail.GetRange(_tail.Count - Math.Min(_limits.ChunkSize, _tail.Count), Math.Min(_limits.ChunkSize, _tail.Count)).ToArray();
            _completed.Add(new CompletedChunk(Revision - _limits.ChunkSize, ChunkStartText, operations));
            ChunkStartText = Text;
            if (_tail.Count > _limits.KeepOperations)
            {
                _tail.RemoveRange(0, _tail.Count - _limits.KeepOperations);
            }
        }
    }

    /// <summary>Remembers the client's latest applied operation, bound to its author; a person's oldest clientId goes beyond their share.</summary>
    private void Mark(AppliedEdit applied)
    {
        var mark = new ClientRecord(applied.Sequence, applied.Revision, applied.At, applied.AuthorId);
        if (_clients.TryGetValue(applied.ClientId, out var entry))
        {
            entry.Mark = mark;
        }
        else
        {
            entry = _clients[applied.ClientId] = new ClientEntry(mark);
            if (applied.AuthorId != Guid.Empty)
            {
                var own = _clients.Where(c => c.Value.Mark.Owner == applied.AuthorId).ToList();
                foreach (var (clientId, _) in own.OrderBy(c => c.Value.Mark.At).Take(own.Count - _limits.RememberedClientsPerPerson))
                {
                    _clients.Remove(clientId);
                }
            }
        }

        entry.Remember(applied.Sequence, applied.Revision, _limits.RememberedSequencesPerClient);
    }

    private void PruneClients()
    {
        var excess = _clients.Count - _limits.RememberedClients;
        if (excess <= 0)
        {
            return;
        }

        foreach (var key in _clients.OrderBy(c => c.Value.Mark.At).Take(excess).Select(c => c.Key).ToArray())
        {
            _clients.Remove(key);
        }
    }

    /// <summary>A client's mark and the revisions its latest few sequences became (a small ring).</summary>
    private sealed class ClientEntry(ClientRecord mark)
    {
        private (long Sequence, int Revision)[]? _recent;
        private int _next;

        public ClientRecord Mark { get; set; } = mark;

        public void Remember(long sequence, int revision, int bound)
        {
            if (bound < 1)
            {
                return;
            }

            _recent ??= new (long, int)[bound];
            _recent[_next] = (sequence, revision);
            _next = (_next + 1) % _recent.Length;
        }

        public int? RevisionOf(long sequence)
        {
            if (sequence == Mark.Sequence)
            {
                return Mark.Revision;
            }

            foreach (var (remembered, revision) in _recent ?? [])
            {
                if (remembered == sequence && revision > 0)
                {
                    return revision;
                }
            }

            return null;
        }
    }
}

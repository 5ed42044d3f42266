using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Serialization;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;

namespace Workspace.Grains.Documents;

/// <summary>
/// The single authority for one document. Reentrant so that edits keep being applied while a
/// write is in flight: that write's successor carries everything applied meanwhile (group
/// commit), and each edit is acknowledged only once the write carrying it has completed.
/// Sessions and presence are ephemeral: they live here, in memory, never in storage.
/// Placed on the node of whoever opens it first: that node's editors reach it without a hop,
/// and after a node dies it comes back on the node of the first editor to return.
/// </summary>
[Reentrant]
[PreferLocalPlacement]
public sealed partial class DocumentGrain(
    [PersistentState("document", StorageNames.Default)] IPersistentState<DocumentState> state,
    IOptions<DocumentOptions> options,
    TimeProvider clock,
    Serializer serializer,
    ILogger<DocumentGrain> logger,
    IDocumentJournal? journal = null,
    Telemetry.WorkspaceMetrics? metrics = null,
    IClusterMembershipService? membership = null) : Grain, IDocumentGrain
{
    private readonly IDocumentJournal _journal = journal ?? NoDocumentJournal.Instance;
    private readonly DocumentOptions _options = options.Value;
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeSubscription> _nodes = new(StringComparer.Ordinal);
    private readonly Outbox _outbox = new();

    // Operations before the current chunk, kept in memory only (they are stored in history chunks):
    // the stored state carries just the operations since the last chunk boundary.
    private readonly List<AppliedOperation> _older = [];

    // Group commit: operations applied since the last write began, and the write that will carry them.
    private readonly List<AppliedOperation> _unwritten = [];
    private readonly List<HistoryChunk> _chunksToStore = [];
    private TaskCompletionSource? _nextWrite;
    private (int Revision, Task Task) _inflight = (0, Task.CompletedTask);
    private bool _writerRunning;
    private int _durableRevision;
    private bool _broken;
    private bool _counted;

    // Something besides operations changed (summary, deletion, replay): the next write stores the whole state.
    private bool _stateChanged;
    private long _lastFlush;
    private long _flushDue = long.MaxValue;

    // The live text, edited in place (the state reads its text from it, see DocumentState.Text):
    // applying an operation costs what it touches, not the document's length.
    private TextBuffer _text = new();

    private DocumentState S => state.State;

    private string Text => _text.ToString();

    private Guid DocumentId => this.GetPrimaryKey();

    private int OldestRecent => S.Revision - _older.Count - S.Recent.Count;

    private int ChunkStart => S.Revision / _options.ChunkSize * _options.ChunkSize;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // State written before the stored tail was trimmed to the current chunk may carry older operations.
        _text = new TextBuffer(S.Text);
        S.Attach(_text);
        var chunkStart = ChunkStart;
        _older.AddRange(S.Recent.Where(o => o.Revision <= chunkStart));
        S.Recent.RemoveAll(o => o.Revision <= chunkStart);

        if (S.Summary is not null && !S.Deleted && await Replay(cancellationToken))
        {
            // Fold what the journal held into the stored state, so the journal stays short.
            _stateChanged = true;
            await Durable();
        }

        KeepObserversBoundary();
        _durableRevision = S.Revision;
        // Frequent enough to notice a dead node within seconds; cheap (a look at memory).
        var sweep = TimeSpan.FromTicks(Math.Min((_options.NodeExpiry / 3).Ticks, TimeSpan.FromSeconds(3).Ticks));
        this.RegisterGrainTimer(_ => SweepNodes(), new GrainTimerCreationOptions(sweep, sweep) { Interleave = true, KeepAlive = false });
        metrics?.DocumentActivated();
        _counted = true;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_counted)
        {
            metrics?.DocumentDeactivated();
        }

        return Task.CompletedTask;
    }

    /// <summary>Applies the journal's operations newer than the stored state; true if there were any.</summary>
    private async Task<bool> Replay(CancellationToken cancellationToken)
    {
        var entries = await _journal.Read(DocumentId, S.Revision, cancellationToken);
        var replayed = false;
        foreach (var entry in entries)
        {
            foreach (var applied in serializer.Deserialize<AppliedOperation[]>(entry.Payload) ?? [])
            {
                if (applied.Revision <= S.Revision)
                {
                    continue;
                }

                if (applied.Revision != S.Revision + 1)
                {
                    throw new InvalidOperationException(
                        $"Document {DocumentId}: the journal jumps from revision {S.Revision} to {applied.Revision}; refusing to activate on a gap.");
                }

                _text.Apply(applied.Operation);
                Record(applied);
                replayed = true;
            }
        }

        return replayed;
    }

    public async Task Initialise(DocumentSummary summary)
    {
        if (S.Summary is not null || S.Deleted)
        {
            throw WorkspaceException.Conflict(ErrorCodes.GroupAlreadyExists);
        }

        MarkVisibility(null, summary);
        S.Summary = summary;
        await state.WriteStateAsync();
        _durableRevision = S.Revision;
    }

    public async Task SummaryChanged(DocumentSummary? summary)
    {
        _groupChanges++;
        if (S.Summary is null)
        {
            return;
        }

        if (summary is null)
        {
            await Delete();
            return;
        }

        MarkVisibility(S.Summary, summary);
        S.Summary = summary;
        foreach (var session in _sessions.Values.ToArray())
        {
            Recheck(session, session.Participant.Role);
        }

        _outbox.Summary = summary;
        _stateChanged = true;
        await Durable();
        Flush();
    }

    public async Task MemberChanged(Guid userId, GroupRole? role)
    {
        _groupChanges++;
        var sessions = _sessions.Values.Where(s => s.UserId == userId).ToArray();
        if (sessions.Length == 0 || S.Summary is null)
        {
            return;
        }

        foreach (var session in sessions)
        {
            if (role is null)
            {
                // An administrator keeps access without membership; anyone else is out, now.
                var profile = await GrainFactory.GetGrain<Contracts.Accounts.IUserGrain>(userId).GetProfile();
                if (profile is { IsAdmin: true })
                {
                    continue;
                }

                CloseSession(session, ClosedReason.Removed);
            }
            else
            {
                Recheck(session, role.Value);
            }
        }

        Flush();
    }

    public async Task<OpenedDocument> Open(OpenRequest request)
    {
        RequireHealthy();
        var (access, since) = await ReadAccess(request);
        var disclosure = access.Disclosure;

        // From here to the snapshot, nothing interleaves: the reader gets one consistent revision,
        // and every later operation reaches it through its node's subscription.
        var summary = RequireLive();
        if (!summary.Readable(access.Role))
        {
            throw WorkspaceException.NotFound(ErrorCodes.DocumentNotFound); // made members-only while the group answered
        }

        if (since is not null)
        {
            // Visibility may have changed meanwhile: an observer never catches up from behind it.
            since = disclosure.CatchUpFrom(request.SinceRevision!.Value, ObserversFrom) ? UpToNow(request.SinceRevision!.Value, since) : null;
        }

        if (_sessions.Remove(request.ConnectionId, out var previous))
        {
            _outbox.Leave(previous.Participant.SessionId);
        }

        var session = new Session(request.UserId, request.ConnectionId, request.NodeKey, Participant(request.UserId, access))
        {
            CanEdit = summary.Editable(access.Role),
        };
        _sessions[request.ConnectionId] = session;
        if (Subscribe(request.NodeKey, request.Node))
        {
            // First word from this node since activation: any other readers it has are unknown here.
            _ = request.Node.ListReaders();
        }

        _outbox.Presence[session.Participant.SessionId] = session.Participant;
        _outbox.Opened.Add(new AccessUpdate(request.ConnectionId, access.Role, session.CanEdit));
        SchedulePresence();
        var opened = disclosure.Opened(new OpenedDocument(
            summary,
            since is null ? Text : null,
            S.Revision,
            since,
            access.Role,
            session.CanEdit,
            session.Participant.SessionId,
            _sessions.Values.Select(s => s.Participant).ToArray(),
            _options.MaxLength));

        // Nobody is shown text that could still be lost: wait for the write carrying it.
        await DurableThrough(opened.Revision);
        return opened;
    }

    public async Task<int> Submit(Submission submission)
    {
        var receivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        var revision = await Accept(submission);
        metrics?.Acknowledged(receivedAt);
        return revision;
    }

    private async Task<int> Accept(Submission submission)
    {
        // Not open here gives one answer, whether or not the document exists.
        var session = RequireSession(submission.ConnectionId, submission.UserId);
        RequireHealthy();
        RequireEditor(session);
        if (string.IsNullOrEmpty(submission.ClientId) || submission.ClientId.Length > 64 || submission.Sequence < 0)
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.OperationInvalid);
        }

        await BindStoredClient(submission.ClientId, submission.UserId);
        RequireOwnClient(submission);
        if (Acknowledged(submission) is { } earlier)
        {
            await DurableThrough(earlier);
            return earlier;
        }

        if (submission.BaseRevision > S.Revision)
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.RevisionFuture);
        }

        if (submission.BaseRevision < 0 || S.Revision - submission.BaseRevision > _options.MaxCatchUp)
        {
            throw new WorkspaceException(ErrorKind.Conflict, ErrorCodes.RevisionTooOld);
        }

        var concurrent = await OperationsSince(submission.BaseRevision);

        // Everything from here on is synchronous: no other call interleaves until the operation is applied.
        // The checks are repeated because the reader may have been removed while history loaded.
        RequireHealthy();
        RequireEditor(RequireSession(submission.ConnectionId, submission.UserId));
        RequireOwnClient(submission);
        if (Acknowledged(submission) is { } raced)
        {
            await DurableThrough(raced);
            return raced;
        }

        var operation = submission.Operation;
        try
        {
            foreach (var applied in UpToNow(submission.BaseRevision, concurrent))
            {
                operation = TextOperation.Transform(operation, applied.Operation).APrime;
            }
        }
        catch (OperationException)
        {
            // Its length does not fit the text at its base revision: the client's fault, refused like any misfit.
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.OperationInvalid);
        }

        var revision = Apply(operation, submission.UserId, submission.ClientId, submission.Sequence);
        await Durable();
        return revision;
    }

    public Task MovePresence(string connectionId, int revision, int anchor, int head)
    {
        if (!_sessions.TryGetValue(connectionId, out var session))
        {
            throw new WorkspaceException(ErrorKind.Conflict, ErrorCodes.DocumentNotOpen);
        }

        if (revision > S.Revision || revision < OldestRecent)
        {
            return Task.CompletedTask;
        }

        foreach (var applied in TailFrom(revision - OldestRecent))
        {
            anchor = applied.Operation.TransformIndex(Math.Clamp(anchor, 0, applied.Operation.BaseLength));
            head = applied.Operation.TransformIndex(Math.Clamp(head, 0, applied.Operation.BaseLength));
        }

        session.Participant = session.Participant with { Anchor = Math.Clamp(anchor, 0, _text.Length), Head = Math.Clamp(head, 0, _text.Length) };
        _outbox.Presence[session.Participant.SessionId] = session.Participant;
        SchedulePresence();
        return Task.CompletedTask;
    }

    public Task Close(string connectionId)
    {
        if (_sessions.Remove(connectionId, out var session))
        {
            _outbox.Leave(session.Participant.SessionId);
            SchedulePresence();
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> Renew(string nodeKey, IDocumentObserver node, IReadOnlyList<string> connectionIds)
    {
        Subscribe(nodeKey, node);
        IReadOnlyList<string> unknown = connectionIds
            .Where(c => !_sessions.TryGetValue(c, out var session) || session.NodeKey != nodeKey)
            .ToArray();
        return Task.FromResult(unknown);
    }

    public Task Unsubscribe(string nodeKey, IDocumentObserver node)
    {
        if (!_nodes.TryGetValue(nodeKey, out var subscription) || !subscription.Observer.Equals(node))
        {
            return Task.CompletedTask; // a newer subscription of the node (its next reader opened first): it stays
        }

        DropNode(nodeKey);
        Flush();
        return Task.CompletedTask;
    }

    public async Task<DocumentSummary> GetSummary(Guid userId)
    {
        var access = await Reader(userId);
        return access.Disclosure.Summary(access.Summary);
    }

    public async Task<RevisionText> GetText(Guid userId)
    {
        await Reader(userId);
        return new RevisionText(S.Revision, Text);
    }

    public async Task<IReadOnlyList<RevisionEntry>> GetRevisions(Guid userId, int? before, int count)
    {
        await HistoryReader(userId);
        var end = Math.Min(before ?? S.Revision + 1, S.Revision + 1) - 1;
        count = Math.Clamp(count, 1, 500);
        var start = Math.Max(1, end - count + 1);
        if (end < 1)
        {
            return [];
        }

        var operations = await OperationsBetween(start - 1, end);
        return operations.Select(o => new RevisionEntry(o.Revision, o.At, o.AuthorId)).Reverse().ToArray();
    }

    public async Task<RevisionText> GetRevision(Guid userId, int revision)
    {
        await HistoryReader(userId);
        return new RevisionText(revision, await TextAt(revision));
    }

    public async Task<int> Restore(Guid userId, int revision)
    {
        RequireHealthy();
        var access = await HistoryReader(userId);
        if (!access.Summary.Editable(access.Role))
        {
            throw access.Role >= GroupRole.Member && access.Summary.Locked
                ? new WorkspaceException(ErrorKind.Locked, ErrorCodes.DocumentLocked)
                : WorkspaceException.Forbidden(ErrorCodes.DocumentReadOnly);
        }

        var target = await TextAt(revision);
        RequireHealthy();
        var operation = TextDiff.Between(Text, target);
        if (operation.IsNoop)
        {
            return S.Revision;
        }

        var applied = Apply(operation, userId, "restore", revision);
        await Durable();
        return applied;
    }

    public async Task<IReadOnlyList<AuthorRun>> GetAuthorship(Guid userId)
    {
        await HistoryReader(userId);
        return S.Authorship.ToArray();
    }

    public async Task<string> ReadRange(RangeAt range)
    {
        RequireLive();
        var text = await TextAt(range.Revision);
        return range.From >= 0 && range.From <= range.To && range.To <= text.Length && !TextOperation.SplitsPair(text, range.From) && !TextOperation.SplitsPair(text, range.To)
            ? text[range.From..range.To]
            : throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.AmendmentRangeInvalid, [new FieldError("range", ErrorCodes.AmendmentRangeInvalid)]);
    }

    public async Task<IReadOnlyList<MappedRange>> MapRanges(IReadOnlyList<RangeAt> ranges)
    {
        RequireLive();
        var result = new MappedRange[ranges.Count];
        foreach (var group in ranges.Select((r, i) => (Range: r, Index: i)).GroupBy(r => r.Range.Revision))
        {
            RequireRevision(group.Key);
            var since = await OperationsSince(group.Key);
            var now = UpToNow(group.Key, since);
            foreach (var (range, index) in group)
            {
                result[index] = Map(range, now);
            }
        }

        return result;
    }

    public async Task<int> ApplyAmendment(Guid amendmentId, Guid authorId, RangeAt range, string replacement)
    {
        RequireHealthy();
        var clientId = $"amendment-{amendmentId:N}";
        if (S.Clients.TryGetValue(clientId, out var mark))
        {
            // Accepted before (the recommendation is retrying after a failure): applied once only.
            await DurableThrough(mark.Revision);
            return mark.Revision;
        }

        RequireRevision(range.Revision);
        var since = await OperationsSince(range.Revision);
        RequireHealthy();
        var mapped = Map(range, UpToNow(range.Revision, since));
        if (mapped.Touched)
        {
            throw WorkspaceException.Conflict(ErrorCodes.AmendmentOutdated);
        }

        var operation = TextOperation.Builder()
            .Retain(mapped.From)
            .Insert(replacement)
            .Delete(mapped.To - mapped.From)
            .Retain(_text.Length - mapped.To)
            .Build();
        var revision = Apply(operation, authorId, clientId, 1);
        await Durable();
        return revision;
    }

    public async Task Seed(Guid authorId, string text)
    {
        RequireHealthy();
        if (S.Revision > 0 || text.Length == 0)
        {
            return;
        }

        Apply(TextOperation.Builder().Insert(text).Build(), authorId, "seed", 1);
        await Durable();
    }

    private static MappedRange Map(RangeAt range, IReadOnlyList<AppliedOperation> since)
    {
        var (from, to, touched) = (range.From, range.To, false);
        try
        {
            foreach (var applied in since)
            {
                var next = applied.Operation.MapRange(from, to);
                (from, to, touched) = (next.From, next.To, touched || next.Touched);
            }
        }
        catch (OperationException)
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.AmendmentRangeInvalid, [new FieldError("range", ErrorCodes.AmendmentRangeInvalid)]);
        }

        return new MappedRange(from, to, touched);
    }

    private void RequireRevision(int revision)
    {
        if (revision < 0 || revision > S.Revision)
        {
            throw WorkspaceException.NotFound(ErrorCodes.RevisionNotFound);
        }
    }

    /// <summary>Applies an operation that already fits the current text; returns the revision it produced.</summary>
    private int Apply(TextOperation operation, Guid author, string clientId, long sequence)
    {
        if (operation.BaseLength != _text.Length)
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.OperationInvalid);
        }

        if (operation.TargetLength > _options.MaxLength && operation.TargetLength > operation.BaseLength)
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.DocumentTooLarge, [new FieldError("operation", ErrorCodes.DocumentTooLarge, _options.MaxLength)]);
        }

        try
        {
            _text.Apply(operation);
        }
        catch (OperationException)
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.OperationInvalid);
        }

        var applied = new AppliedOperation(S.Revision + 1, operation, clientId, sequence, author, clock.GetUtcNow());
        Record(applied);
        metrics?.OperationApplied();
        foreach (var session in _sessions.Values)
        {
            var p = session.Participant;
            session.Participant = p with { Anchor = operation.TransformIndex(Math.Min(p.Anchor, operation.BaseLength)), Head = operation.TransformIndex(Math.Min(p.Head, operation.BaseLength)) };
        }

        return applied.Revision;
    }

    /// <summary>Makes <paramref name="applied"/> (already applied to the live text) part of the state and of the next write.</summary>
    private void Record(AppliedOperation applied)
    {
        var operation = applied.Operation;
        S.Revision = applied.Revision;
        S.Recent.Add(applied);
        Authorship.ApplyInPlace(S.Authorship, operation, applied.AuthorId);
        if (applied.ClientId != "restore")
        {
            Mark(applied);
        }

        if (S.Revision % _options.ChunkSize == 0)
        {
            // A chunk is complete: its operations and the text before them go to history storage
            // in the same write that makes this operation durable; the stored tail starts afresh.
            var operations = S.Recent.Where(o => o.Revision > S.Revision - _options.ChunkSize).ToArray();
            _chunksToStore.Add(new HistoryChunk(S.Revision - _options.ChunkSize, S.ChunkStartText, operations));
            S.ChunkStartText = Text;
            _older.AddRange(S.Recent);
            S.Recent = [];
            if (_older.Count > _options.KeepOperations)
            {
                _older.RemoveRange(0, _older.Count - _options.KeepOperations);
            }
        }

        _unwritten.Add(applied);
    }

    /// <summary>The write that will carry everything applied so far; starts it if none is running.</summary>
    private Task Durable()
    {
        _nextWrite ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = _nextWrite.Task;
        if (!_writerRunning)
        {
            _writerRunning = true;
            _ = WriteLoop();
        }

        return task;
    }

    private Task DurableThrough(int revision) =>
        revision <= _durableRevision ? Task.CompletedTask
        : revision <= _inflight.Revision ? _inflight.Task
        : Durable();

    private async Task WriteLoop()
    {
        try
        {
            while (_nextWrite is { } batch)
            {
                _nextWrite = null;
                var operations = _unwritten.ToArray();
                _unwritten.Clear();
                var chunks = _chunksToStore.ToArray();
                _chunksToStore.Clear();
                var revision = S.Revision;
                _inflight = (revision, batch.Task);
                PruneClients();

                // Operations alone go to the node's journal (one commit for many documents); a
                // completed chunk or any other change writes the whole state, which covers the journal.
                var whole = !_journal.Enabled || _stateChanged || chunks.Length > 0 || operations.Length == 0;
                _stateChanged = false;
                try
                {
                    if (whole)
                    {
                        foreach (var chunk in chunks)
                        {
                            await GrainFactory.GetGrain<IDocumentHistoryGrain>(DocumentHistoryGrain.Key(DocumentId, chunk.StartRevision / _options.ChunkSize)).Store(chunk);
                        }

                        await state.WriteStateAsync();
                        if (_journal.Enabled)
                        {
                            _journal.Forget(DocumentId, S.Deleted ? int.MaxValue : revision);
                        }
                    }
                    else
                    {
                        await _journal.Append(DocumentId, operations[0].Revision, operations[^1].Revision, serializer.SerializeToArray(operations));
                    }
                }
                catch (Exception e)
                {
                    // What was applied in memory is not durable: refuse everything until this
                    // activation is replaced by one that reloads the stored state.
                    LogWriteFailed(logger, e, DocumentId);
                    _broken = true;
                    var unavailable = new WorkspaceException(ErrorKind.Unavailable, ErrorCodes.DocumentUnavailable);
                    batch.TrySetException(unavailable);
                    _nextWrite?.TrySetException(unavailable);
                    _nextWrite = null;
                    foreach (var session in _sessions.Values.ToArray())
                    {
                        CloseSession(session, ClosedReason.NoLongerVisible);
                    }

                    Flush();
                    DeactivateOnIdle();
                    return;
                }

                _durableRevision = revision;
                batch.TrySetResult();
                _outbox.Operations.AddRange(operations);
                RequestFlush(TimeSpan.Zero);
            }
        }
        finally
        {
            _writerRunning = false;
        }
    }

    private void SchedulePresence() => RequestFlush(_options.PresenceWindow);

    /// <summary>
    /// Publishes what the outbox holds within <paramref name="within"/>, but never sooner than
    /// <see cref="DocumentOptions.PublishWindowFor"/> (longer for more readers) after the last broadcast: whatever arrives in
    /// between rides along in the same message.
    /// </summary>
    private void RequestFlush(TimeSpan within)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var earliest = _lastFlush == 0 ? now : _lastFlush + Ticks(_options.PublishWindowFor(_sessions.Count));
        var due = Math.Max(now + Ticks(within), earliest);
        if (due <= now)
        {
            Flush();
            return;
        }

        if (due < _flushDue)
        {
            _flushDue = due;
            _ = FlushAt(due, TimeSpan.FromTicks((due - now) * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency));
        }
    }

    private async Task FlushAt(long due, TimeSpan delay)
    {
        await Task.Delay(delay);
        if (_flushDue == due)
        {
            Flush();
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Sends everything gathered to every subscribed node: one message per node.</summary>
    private void Flush()
    {
        _flushDue = long.MaxValue;
        if (_outbox.IsEmpty)
        {
            return;
        }

        _lastFlush = System.Diagnostics.Stopwatch.GetTimestamp();
        var broadcast = _outbox.Drain(DocumentId) with { ObserversFrom = ObserversFrom, ObserversSeeNames = _observersSeeNames };
        foreach (var node in _nodes.Values)
        {
            _ = node.Observer.Publish(broadcast with { Stream = node.Stream, Sequence = ++node.Sent });
        }
    }

    /// <summary>Keeps a node's subscription; true when it is new (a new node, or a new observer of a node), with broadcasts numbered afresh.</summary>
    private bool Subscribe(string nodeKey, IDocumentObserver observer)
    {
        if (_nodes.TryGetValue(nodeKey, out var existing) && existing.Observer.Equals(observer))
        {
            existing.RenewedAt = clock.GetUtcNow();
            return false;
        }

        _nodes[nodeKey] = new NodeSubscription(observer, clock.GetUtcNow());
        return true;
    }

    private Task SweepNodes()
    {
        var cutoff = clock.GetUtcNow() - _options.NodeExpiry;
        foreach (var (key, node) in _nodes.ToArray())
        {
            if (node.RenewedAt < cutoff || NodeKeys.IsDead(key, membership))
            {
                DropNode(key);
            }
        }

        Flush();
        return Task.CompletedTask;
    }

    /// <summary>Forgets a node and the sessions its connections held (they leave everyone's list with the next broadcast).</summary>
    private void DropNode(string nodeKey)
    {
        _nodes.Remove(nodeKey);
        foreach (var session in _sessions.Values.Where(s => s.NodeKey == nodeKey).ToArray())
        {
            _sessions.Remove(session.ConnectionId);
            _outbox.Leave(session.Participant.SessionId);
        }
    }

    private async Task Delete()
    {
        foreach (var session in _sessions.Values.ToArray())
        {
            CloseSession(session, ClosedReason.Deleted);
        }

        Flush();
        var chunks = S.Revision / _options.ChunkSize;
        await Task.WhenAll(Enumerable.Range(0, chunks).Select(i =>
            GrainFactory.GetGrain<IDocumentHistoryGrain>(DocumentHistoryGrain.Key(DocumentId, i)).Clear()));
        state.State = new DocumentState { Deleted = true };
        _text = new TextBuffer();
        S.Attach(_text);
        _older.Clear();
        _stateChanged = true;
        await Durable();
    }

    private void Recheck(Session session, GroupRole role)
    {
        var summary = S.Summary!;
        if (!summary.Readable(role))
        {
            CloseSession(session, ClosedReason.NoLongerVisible);
            return;
        }

        var canEdit = summary.Editable(role);
        if (canEdit != session.CanEdit || role != session.Participant.Role)
        {
            session.CanEdit = canEdit;
            session.Participant = session.Participant with { Role = role };
            _outbox.Access.Add(new AccessUpdate(session.ConnectionId, role, canEdit));
            _outbox.Presence[session.Participant.SessionId] = session.Participant;
        }
    }

    private void CloseSession(Session session, ClosedReason reason)
    {
        _sessions.Remove(session.ConnectionId);
        _outbox.Leave(session.Participant.SessionId);
        _outbox.Closed.Add(new ClosedSession(session.ConnectionId, reason));
    }

    private void PruneClients()
    {
        var excess = S.Clients.Count - _options.RememberedClients;
        if (excess <= 0)
        {
            return;
        }

        foreach (var key in S.Clients.OrderBy(c => c.Value.At).Take(excess).Select(c => c.Key).ToArray())
        {
            S.Clients.Remove(key);
        }
    }

    /// <summary>The operations after <paramref name="baseRevision"/> up to now, from the tail and, if needed, history chunks.</summary>
    private async Task<IReadOnlyList<AppliedOperation>> OperationsSince(int baseRevision)
    {
        if (baseRevision >= OldestRecent)
        {
            return TailFrom(baseRevision - OldestRecent).ToList();
        }

        var older = await OperationsBetween(baseRevision, OldestRecent);
        var result = new List<AppliedOperation>(older);

        // Edits may have been applied while the chunks loaded; the tail has them all.
        var next = baseRevision + result.Count;
        if (next < OldestRecent)
        {
            throw new WorkspaceException(ErrorKind.Conflict, ErrorCodes.RevisionTooOld);
        }

        result.AddRange(TailFrom(next - OldestRecent));
        return result;
    }

    /// <summary>
    /// Operations after <paramref name="baseRevision"/> gathered before an await, completed with
    /// whatever was applied while other calls interleaved. Call only from a synchronous stretch.
    /// </summary>
    private List<AppliedOperation> UpToNow(int baseRevision, IReadOnlyList<AppliedOperation> gathered)
    {
        var result = new List<AppliedOperation>(gathered);
        var next = baseRevision + result.Count;
        if (next < OldestRecent)
        {
            // The operations in between left memory while this call waited: let the client reopen and retry.
            throw new WorkspaceException(ErrorKind.Conflict, ErrorCodes.RevisionTooOld);
        }

        if (next < S.Revision)
        {
            result.AddRange(TailFrom(next - OldestRecent));
        }

        return result;
    }

    /// <summary>The operations kept in memory, from the <paramref name="index"/>-th oldest on.</summary>
    private IEnumerable<AppliedOperation> TailFrom(int index) =>
        index < _older.Count ? _older.Skip(index).Concat(S.Recent) : S.Recent.Skip(index - _older.Count);

    /// <summary>Operations with revisions in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    private async Task<IReadOnlyList<AppliedOperation>> OperationsBetween(int from, int to)
    {
        var result = new List<AppliedOperation>(to - from);
        var revision = from;
        while (revision < to && revision < OldestRecent)
        {
            var chunk = await Chunk(revision / _options.ChunkSize);
            result.AddRange(chunk.Operations.Where(o => o.Revision > revision && o.Revision <= to));
            revision = chunk.StartRevision + chunk.Operations.Count;
        }

        if (revision < to)
        {
            result.AddRange(TailFrom(0).Where(o => o.Revision > revision && o.Revision <= to));
        }

        return result;
    }

    private async Task<string> TextAt(int revision)
    {
        if (revision < 0 || revision > S.Revision)
        {
            throw WorkspaceException.NotFound(ErrorCodes.RevisionNotFound);
        }

        if (revision == S.Revision)
        {
            return Text;
        }

        var (start, text) = revision >= ChunkStart
            ? (ChunkStart, S.ChunkStartText)
            : await ChunkText(revision / _options.ChunkSize);
        var operations = await OperationsBetween(start, revision);
        foreach (var applied in operations)
        {
            text = applied.Operation.Apply(text);
        }

        return text;
    }

    private async Task<(int Start, string Text)> ChunkText(int index)
    {
        var chunk = await Chunk(index);
        return (chunk.StartRevision, chunk.StartText);
    }

    private async Task<HistoryChunk> Chunk(int index) =>
        await GrainFactory.GetGrain<IDocumentHistoryGrain>(DocumentHistoryGrain.Key(DocumentId, index)).Load()
        ?? throw new WorkspaceException(ErrorKind.Conflict, ErrorCodes.RevisionTooOld);

    private async Task<DocumentAccess> Reader(Guid userId) => await Group(RequireLive()).GetDocumentAccess(userId, DocumentId);

    /// <summary>History and authorship are for those who write the document, not for observers.</summary>
    private async Task<DocumentAccess> HistoryReader(Guid userId)
    {
        var access = await Reader(userId);
        return access.Role >= GroupRole.Member ? access : throw WorkspaceException.Forbidden(ErrorCodes.DocumentReadOnly);
    }

    private DocumentSummary RequireLive() =>
        S.Summary is { } summary && !S.Deleted ? summary : throw WorkspaceException.NotFound(ErrorCodes.DocumentNotFound);

    private void RequireHealthy()
    {
        RequireLive();
        if (_broken)
        {
            throw new WorkspaceException(ErrorKind.Unavailable, ErrorCodes.DocumentUnavailable);
        }
    }

    private Session RequireSession(string connectionId, Guid userId) =>
        _sessions.TryGetValue(connectionId, out var session) && session.UserId == userId
            ? session
            : throw new WorkspaceException(ErrorKind.Conflict, ErrorCodes.DocumentNotOpen);

    private void RequireEditor(Session session)
    {
        if (session.CanEdit)
        {
            return;
        }

        throw session.Participant.Role >= GroupRole.Member
            ? new WorkspaceException(ErrorKind.Locked, ErrorCodes.DocumentLocked)
            : WorkspaceException.Forbidden(ErrorCodes.DocumentReadOnly);
    }

    private IWorkingGroupGrain Group(DocumentSummary summary) => GrainFactory.GetGrain<IWorkingGroupGrain>(summary.GroupId);

    private static Participant Participant(Guid userId, DocumentAccess access) =>
        new(Guid.NewGuid().ToString("N")[..12], userId, access.DisplayName, access.Organisation, access.Role,
            AuthorColours.For(userId), 0, 0);

    [LoggerMessage(Level = LogLevel.Error, Message = "Document {DocumentId}: a write failed; this activation refuses edits until it is replaced.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, Guid documentId);

    private sealed class Session(Guid userId, string connectionId, string nodeKey, Participant participant)
    {
        public Guid UserId { get; } = userId;

        public string ConnectionId { get; } = connectionId;

        public string NodeKey { get; } = nodeKey;

        public Participant Participant { get; set; } = participant;

        public bool CanEdit { get; set; }
    }

    /// <summary>A node's subscription: its broadcasts form one stream, numbered from 1 without gaps.</summary>
    private sealed class NodeSubscription(IDocumentObserver observer, DateTimeOffset renewedAt)
    {
        public IDocumentObserver Observer { get; } = observer;

        public DateTimeOffset RenewedAt { get; set; } = renewedAt;

        public Guid Stream { get; } = Guid.NewGuid();

        public long Sent { get; set; }
    }

    private sealed class Outbox
    {
        public List<AppliedOperation> Operations { get; } = [];

        public Dictionary<string, Participant> Presence { get; } = [];

        public List<string> Left { get; } = [];

        public List<AccessUpdate> Access { get; } = [];

        public List<ClosedSession> Closed { get; } = [];

        public List<AccessUpdate> Opened { get; } = [];

        public DocumentSummary? Summary { get; set; }

        /// <summary>
        /// A session leaves: it is dropped from the presence not yet sent, so one broadcast never
        /// both lists a session and says it left (a reader would keep it for good).
        /// </summary>
        public void Leave(string sessionId)
        {
            Presence.Remove(sessionId);
            Left.Add(sessionId);
        }

        public bool IsEmpty =>
            Operations.Count == 0 && Presence.Count == 0 && Left.Count == 0 && Access.Count == 0 && Closed.Count == 0 && Opened.Count == 0 && Summary is null;

        public DocumentBroadcast Drain(Guid documentId)
        {
            var broadcast = new DocumentBroadcast(
                documentId, Operations.ToArray(), Presence.Values.ToArray(), Left.ToArray(), Access.ToArray(), Closed.ToArray(), Summary)
            {
                Opened = Opened.ToArray(),
            };
            Operations.Clear();
            Opened.Clear();
            Presence.Clear();
            Left.Clear();
            Access.Clear();
            Closed.Clear();
            Summary = null;
            return broadcast;
        }
    }
}

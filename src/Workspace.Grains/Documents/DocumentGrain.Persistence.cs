using Microsoft.Extensions.Logging;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;

namespace Workspace.Grains.Documents;

/// <summary>
/// What reaches storage: each write of <see cref="GroupCommit{T}"/> carries the operations applied
/// since the last one — to the node's journal, or, at a chunk boundary or any other change, as the
/// whole state (a snapshot of the engine taken when the write begins) with the completed chunks.
/// </summary>
public sealed partial class DocumentGrain
{
    // Something besides operations changed (summary, deletion, replay): the next write stores the whole state.
    private bool _stateChanged;

    /// <summary>Applies the journal's operations newer than the stored state; true if there were any.</summary>
    private async Task<bool> Replay(CancellationToken cancellationToken)
    {
        var entries = await _journal.Read(DocumentId, _engine.Revision, cancellationToken);
        var replayed = false;
        foreach (var entry in entries)
        {
            foreach (var applied in serializer.Deserialize<AppliedOperation[]>(entry.Payload) ?? [])
            {
                if (applied.Revision <= _engine.Revision)
                {
                    continue;
                }

                if (applied.Revision != _engine.Revision + 1)
                {
                    throw new InvalidOperationException(
                        $"Document {DocumentId}: the journal jumps from revision {_engine.Revision} to {applied.Revision}; refusing to activate on a gap.");
                }

                var edit = applied.ToEdit();
                _engine.Replay(edit);
                _commit.Add(edit, edit.Revision);
                replayed = true;
            }
        }

        return replayed;
    }

    /// <summary>One write of the group commit: <paramref name="edits"/> are everything applied since the last one began, up to <paramref name="revision"/>.</summary>
    private async Task Write(IReadOnlyList<AppliedEdit> edits, int revision)
    {
        var chunks = _engine.TakeCompletedChunks();

        // Operations alone go to the node's journal (one commit for many documents); a completed
        // chunk or any other change writes the whole state, which covers the journal.
        var whole = !_journal.Enabled || _stateChanged || chunks.Count > 0 || edits.Count == 0;
        _stateChanged = false;
        var operations = edits.Select(EditConversions.ToContract).ToArray();
        if (whole)
        {
            // The stored state is a copy taken now (nothing interleaves until the first await): it never reads the live engine.
            if (!S.Deleted)
            {
                S.Store(_engine.Snapshot());
            }

            foreach (var chunk in chunks)
            {
                await StoreChunk(new HistoryChunk(chunk.StartRevision, chunk.StartText, chunk.Operations.Select(EditConversions.ToContract).ToArray()));
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

        _outbox.Operations.AddRange(operations);
        RequestFlush(TimeSpan.Zero);
    }

    /// <summary>
    /// Stores a completed chunk with the chunk's own grain. That grain may live on a node that just
    /// died: until the cluster declares the node dead (about ten seconds) and the grain comes back
    /// elsewhere, calls to it fail. Those failures are waited out (edits keep being applied meanwhile
    /// and are acknowledged once this write completes); only a chunk that cannot be stored for
    /// <see cref="DocumentOptions.HistoryRetryFor"/>, or fails otherwise, fails the write.
    /// </summary>
    private async Task StoreChunk(HistoryChunk chunk)
    {
        var history = GrainFactory.GetGrain<IDocumentHistoryGrain>(DocumentHistoryGrain.Key(DocumentId, chunk.StartRevision / _options.ChunkSize));
        // Real time, not the clock documents date edits by: this waits for the cluster, not for business time.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await history.Store(chunk);
                return;
            }
            catch (Exception e) when (Live.ClusterFailures.IsUnavailable(e) && waited.Elapsed < _options.HistoryRetryFor)
            {
                LogChunkRetry(logger, DocumentId, chunk.StartRevision, e.GetType().Name);
                await Task.Delay(ChunkRetryDelay(attempt));
            }
        }
    }

    private static TimeSpan ChunkRetryDelay(int attempt) => TimeSpan.FromMilliseconds(Math.Min(5_000, 250 << Math.Min(attempt, 5)));

    /// <summary>
    /// A write failed: what was applied in memory is not durable, so this activation refuses
    /// everything until it is replaced by one that reloads the stored state. Its readers are not
    /// closed (nothing about them changed): it forgets them, and their nodes, renewing at once,
    /// learn the document no longer knows them and have them open it again — on the activation
    /// that replaces this one. Their unacknowledged edits are resubmitted there (same client id and
    /// sequence, so none is applied twice).
    /// </summary>
    private Exception WriteFailed(Exception exception)
    {
        LogWriteFailed(logger, exception, DocumentId);
        foreach (var session in _sessions.Values.ToArray())
        {
            _sessions.Remove(session.ConnectionId);
            _outbox.Leave(session.Participant.SessionId);
        }

        _nodes.Notify(node => node.ListReaders());

        DeactivateOnIdle();
        return new WorkspaceException(ErrorKind.Unavailable, ErrorCodes.DocumentUnavailable);
    }

    private async Task Delete()
    {
        foreach (var session in _sessions.Values.ToArray())
        {
            CloseSession(session, ClosedReason.Deleted);
        }

        Flush();
        var chunks = _engine.Revision / _options.ChunkSize;
        await Task.WhenAll(Enumerable.Range(0, chunks).Select(i =>
            GrainFactory.GetGrain<IDocumentHistoryGrain>(DocumentHistoryGrain.Key(DocumentId, i)).Clear()));
        state.State = new DocumentState { Deleted = true };
        _engine = new DocumentEngine(EngineSnapshot.Empty, _options.EngineLimits());
        _stateChanged = true;
        await _commit.Commit();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: the history chunk from revision {StartRevision} could not be stored yet ({Failure}); trying again.")]
    private static partial void LogChunkRetry(ILogger logger, Guid documentId, int startRevision, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Document {DocumentId}: a write failed; this activation refuses edits until it is replaced.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, Guid documentId);
}

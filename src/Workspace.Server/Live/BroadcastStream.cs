using Workspace.Contracts.Documents;

namespace Workspace.Server.Live;

/// <summary>
/// A node's end of one document's stream of broadcasts: hands them on one at a time, in the
/// order the document numbered them — messages may overtake each other on the way, and presence,
/// unlike operations, carries no revision a reader could reorder by. A gap that does not fill
/// within the timeout (a message lost with a failing node) is skipped, and a <c>null</c> is
/// delivered after what follows it: the readers must reopen, which brings back what they missed.
/// </summary>
public sealed class BroadcastStream(
    Func<DocumentBroadcast?, Task> deliver,
    Action<long, long> gapSkipped,
    Action<Exception> deliveryFailed,
    TimeSpan gapTimeout)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, DocumentBroadcast> _early = [];
    private readonly Queue<DocumentBroadcast?> _ready = new();
    private Guid _stream;
    private long _next = 1;
    private long _gapWatchedAt;
    private bool _delivering;

    /// <summary>Takes one broadcast as it arrives; the task completes once whatever became deliverable is delivered.</summary>
    public Task Add(DocumentBroadcast broadcast)
    {
        lock (_lock)
        {
            if (broadcast.Stream == Guid.Empty)
            {
                _ready.Enqueue(broadcast); // from a node of an earlier version (a rolling upgrade): not numbered
            }
            else
            {
                if (broadcast.Stream != _stream)
                {
                    // A new activation of the document, or a new subscription: numbering starts again.
                    _stream = broadcast.Stream;
                    _next = 1;
                    _gapWatchedAt = 0;
                    _early.Clear();
                }

                if (broadcast.Sequence >= _next)
                {
                    _early[broadcast.Sequence] = broadcast; // otherwise delivered already
                    ReleaseInOrder();
                }
            }
        }

        return DeliverReady();
    }

    /// <summary>Moves what is next in order to the delivery queue, and watches a gap that remains.</summary>
    private void ReleaseInOrder()
    {
        while (_early.Remove(_next, out var next))
        {
            _ready.Enqueue(next);
            _next++;
        }

        if (_early.Count > 0 && _gapWatchedAt != _next)
        {
            _gapWatchedAt = _next;
            _ = SkipGapLater(_stream, _next);
        }
    }

    private async Task SkipGapLater(Guid stream, long waitingFor)
    {
        await Task.Delay(gapTimeout);
        lock (_lock)
        {
            if (_stream != stream || _next != waitingFor || _early.Count == 0)
            {
                return;
            }

            var resumeAt = _early.Keys.First();
            gapSkipped(waitingFor, resumeAt - 1);
            _next = resumeAt;
            ReleaseInOrder();
            _ready.Enqueue(null);
        }

        await DeliverReady();
    }

    /// <summary>Delivers what is ready, one at a time; whoever finds nobody delivering does it.</summary>
    private async Task DeliverReady()
    {
        lock (_lock)
        {
            if (_delivering || _ready.Count == 0)
            {
                return;
            }

            _delivering = true;
        }

        while (true)
        {
            DocumentBroadcast? next;
            lock (_lock)
            {
                if (!_ready.TryDequeue(out next))
                {
                    _delivering = false;
                    return;
                }
            }

            try
            {
                await deliver(next);
            }
            catch (Exception e)
            {
                deliveryFailed(e);
            }
        }
    }
}

namespace Workspace.Grains.Documents;

/// <summary>When the document publishes what its outbox holds: at once while its nodes keep up, together while a broadcast is still being delivered (<see cref="PublishPacer"/>).</summary>
public sealed partial class DocumentGrain
{
    private long _flushDue = long.MaxValue;

    private readonly PublishPacer _pacer = new(options.Value, TimeProvider.System);

    /// <summary>
    /// Publishes what the outbox holds within <paramref name="within"/>, but no sooner than the pacer
    /// allows (while the last broadcast is still being delivered): whatever arrives in between rides
    /// along in the same message.
    /// </summary>
    private void RequestFlush(TimeSpan within)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var due = _pacer.Due(within, _sessions.Count);
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

    /// <summary>Sends everything gathered to every subscribed node: one message per node.</summary>
    private void Flush()
    {
        _flushDue = long.MaxValue;
        if (_outbox.IsEmpty)
        {
            return;
        }

        var token = _pacer.Flushed();
        var broadcast = _outbox.Drain(DocumentId) with { ObserversFrom = ObserversFrom, ObserversSeeNames = _observersSeeNames, Epoch = _epoch };
        _ = Delivered(token, _nodes.Told(node => node.Observer.Publish(broadcast with { Stream = node.State.Stream, Sequence = ++node.State.Sent })));
    }

    /// <summary>Tells the pacer when a broadcast has reached every node (or failed to: a node that did not take it lapses); what waited for it goes then.</summary>
    private async Task Delivered(long token, Task delivery)
    {
        await delivery; // never faults: each node's failure is swallowed by the watchers
        if (_pacer.Delivered(token) && _flushDue != long.MaxValue)
        {
            RequestFlush(TimeSpan.Zero);
        }
    }
}

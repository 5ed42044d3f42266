namespace Workspace.Grains.Documents;

/// <summary>
/// Decides when a document's next broadcast may go. While the nodes keep up (nothing the document
/// published is still being delivered) it goes at once, so a small group sees each edit within
/// milliseconds; while a broadcast is still on its way, what arrives meanwhile waits for it and
/// then goes together (load-following batching, as a smart-batching queue does), so the window
/// grows only as long as deliveries actually take, and shrinks back when they speed up. A delivery
/// that never reports back (a node died) holds nothing up longer than the longest window.
/// </summary>
/// <remarks>Pure: the clock is passed in, and the grain reports each broadcast and its delivery.</remarks>
public sealed class PublishPacer(DocumentOptions options, TimeProvider clock)
{
    private long _lastFlush;
    private int _inFlight;

    /// <summary>Broadcasts whose delivery has not yet been reported.</summary>
    public int InFlight => _inFlight;

    /// <summary>How long the last completed delivery took (from its broadcast to the last node's answer).</summary>
    public TimeSpan LastDelivery { get; private set; }

    /// <summary>
    /// When the next broadcast may go, if it should go within <paramref name="within"/>; a moment not
    /// after <see cref="TimeProvider.GetTimestamp"/> means at once.
    /// </summary>
    public long Due(TimeSpan within, int readers)
    {
        var now = clock.GetTimestamp();
        var due = now + Ticks(within);
        if (_lastFlush == 0)
        {
            return due;
        }

        var gap = options.PublishWindowFor(readers);
        if (options.FollowLoad && _inFlight > 0)
        {
            // Backing up: wait for the delivery under way (the grain asks again when it reports), but
            // never longer than the longest window after the broadcast that is still out.
            gap = Max(gap, options.MaxPublishWindow);
        }

        return Math.Max(due, _lastFlush + Ticks(gap));
    }

    /// <summary>A broadcast went out now; returns its token for <see cref="Delivered"/> (when the grain waits for its delivery).</summary>
    public long Flushed()
    {
        _lastFlush = clock.GetTimestamp();
        _inFlight++;
        return _lastFlush;
    }

    /// <summary>
    /// The broadcast <paramref name="token"/> (from <see cref="Flushed"/>) has been delivered, or has
    /// failed; true when nothing else is on its way, so that what waited may go now.
    /// </summary>
    public bool Delivered(long token)
    {
        if (_inFlight == 0)
        {
            return true;
        }

        LastDelivery = clock.GetElapsedTime(token);
        return --_inFlight == 0;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);
}

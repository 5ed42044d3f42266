using Workspace.Grains.Documents;

namespace Workspace.Grains.Tests.Documents;

public sealed class PublishPacerTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void While_deliveries_keep_up_every_broadcast_goes_at_once()
    {
        var pacer = new PublishPacer(new DocumentOptions(), _clock);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(_clock.Now, pacer.Due(TimeSpan.Zero, readers: 400));
            var token = pacer.Flushed();
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.True(pacer.Delivered(token));
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    [Fact]
    public void While_a_broadcast_is_being_delivered_the_next_waits_for_it_but_no_longer_than_the_longest_window()
    {
        var options = new DocumentOptions();
        var pacer = new PublishPacer(options, _clock);
        var first = pacer.Flushed();
        _clock.Advance(TimeSpan.FromMilliseconds(3));

        // Backing up: the next may go only at the longest window after the first, unless its delivery reports sooner.
        Assert.Equal(_clock.Now + Ms(47), pacer.Due(TimeSpan.Zero, readers: 3));

        _clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.True(pacer.Delivered(first)); // the grain asks again: what waited goes now
        Assert.Equal(_clock.Now, pacer.Due(TimeSpan.Zero, readers: 3));
        Assert.Equal(TimeSpan.FromMilliseconds(5), pacer.LastDelivery);
    }

    [Fact]
    public void The_window_shrinks_back_when_the_load_drops()
    {
        var pacer = new PublishPacer(new DocumentOptions(), _clock);
        var slow = pacer.Flushed();
        _clock.Advance(TimeSpan.FromMilliseconds(30));
        Assert.True(pacer.Due(TimeSpan.Zero, 400) > _clock.Now);
        pacer.Delivered(slow);

        var quick = pacer.Flushed();
        pacer.Delivered(quick);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(_clock.Now, pacer.Due(TimeSpan.Zero, 400));
    }

    [Fact]
    public void Only_the_last_outstanding_delivery_releases_what_waits()
    {
        var pacer = new PublishPacer(new DocumentOptions(), _clock);
        var first = pacer.Flushed();
        _clock.Advance(TimeSpan.FromMilliseconds(50)); // the longest window passed: the second went anyway
        var second = pacer.Flushed();

        Assert.False(pacer.Delivered(second));
        Assert.Equal(1, pacer.InFlight);
        Assert.True(pacer.Due(TimeSpan.Zero, 3) > _clock.Now);
        Assert.True(pacer.Delivered(first));
        Assert.Equal(_clock.Now, pacer.Due(TimeSpan.Zero, 3));
    }

    [Fact]
    public void A_later_deadline_asked_for_is_kept()
    {
        var pacer = new PublishPacer(new DocumentOptions(), _clock);
        pacer.Delivered(pacer.Flushed());

        Assert.Equal(_clock.Now + Ms(25), pacer.Due(TimeSpan.FromMilliseconds(25), 3));
    }

    [Fact]
    public void A_fixed_window_still_spaces_broadcasts_when_configured()
    {
        var options = new DocumentOptions { PublishWindow = TimeSpan.FromMilliseconds(10), ReadersPerPublishWindow = 25, FollowLoad = false };
        var pacer = new PublishPacer(options, _clock);
        Assert.Equal(_clock.Now, pacer.Due(TimeSpan.Zero, 100));
        pacer.Flushed(); // never reported: without load-following it does not matter

        _clock.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(_clock.Now + Ms(35), pacer.Due(TimeSpan.Zero, 100));
        Assert.Equal(_clock.Now + Ms(5), pacer.Due(TimeSpan.Zero, 3));
    }

    private long Ms(int milliseconds) => milliseconds * _clock.TimestampFrequency / 1000;

    private sealed class ManualClock : TimeProvider
    {
        public long Now { get; private set; } = 1_000_000_000;

        public override long TimestampFrequency => 1_000_000_000;

        public override long GetTimestamp() => Now;

        public void Advance(TimeSpan span) => Now += span.Ticks * 100;
    }
}

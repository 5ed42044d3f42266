using Workspace.Grains.Documents;

namespace Workspace.Grains.Tests.Documents;

public sealed class DocumentOptionsTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(25, 10)]
    [InlineData(26, 20)]
    [InlineData(100, 40)]
    [InlineData(101, 50)]
    [InlineData(400, 50)]
    public void Broadcasts_to_more_readers_wait_longer_up_to_the_longest_window(int readers, int milliseconds)
    {
        var options = new DocumentOptions { PublishWindow = TimeSpan.FromMilliseconds(10), ReadersPerPublishWindow = 25 };

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), options.PublishWindowFor(readers));
    }

    [Fact]
    public void A_configured_window_longer_than_the_longest_is_kept_as_it_is()
    {
        var options = new DocumentOptions { PublishWindow = TimeSpan.FromMilliseconds(100), ReadersPerPublishWindow = 25 };

        Assert.Equal(TimeSpan.FromMilliseconds(100), options.PublishWindowFor(1));
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.PublishWindowFor(1000));
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void By_default_the_fixed_window_is_none_whatever_the_audience()
    {
        var options = new DocumentOptions();

        Assert.Equal(TimeSpan.Zero, options.PublishWindowFor(1));
        Assert.Equal(TimeSpan.Zero, options.PublishWindowFor(400));
        Assert.True(options.FollowLoad);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Nonsense_windows_are_refused()
    {
        Assert.NotEmpty(new DocumentOptions { ReadersPerPublishWindow = -1 }.Problems());
        Assert.NotEmpty(new DocumentOptions { PublishWindow = TimeSpan.FromMilliseconds(-1) }.Problems());
    }
}

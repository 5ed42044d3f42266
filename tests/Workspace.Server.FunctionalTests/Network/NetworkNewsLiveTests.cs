using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Workspace.Contracts.Network;
using Workspace.Server.FunctionalTests.Infrastructure;
using Workspace.Server.FunctionalTests.Live;

namespace Workspace.Server.FunctionalTests.Network;

/// <summary>Network news over real sockets: only to connections that watch, only the kind's name, bursts folded.</summary>
public sealed class NetworkNewsLiveTests : HostedTest
{
    [Fact]
    public async Task Watching_connections_hear_the_kind_of_news_and_nothing_else_and_stop_hearing_once_they_unwatch()
    {
        var cast = await Cast.Create(Host);
        await using var observer = await Listener.Connect(cast.People["observer"].Client);
        await using var stranger = await Listener.Connect(cast.People["stranger"].Client);
        await using var idle = await Listener.Connect(cast.People["member"].Client);
        await observer.Connection.InvokeAsync("WatchNetwork");
        await stranger.Connection.InvokeAsync("WatchNetwork");
        var news = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<INetworkNewsGrain>(0);

        await news.Announce(NetworkNews.Library);
        await Eventually.True(() => observer.Messages.Contains("NetworkNews [\"library\"]") && stranger.Messages.Contains("NetworkNews [\"library\"]"),
            "both watching connections hear of the library");

        await stranger.Connection.InvokeAsync("UnwatchNetwork");
        await Task.Delay(NetworkNewsWindow);
        await news.Announce(NetworkNews.Directory);
        await Eventually.True(() => observer.Messages.Contains("NetworkNews [\"directory\"]"), "the observer hears of the directory");
        await Task.Delay(300);

        Assert.Equal(["NetworkNews [\"library\"]", "NetworkNews [\"directory\"]"], observer.Messages);
        Assert.Equal(["NetworkNews [\"library\"]"], stranger.Messages);
        Assert.Empty(idle.Messages);
    }

    [Fact]
    public async Task A_burst_of_announcements_reaches_a_page_as_at_most_two_news_and_the_last_is_never_lost()
    {
        var cast = await Cast.Create(Host);
        await using var member = await Listener.Connect(cast.People["member"].Client);
        await member.Connection.InvokeAsync("WatchNetwork");
        var news = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<INetworkNewsGrain>(0);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => news.Announce(NetworkNews.Library)));
        await Eventually.True(() => member.Messages.Count == 2, "the first news at once and the rest folded into one at the window's end");
        await Task.Delay(NetworkNewsWindow * 2);

        Assert.Equal(2, member.Messages.Count);
        Assert.All(member.Messages, m => Assert.Equal("NetworkNews [\"library\"]", m));
    }

    private static readonly TimeSpan NetworkNewsWindow = Grains.Network.NetworkNewsGrain.Window + TimeSpan.FromMilliseconds(100);
}

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
        await Task.Delay(NetworkNewsWindow * 2); // the cast's organisations were listed: that news is out before the pages open
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
        await Eventually.True(() => member.Count("NetworkNews", "library") == 2, "the first news at once and the rest folded into one at the window's end");
        await Task.Delay(NetworkNewsWindow * 2);

        Assert.Equal(2, member.Count("NetworkNews", "library")); // (the cast's organisations may add directory news)
    }

    [Fact]
    public async Task Sharing_in_the_library_and_listing_an_organisation_through_the_api_reach_watching_pages()
    {
        var scene = await Library.LibraryScene.Create(Host);
        await using var page = await Listener.Connect(scene.Cast.People["observer"].Client);
        await page.Connection.InvokeAsync("WatchNetwork");

        await Library.LibraryScene.Share(scene.Outsider, Library.LibraryScene.Entry("Toolkit for reporting channels"));
        await Eventually.True(() => page.Messages.Contains("NetworkNews [\"library\"]"), "an entry shared with the network is news");

        var created = await scene.Cast.Admin.Ok(HttpMethod.Post, "/api/admin/organisations", new
        {
            name = "Acción Ciudadana", country = "GT", kind = "civil-society", articles = new[] { "Art. 33" }, languages = new[] { "es" },
        });
        await scene.Cast.Admin.Ok(HttpMethod.Post, $"/api/admin/organisations/{(string)created!["id"]!}/verify");
        await Eventually.True(() => page.Messages.Contains("NetworkNews [\"directory\"]"), "a verified civil-society organisation is listed: news");
    }

    private static readonly TimeSpan NetworkNewsWindow = Grains.Network.NetworkNewsGrain.Window + TimeSpan.FromMilliseconds(100);
}

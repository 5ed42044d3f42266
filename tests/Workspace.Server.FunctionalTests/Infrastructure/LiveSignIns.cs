using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.LiveClient;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>Helpers for tests of sign-ins that end: a copied cookie, hub negotiation with it, a live connection that reports its close.</summary>
public static class LiveSignIns
{
    /// <summary>A cookie jar holding only this browser's auth cookie, as a thief (or a stale tab) would keep it.</summary>
    public static CookieContainer CopyAuthCookie(ApiClient browser)
    {
        var copy = new CookieContainer();
        copy.Add(browser.BaseAddress, new Cookie("ws_auth", browser.Cookie("ws_auth") ?? throw new InvalidOperationException("Not signed in.")));
        return copy;
    }

    /// <summary>GET <paramref name="path"/> and the hub's negotiation with the given cookies: their two statuses.</summary>
    public static async Task<(HttpStatusCode Api, HttpStatusCode Negotiate)> Try(Uri server, CookieContainer cookies, string path = "/api/groups")
    {
        using var handler = new HttpClientHandler { CookieContainer = cookies, UseCookies = true };
        using var http = new HttpClient(handler) { BaseAddress = server };
        using var rest = await http.GetAsync(path);
        using var negotiate = await http.PostAsync($"/{LiveConnections.LivePath}/negotiate?negotiateVersion=1", null);
        return (rest.StatusCode, negotiate.StatusCode);
    }

    /// <summary>A started live connection of this browser and a task that completes when the server closes it.</summary>
    public static async Task<(HubConnection Connection, Task Closed)> Connect(ApiClient browser)
    {
        var connection = LiveConnections.Live(browser.BaseAddress, browser.Cookies);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        return (connection, closed.Task);
    }

    /// <summary>Sends an insertion of <paramref name="text"/> at revision 0 (what an edit on a stale connection would try).</summary>
    public static Task<int> Submit(HubConnection connection, Guid documentId, string text) =>
        connection.SendEdit(documentId, 0, new object[] { text }, $"c{Guid.NewGuid():N}", 1L);
}

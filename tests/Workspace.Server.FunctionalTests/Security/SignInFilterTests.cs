using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workspace.Contracts.Errors;
using Workspace.Server.FunctionalTests.Infrastructure;
using Workspace.Server.Live;

namespace Workspace.Server.FunctionalTests.Security;

/// <summary>
/// A connection whose close is slow (here: never happens) still has every call refused once its sign-in
/// ended: the node marks it before aborting it, and the hub filter consults the mark.
/// </summary>
public sealed class SignInFilterTests : HostedTest
{
    [Fact]
    public async Task Calls_on_a_connection_whose_sign_in_ended_are_refused_even_before_it_closes()
    {
        using var browser = Host.NewClient();
        await browser.SignIn(Personas.AdminEmail);
        var format = Host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(CookieAuthenticationDefaults.AuthenticationScheme).TicketDataFormat;
        var user = format.Unprotect(browser.Cookie("ws_auth"))!.Principal;

        // Another node's watch, following a connection of this browser that does not close when aborted.
        var watch = new SignInWatch(Host.Services.GetRequiredService<IGrainFactory>(), NullLogger<SignInWatch>.Instance);
        var connection = new SlowToClose(user);
        await watch.Connected(connection);
        var filter = new SignInFilter(watch);
        var calls = 0;
        ValueTask<object?> Next(HubInvocationContext _)
        {
            calls++;
            return ValueTask.FromResult<object?>(null);
        }

        var invocation = new HubInvocationContext(connection, Host.Services, new TestHub(), typeof(TestHub).GetMethod(nameof(TestHub.Submit))!, []);
        await filter.InvokeMethodAsync(invocation, Next);
        await browser.Ok(HttpMethod.Post, "/api/auth/sign-out");
        var refused = await Assert.ThrowsAsync<WorkspaceException>(async () => await filter.InvokeMethodAsync(invocation, Next));

        Assert.Equal(1, calls);
        Assert.Equal((ErrorKind.Unauthenticated, ErrorCodes.Unauthenticated), (refused.Kind, refused.Code));
        Assert.True(connection.AbortRequested);
        await watch.Disconnected(connection.ConnectionId);
        GC.KeepAlive(watch);
    }

    private sealed class TestHub : Hub
    {
        public Task Submit() => Task.CompletedTask;
    }

    private sealed class SlowToClose(ClaimsPrincipal user) : HubCallerContext
    {
        public bool AbortRequested { get; private set; }

        public override string ConnectionId { get; } = $"slow-{Guid.NewGuid():N}";

        public override string? UserIdentifier => null;

        public override ClaimsPrincipal? User => user;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort() => AbortRequested = true; // the close is under way, not done
    }
}

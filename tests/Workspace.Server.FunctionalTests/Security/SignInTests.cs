using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Security;

/// <summary>Signing out ends that cookie on the server: a copy of it is refused on REST and on the hub, and its live connection closes.</summary>
public sealed class SignInTests : HostedTest
{
    [Fact]
    public async Task After_sign_out_the_old_cookie_gets_401_on_rest_and_on_hub_negotiation()
    {
        using var browser = Host.NewClient();
        using var otherBrowser = Host.NewClient();
        await browser.SignIn(Personas.AdminEmail);
        await otherBrowser.SignIn(Personas.AdminEmail);
        var copy = LiveSignIns.CopyAuthCookie(browser);
        var (connection, closed) = await LiveSignIns.Connect(browser);
        await using var _ = connection;

        var before = await LiveSignIns.Try(Host.BaseAddress, copy);
        await browser.Ok(HttpMethod.Post, "/api/auth/sign-out");
        var after = await LiveSignIns.Try(Host.BaseAddress, copy);
        using var other = await otherBrowser.Get("/api/groups");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), before);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), after);
        await closed.WaitAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode); // only that browser's sign-in ended
    }

    [Fact]
    public async Task A_cookie_from_before_sign_ins_existed_counts_as_signed_out()
    {
        using var browser = Host.NewClient();
        await browser.SignIn(Personas.AdminEmail);
        var format = Host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(CookieAuthenticationDefaults.AuthenticationScheme).TicketDataFormat;
        var ticket = format.Unprotect(browser.Cookie("ws_auth")) ?? throw new InvalidOperationException("Unreadable cookie.");

        // The same cookie re-sealed as the server sealed it, and once more as before the upgrade: a user id and a stamp, no sign-in.
        var resealed = format.Protect(ticket);
        var claims = ticket.Principal.Claims.Where(c => c.Type != "ws:sid").Append(new Claim("ws:stamp", "0123456789ABCDEF"));
        var old = format.Protect(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, ticket.AuthenticationScheme)), ticket.Properties, ticket.AuthenticationScheme));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await LiveSignIns.Try(Host.BaseAddress, Jar(resealed)));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), await LiveSignIns.Try(Host.BaseAddress, Jar(old)));
    }

    private CookieContainer Jar(string authCookie)
    {
        var jar = new CookieContainer();
        jar.Add(Host.BaseAddress, new Cookie("ws_auth", authCookie));
        return jar;
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_cookie_of_the_person_only()
    {
        var cast = await Cast.Create(Host);
        using var laptop = Host.NewClient();
        using var phone = Host.NewClient();
        await laptop.SignIn(cast.People["member"].Email);
        await phone.SignIn(cast.People["member"].Email);
        var phoneCopy = LiveSignIns.CopyAuthCookie(phone);

        await laptop.Ok(HttpMethod.Post, "/api/auth/sign-out-everywhere");
        var phoneAfter = await LiveSignIns.Try(Host.BaseAddress, phoneCopy);
        using var laptopAfter = await laptop.Get("/api/groups");
        using var someoneElse = await cast.People["observer"].Client.Get("/api/groups");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), phoneAfter);
        Assert.Equal(HttpStatusCode.Unauthorized, laptopAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
        await laptop.SignIn(cast.People["member"].Email); // signing in again works
    }
}

/// <summary>A sign-in used every second still ends at its absolute maximum; one left unused ends after the sliding time.</summary>
public sealed class SignInLifetimeTests() : HostedTest(new Dictionary<string, string?>
{
    ["Workspace:Accounts:SignInSlidingExpiration"] = "00:00:03",
    ["Workspace:Accounts:SignInMaxLifetime"] = "00:00:05",
})
{
    [Fact]
    public async Task A_cookie_used_all_the_time_still_ends_at_the_absolute_maximum()
    {
        using var busy = Host.NewClient();
        using var idle = Host.NewClient();
        await busy.SignIn(Personas.AdminEmail);
        await idle.SignIn(Personas.AdminEmail);
        var started = DateTime.UtcNow;

        var statuses = new List<(double At, HttpStatusCode Status)>();
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(7))
        {
            using var response = await busy.Get("/api/groups");
            statuses.Add(((DateTime.UtcNow - started).TotalSeconds, response.StatusCode));
            await Task.Delay(500);
        }

        using var idleAfter = await idle.Get("/api/groups");

        Assert.All(statuses.Where(s => s.At < 4), s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.All(statuses.Where(s => s.At > 5.5), s => Assert.Equal(HttpStatusCode.Unauthorized, s.Status));
        Assert.Equal(HttpStatusCode.Unauthorized, idleAfter.StatusCode);
    }
}

/// <summary>Cookie lifetime settings that cannot work stop the server at start-up, naming the setting.</summary>
public sealed class SignInSettingsTests
{
    [Fact]
    public async Task A_maximum_shorter_than_the_sliding_time_stops_the_server_at_start_up()
    {
        var host = new WorkspaceHost(new Dictionary<string, string?>
        {
            ["Workspace:Accounts:SignInSlidingExpiration"] = "1.00:00:00",
            ["Workspace:Accounts:SignInMaxLifetime"] = "02:00:00",
        });
        try
        {
            var error = Assert.ThrowsAny<Exception>(() => host.NewClient());
            Assert.Contains("SignInMaxLifetime", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                await host.DisposeAsync();
            }
            catch (Exception)
            {
                // A host that never started may not stop cleanly either.
            }
        }
    }
}

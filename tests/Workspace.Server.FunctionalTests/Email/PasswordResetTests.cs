using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Workspace.Contracts.Accounts;
using Workspace.Grains;
using Workspace.Grains.Accounts;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Email;

/// <summary>Password reset by a link emailed through a real SMTP server (MailKit in the server, SmtpServer in the test).</summary>
public sealed class PasswordResetTests
{
    private const string NewPassword = "a brand new long password";
    private const string ResetPath = "/reset-password/";

    [Fact]
    public async Task A_reset_link_from_the_email_sets_a_new_password_once_and_ends_every_other_session()
    {
        await using var world = await ConfirmedWorld.Start();
        var (mail, host, cast) = (world.Mail, world.Host, world.Cast);
        var (email, _, otherBrowser) = cast.People["member"];
        var stolen = LiveSignIns.CopyAuthCookie(otherBrowser);
        var (live, closed) = await LiveSignIns.Connect(otherBrowser);

        using var browser = host.NewClient();
        var answer = await browser.Ok(HttpMethod.Post, "/api/auth/forgot-password", new { email = email.ToUpperInvariant() });
        Assert.True((bool)answer!["mailConfigured"]!);
        var message = await mail.WaitForMessage(email);
        Assert.Equal("Reset your password", message.Subject);
        var link = MailServer.Link(message, ResetPath);
        Assert.Equal(host.BaseAddress.Authority, link.Authority);
        var token = MailServer.Token(message, ResetPath);

        using var reset = await browser.Post("/api/auth/reset-password", new { token, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        // The other browser is signed out, its live connection closed; the old password no longer works.
        await closed.WaitAsync(TimeSpan.FromSeconds(10));
        await live.DisposeAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await LiveSignIns.Try(host.BaseAddress, stolen)).Api);
        using var old = await browser.Post("/api/auth/sign-in", new { email, password = Personas.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        await browser.SignIn(email, NewPassword);

        // The link works once.
        using var again = host.NewClient();
        var reused = await again.Post("/api/auth/reset-password", new { token, newPassword = "yet another long password" });
        await Problem.Assert(reused, HttpStatusCode.Gone, "password-reset.link-invalid");
        await browser.SignIn(email, NewPassword);
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_changes_nothing()
    {
        await using var world = await ConfirmedWorld.Start(new Dictionary<string, string?> { ["Workspace:Accounts:PasswordResetValidity"] = "00:00:02" });
        var (mail, host, cast) = (world.Mail, world.Host, world.Cast);
        var email = cast.People["member"].Email;
        using var browser = host.NewClient();

        await browser.Ok(HttpMethod.Post, "/api/auth/forgot-password", new { email });
        var token = MailServer.Token(await mail.WaitForMessage(email), ResetPath);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var expired = await browser.Post("/api/auth/reset-password", new { token, newPassword = NewPassword });
        await Problem.Assert(expired, HttpStatusCode.Gone, "password-reset.link-invalid");
        await browser.SignIn(email);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_no_message()
    {
        await using var world = await ConfirmedWorld.Start();
        var (mail, host, cast) = (world.Mail, world.Host, world.Cast);
        var known = cast.People["member"].Email;
        using var browser = host.NewClient();

        using var unknownAnswer = await browser.Post("/api/auth/forgot-password", new { email = "nobody@example.org" });
        using var knownAnswer = await browser.Post("/api/auth/forgot-password", new { email = known });

        Assert.Equal(HttpStatusCode.Accepted, unknownAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, knownAnswer.StatusCode);
        Assert.Equal(await knownAnswer.Content.ReadAsStringAsync(), await unknownAnswer.Content.ReadAsStringAsync());
        await mail.WaitForMessage(known);
        await Task.Delay(1000);
        Assert.Empty(mail.MessagesTo("nobody@example.org"));
        Assert.Single(mail.Messages);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_without_using_up_the_link()
    {
        await using var world = await ConfirmedWorld.Start();
        var (mail, host, cast) = (world.Mail, world.Host, world.Cast);
        var email = cast.People["member"].Email;
        using var browser = host.NewClient();
        await browser.Ok(HttpMethod.Post, "/api/auth/forgot-password", new { email });
        var token = MailServer.Token(await mail.WaitForMessage(email), ResetPath);

        var weak = await browser.Post("/api/auth/reset-password", new { token, newPassword = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);

        using var reset = await browser.Post("/api/auth/reset-password", new { token, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        await browser.SignIn(email, NewPassword);
    }

    [Fact]
    public async Task Requests_are_limited_per_email_and_per_client_address()
    {
        await using var mail = await MailServer.Start();
        await using var host = new WorkspaceHost(new Dictionary<string, string?>
        {
            ["Workspace:Security:PasswordResetsPerEmailPerHour"] = "2",
            ["Workspace:Security:PasswordResetPermitsPerMinute"] = "5",
            ["Workspace:Security:RateLimitWindow"] = "01:00:00",
        }, mail: mail);
        using var browser = host.NewClient();

        for (var i = 0; i < 2; i++)
        {
            using var ok = await browser.Post("/api/auth/forgot-password", new { email = "ana@example.org" });
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }

        await Problem.Assert(await browser.Post("/api/auth/forgot-password", new { email = "ANA@example.org " }), HttpStatusCode.TooManyRequests, "request.rate-limited");
        using (var other = await browser.Post("/api/auth/forgot-password", new { email = "bea@example.org" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        }

        // Four requests so far from this address, the fifth allowed, then the address is limited whatever the email.
        using (var fifth = await browser.Post("/api/auth/reset-password", new { token = "guess", newPassword = NewPassword }))
        {
            Assert.Equal(HttpStatusCode.Gone, fifth.StatusCode);
        }

        await Problem.Assert(await browser.Post("/api/auth/forgot-password", new { email = "cid@example.org" }), HttpStatusCode.TooManyRequests, "request.rate-limited");
    }

    [Fact]
    public async Task The_message_is_in_the_persons_language()
    {
        await using var world = await ConfirmedWorld.Start();
        var (mail, host, cast) = (world.Mail, world.Host, world.Cast);
        var (email, id, _) = cast.People["member"];
        await SetLanguage(host, id, "es");

        using var browser = host.NewClient();
        await browser.Ok(HttpMethod.Post, "/api/auth/forgot-password", new { email });

        var message = await mail.WaitForMessage(email);
        Assert.Equal("Restablezca su contraseña", message.Subject);
        Assert.Contains("Elegir una nueva contraseña", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("lang=\"es\"", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_mail_server_nothing_is_sent_and_an_administrator_hands_over_a_link()
    {
        await using var host = new WorkspaceHost();
        var cast = await Cast.Create(host); // unconfirmed, as every account without a mail server: the administrator's link still works
        var email = cast.People["member"].Email;
        using var browser = host.NewClient();

        var answer = await browser.Ok(HttpMethod.Post, "/api/auth/forgot-password", new { email });
        Assert.False((bool)answer!["mailConfigured"]!);
        await Task.Delay(500);
        var outbox = await cast.Admin.Ok(HttpMethod.Get, "/api/admin/outbox");
        Assert.False((bool)outbox!["isConfigured"]!);
        Assert.Empty(outbox["queued"]!.AsArray());

        var issued = await cast.Admin.Ok(HttpMethod.Post, "/api/admin/password-reset-links", new { email });
        var url = new Uri((string)issued!["url"]!);
        Assert.StartsWith(ResetPath, url.AbsolutePath, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse((string)issued["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(55));
        var token = url.AbsolutePath[ResetPath.Length..];
        await Problem.Assert(await cast.People["facilitator"].Client.Post("/api/admin/password-reset-links", new { email }), HttpStatusCode.Forbidden, "group.admin-only");
        await Problem.Assert(await cast.Admin.Post("/api/admin/password-reset-links", new { email = "nobody@example.org" }), HttpStatusCode.NotFound, "account.not-found");

        using var reset = await browser.Post("/api/auth/reset-password", new { token, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        await browser.SignIn(email, NewPassword);
    }

    /// <summary>A mail server, a host sending through it, and a cast whose addresses are confirmed (only those get reset links by email).</summary>
    private sealed class ConfirmedWorld(MailServer mail, WorkspaceHost host, Cast cast) : IAsyncDisposable
    {
        public MailServer Mail => mail;
        public WorkspaceHost Host => host;
        public Cast Cast => cast;

        public static async Task<ConfirmedWorld> Start(Dictionary<string, string?>? settings = null)
        {
            var mail = await MailServer.Start();
            var host = new WorkspaceHost(settings, mail: mail);
            var cast = await Cast.Create(host);
            await Claims.CastEmails.ConfirmAll(cast, mail);
            return new ConfirmedWorld(mail, host, cast);
        }

        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync();
            await mail.DisposeAsync();
        }
    }

    /// <summary>Sets the person's preferred language in stored state (profile editing is not this test's subject).</summary>
    private static async Task SetLanguage(WorkspaceHost host, Guid userId, string language)
    {
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var user = grains.GetGrain<IUserGrain>(userId);
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var state = new GrainState<UserState>();
        await storage.ReadStateAsync("user", user.GetGrainId(), state);
        state.State!.Profile = state.State.Profile! with { Language = language };
        await storage.WriteStateAsync("user", user.GetGrainId(), state);
        Assert.Equal(language, (await user.GetProfile())!.EmailLanguage);
    }
}

using System.Net;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

public sealed class AuthTests() : HostedTest(new Dictionary<string, string?> { ["Workspace:Accounts:LockoutThreshold"] = "3" })
{

    [Fact]
    public async Task Sign_in_sets_an_http_only_strict_cookie_and_sign_out_ends_the_session()
    {
        using var browser = Host.NewClient();

        await browser.SignIn(Personas.AdminEmail.ToUpperInvariant());
        var session = await browser.Ok(HttpMethod.Get, "/api/session");
        using var groups = await browser.Get("/api/groups");
        await browser.Ok(HttpMethod.Post, "/api/auth/sign-out");
        using var afterwards = await browser.Get("/api/groups");

        Assert.True((bool)session!["authenticated"]!);
        Assert.Equal("Ada Admin", (string?)session["user"]!["displayName"]);
        Assert.Equal(HttpStatusCode.OK, groups.StatusCode);
        await Problem.Assert(afterwards, HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task Auth_cookie_is_http_only_and_same_site_strict()
    {
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        using var browser = Host.NewClient();
        using var session = await http.GetAsync("/api/session");
        var csrfCookie = session.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal));
        var antiforgeryCookie = session.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ws_csrf=", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = Personas.AdminEmail, password = Personas.Password }),
        };
        request.Headers.Add("Cookie", $"{csrfCookie.Split(';')[0]}; {antiforgeryCookie.Split(';')[0]}");
        request.Headers.Add("X-XSRF-TOKEN", Uri.UnescapeDataString(csrfCookie.Split(';')[0]["XSRF-TOKEN=".Length..]));

        using var signIn = await http.SendAsync(request);
        var authCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ws_auth=", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("httponly", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("httponly", csrfCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Wrong_password_is_refused_in_the_callers_language_and_repeated_failures_lock_the_account()
    {
        var cast = await Cast.Create(Host);
        var email = cast.People["member"].Email;
        using var browser = Host.NewClient();
        browser.Language = "es-MX";

        using var first = await browser.Post("/api/auth/sign-in", new { email, password = "not the password" });
        var problem = await Problem.Assert(first, HttpStatusCode.Unauthorized, "auth.invalid-credentials");
        using var second = await browser.Post("/api/auth/sign-in", new { email, password = "not the password" });
        using var third = await browser.Post("/api/auth/sign-in", new { email, password = "not the password" });
        using var right = await browser.Post("/api/auth/sign-in", new { email, password = Personas.Password });

        Assert.Equal("El correo o la contraseña no son correctos.", (string?)problem["title"]);
        await Problem.Assert(third, HttpStatusCode.Locked, "auth.locked-out");
        await Problem.Assert(right, HttpStatusCode.Locked, "auth.locked-out");
        Assert.Null(browser.Cookie("ws_auth"));
    }

    [Fact]
    public async Task Unknown_email_and_malformed_sign_in_get_the_same_refusal()
    {
        using var browser = Host.NewClient();

        using var unknown = await browser.Post("/api/auth/sign-in", new { email = "nobody@example.org", password = Personas.Password });
        using var empty = await browser.Post("/api/auth/sign-in", new { });

        await Problem.Assert(unknown, HttpStatusCode.Unauthorized, "auth.invalid-credentials");
        await Problem.Assert(empty, HttpStatusCode.Unauthorized, "auth.invalid-credentials");
    }

    [Fact]
    public async Task Changing_the_password_signs_out_other_browsers_but_not_this_one()
    {
        var cast = await Cast.Create(Host);
        var email = cast.People["observer"].Email;
        using var laptop = Host.NewClient();
        using var phone = Host.NewClient();
        await laptop.SignIn(email);
        await phone.SignIn(email);

        laptop.Language = "pt-BR";
        using var wrong = await laptop.Post("/api/auth/change-password", new { currentPassword = "not it at all", newPassword = "a completely new password" });
        var wrongProblem = await Problem.Assert(wrong, HttpStatusCode.BadRequest, "auth.wrong-current-password");
        Assert.Equal("A senha atual não está correta.", (string?)wrongProblem["title"]);
        using var tooShort = await laptop.Post("/api/auth/change-password", new { currentPassword = Personas.Password, newPassword = "short" });
        await Problem.Assert(tooShort, HttpStatusCode.BadRequest, "validation.failed");
        await laptop.Ok(HttpMethod.Post, "/api/auth/change-password", new { currentPassword = Personas.Password, newPassword = "a completely new password" });

        using var laptopAfter = await laptop.Get("/api/groups");
        using var phoneAfter = await phone.Get("/api/groups");
        Assert.Equal(HttpStatusCode.OK, laptopAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, phoneAfter.StatusCode);
        await phone.SignIn(email, "a completely new password");
    }
}

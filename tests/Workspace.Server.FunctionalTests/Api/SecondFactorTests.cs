using System.Net;
using Workspace.Server.FunctionalTests.Infrastructure;
using static Workspace.Server.FunctionalTests.Infrastructure.Authenticator;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>
/// Two-step verification through real HTTP: enrolment with codes the test computes from the secret,
/// sign-in that needs the code, replayed and wrong codes, recovery codes, turning it off.
/// </summary>
public sealed class SecondFactorTests : HostedTest
{
    [Fact]
    public async Task Enrolment_shows_a_secret_and_a_QR_and_counts_only_once_confirmed_with_a_code()
    {
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        Assert.False((bool)(await Status(admin))["active"]!);

        var enrolment = (await admin.Ok(HttpMethod.Post, "/api/auth/second-factor/enrolment"))!;
        var secret = (string)enrolment["secret"]!;
        Assert.Equal(32, secret.Length); // 160 bits in Base32
        Assert.StartsWith("otpauth://totp/Workspace:", (string)enrolment["uri"]!);
        Assert.Contains($"secret={secret}", (string)enrolment["uri"]!);
        Assert.Contains(Uri.EscapeDataString(Personas.AdminEmail), (string)enrolment["uri"]!);
        Assert.StartsWith("data:image/png;base64,", (string)enrolment["qrCode"]!);

        // Not on until confirmed: signing in needs no code yet, and a wrong code confirms nothing.
        using (var other = Host.NewClient())
        {
            await other.SignIn(Personas.AdminEmail);
            Assert.NotNull(other.Cookie("ws_auth"));
        }

        await Problem.Assert(await admin.Post("/api/auth/second-factor/enrolment/confirm", new { code = "000000" }), HttpStatusCode.BadRequest, "second-factor.wrong-code");
        Assert.False((bool)(await Status(admin))["active"]!);

        var app = new Authenticator(secret);
        var confirmed = (await admin.Ok(HttpMethod.Post, "/api/auth/second-factor/enrolment/confirm", new { code = app.Code() }))!;
        var codes = confirmed["recoveryCodes"]!.AsArray().Select(c => (string)c!).ToArray();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$", c));
        var status = await Status(admin);
        Assert.True((bool)status["active"]!);
        Assert.Equal(10, (int)status["recoveryCodesLeft"]!);

        // Once on, it is not started again over itself.
        await Problem.Assert(await admin.Post("/api/auth/second-factor/enrolment"), HttpStatusCode.Conflict, "second-factor.already-active");
    }

    [Fact]
    public async Task Sign_in_needs_the_code_after_the_password_and_the_pending_cookie_alone_reaches_nothing()
    {
        await Settle();
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var (app, _) = await Enrol(admin);

        using var browser = await PasswordStep(Host, Personas.AdminEmail);
        var pending = PendingCookie(browser)!;
        var jar = new CookieContainer();
        jar.Add(Host.BaseAddress, new Cookie("ws_2fa", pending)); // sent everywhere, not only where the server scoped it
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), await LiveSignIns.Try(Host.BaseAddress, jar));
        Assert.False((bool)(await browser.Ok(HttpMethod.Get, "/api/session"))!["authenticated"]!);

        await Problem.Assert(await CodeStep(browser, code: "123456" == app.Code() ? "654321" : "123456"), HttpStatusCode.BadRequest, "second-factor.wrong-code");
        Assert.Null(browser.Cookie("ws_auth"));

        using var signedIn = await CodeStep(browser, code: app.Code());
        AssertSignedIn(signedIn, browser);
        using var groups = await browser.Get("/api/groups");
        Assert.Equal(HttpStatusCode.OK, groups.StatusCode);

        // The same code again, in another browser: refused (each time step once); the next step's code works.
        using var second = await PasswordStep(Host, Personas.AdminEmail);
        await Problem.Assert(await CodeStep(second, code: app.Code()), HttpStatusCode.BadRequest, "second-factor.code-used");
        using var next = await CodeStep(second, code: app.Code(1));
        AssertSignedIn(next, second);
    }

    [Fact]
    public async Task The_code_step_without_its_pending_sign_in_asks_to_sign_in_again()
    {
        await Settle();
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var (app, _) = await Enrol(admin);

        using var nobody = Host.NewClient();
        await Problem.Assert(await CodeStep(nobody, code: app.Code()), HttpStatusCode.Unauthorized, "second-factor.sign-in-expired");

        // A pending cookie is bound to its attempt: a copy kept after the sign-in completed is spent.
        using var browser = await PasswordStep(Host, Personas.AdminEmail);
        var copy = PendingCookie(browser)!;
        AssertSignedIn(await CodeStep(browser, code: app.Code()), browser);
        using var thief = Host.NewClient();
        using (await thief.Get("/api/session"))
        {
        }

        thief.Cookies.Add(new Uri(Host.BaseAddress, "/api/auth/sign-in"), new Cookie("ws_2fa", copy, "/api/auth/sign-in"));
        await Problem.Assert(await CodeStep(thief, code: app.Code(1)), HttpStatusCode.Unauthorized, "second-factor.sign-in-expired");
        thief.Cookies.Add(new Uri(Host.BaseAddress, "/api/auth/sign-in"), new Cookie("ws_2fa", "forged" + copy[6..], "/api/auth/sign-in"));
        await Problem.Assert(await CodeStep(thief, code: app.Code(1)), HttpStatusCode.Unauthorized, "second-factor.sign-in-expired");
        Assert.Null(thief.Cookie("ws_auth"));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_not_twice()
    {
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var (_, codes) = await Enrol(admin);

        using var first = await PasswordStep(Host, Personas.AdminEmail);
        AssertSignedIn(await CodeStep(first, recoveryCode: codes[3].ToUpperInvariant()), first);

        using var second = await PasswordStep(Host, Personas.AdminEmail);
        await Problem.Assert(await CodeStep(second, recoveryCode: codes[3]), HttpStatusCode.BadRequest, "second-factor.wrong-code");
        Assert.Null(second.Cookie("ws_auth"));
        Assert.Equal(9, (int)(await Status(admin))["recoveryCodesLeft"]!);
    }

    [Fact]
    public async Task New_recovery_codes_need_a_current_code_and_replace_the_old_ones()
    {
        await Settle();
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var (app, old) = await Enrol(admin);

        await Problem.Assert(await admin.Post("/api/auth/second-factor/recovery-codes", new { code = "000000" == app.Code() ? "111111" : "000000" }), HttpStatusCode.BadRequest, "second-factor.wrong-code");
        var fresh = (await admin.Ok(HttpMethod.Post, "/api/auth/second-factor/recovery-codes", new { code = app.Code() }))!["recoveryCodes"]!.AsArray().Select(c => (string)c!).ToArray();
        Assert.Equal(10, fresh.Length);
        Assert.Empty(fresh.Intersect(old));

        using var browser = await PasswordStep(Host, Personas.AdminEmail);
        await Problem.Assert(await CodeStep(browser, recoveryCode: old[0]), HttpStatusCode.BadRequest, "second-factor.wrong-code");
        AssertSignedIn(await CodeStep(browser, recoveryCode: fresh[0]), browser);
    }

    [Fact]
    public async Task Turning_it_off_needs_the_password_and_a_current_code()
    {
        await Settle();
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var (app, _) = await Enrol(admin);

        await Problem.Assert(await admin.Post("/api/auth/second-factor/disable", new { password = "not the password", code = app.Code() }), HttpStatusCode.BadRequest, "auth.wrong-current-password");
        await Problem.Assert(await admin.Post("/api/auth/second-factor/disable", new { password = Personas.Password, code = "000000" == app.Code() ? "111111" : "000000" }), HttpStatusCode.BadRequest, "second-factor.wrong-code");
        Assert.True((bool)(await Status(admin))["active"]!);

        using var off = await admin.Post("/api/auth/second-factor/disable", new { password = Personas.Password, code = app.Code() });
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        Assert.False((bool)(await Status(admin))["active"]!);
        using var browser = Host.NewClient();
        await browser.SignIn(Personas.AdminEmail);
        Assert.NotNull(browser.Cookie("ws_auth"));
        await Problem.Assert(await admin.Post("/api/auth/second-factor/disable", new { password = Personas.Password, code = app.Code(1) }), HttpStatusCode.Conflict, "second-factor.not-active");
    }

    [Fact]
    public async Task Wrong_codes_count_toward_the_lockout_and_then_the_password_is_refused_too()
    {
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var (app, codes) = await Enrol(admin);

        using var browser = await PasswordStep(Host, Personas.AdminEmail);
        var wrong = WrongCode(app);
        for (var i = 1; i < 5; i++)
        {
            await Problem.Assert(await CodeStep(browser, code: wrong), HttpStatusCode.BadRequest, "second-factor.wrong-code");
        }

        // The fifth wrong code in a row (the default lockout threshold) locks the account.
        await Problem.Assert(await CodeStep(browser, code: wrong), (HttpStatusCode)423, "auth.locked-out");
        using var again = Host.NewClient();
        using (await again.Get("/api/session"))
        {
        }

        await Problem.Assert(await again.Post("/api/auth/sign-in", new { email = Personas.AdminEmail, password = Personas.Password }), (HttpStatusCode)423, "auth.locked-out");
        await Problem.Assert(await CodeStep(browser, recoveryCode: codes[0]), HttpStatusCode.Unauthorized, "second-factor.sign-in-expired");
        Assert.Null(browser.Cookie("ws_auth"));
        Assert.Null(again.Cookie("ws_auth"));
    }

    private static string WrongCode(Authenticator app)
    {
        var near = new[] { app.Code(-1), app.Code(), app.Code(1) };
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !near.Contains(c));
    }
}

/// <summary>The per-person limit on wrong codes holds even where the lockout is set high, and a right password does not reset it.</summary>
public sealed class SecondFactorRateLimitTests() : HostedTest(new Dictionary<string, string?> { ["Workspace:Accounts:LockoutThreshold"] = "100" })
{
    [Fact]
    public async Task Five_wrong_codes_in_five_minutes_make_further_codes_wait_even_the_right_one()
    {
        await Settle();
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var (app, _) = await Enrol(admin);

        using var browser = await PasswordStep(Host, Personas.AdminEmail);
        for (var i = 0; i < 5; i++)
        {
            await Problem.Assert(await CodeStep(browser, code: app.Code() == "000000" ? "111111" : "000000"), HttpStatusCode.BadRequest, "second-factor.wrong-code");
        }

        await Problem.Assert(await CodeStep(browser, code: app.Code()), HttpStatusCode.TooManyRequests, "second-factor.too-many-attempts");
        using var again = await PasswordStep(Host, Personas.AdminEmail);
        await Problem.Assert(await CodeStep(again, code: app.Code()), HttpStatusCode.TooManyRequests, "second-factor.too-many-attempts");
        Assert.Null(again.Cookie("ws_auth"));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using OtpNet;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>
/// What a person's authenticator app does, computed by the test from the secret the server showed
/// (Otp.NET, RFC 6238 defaults), and the HTTP steps of enrolment and of a sign-in with a code.
/// </summary>
public sealed class Authenticator(string secret)
{
    public string Secret { get; } = secret;

    /// <summary>The code of the time step <paramref name="offset"/> steps from now (the server accepts one step either way, each once).</summary>
    public string Code(int offset = 0) => new Totp(Base32Encoding.ToBytes(Secret)).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * offset));

    /// <summary>
    /// Waits, if needed, until the current 30-second step has at least <paramref name="seconds"/> left, so a test
    /// that uses the codes of the previous, current and next step does all of it within one step.
    /// </summary>
    public static async Task Settle(int seconds = 12)
    {
        var left = 30 - (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 30);
        if (left < seconds)
        {
            await Task.Delay(TimeSpan.FromSeconds(left + 0.2));
        }
    }

    /// <summary>Enrols the signed-in person: start, then confirm with the previous step's code. Returns the app and the recovery codes.</summary>
    public static async Task<(Authenticator App, string[] RecoveryCodes)> Enrol(ApiClient person)
    {
        var enrolment = await person.Ok(HttpMethod.Post, "/api/auth/second-factor/enrolment");
        var app = new Authenticator((string)enrolment!["secret"]!);
        var confirmed = await person.Ok(HttpMethod.Post, "/api/auth/second-factor/enrolment/confirm", new { code = app.Code(-1) });
        return (app, confirmed!["recoveryCodes"]!.AsArray().Select(c => (string)c!).ToArray());
    }

    /// <summary>The password step in a fresh browser: it must ask for a code and hand out no sign-in.</summary>
    public static async Task<ApiClient> PasswordStep(WorkspaceHost host, string email)
    {
        var browser = host.NewClient();
        using (await browser.Get("/api/session"))
        {
        }

        var answer = await browser.Ok(HttpMethod.Post, "/api/auth/sign-in", new { email, password = Personas.Password });
        Xunit.Assert.True((bool?)answer!["secondFactorRequired"] == true, $"Expected a code to be asked for: {answer}");
        Xunit.Assert.Null(browser.Cookie("ws_auth"));
        Xunit.Assert.NotNull(PendingCookie(browser));
        return browser;
    }

    public static Task<HttpResponseMessage> CodeStep(ApiClient browser, string? code = null, string? recoveryCode = null) =>
        browser.Post("/api/auth/sign-in/second-factor", new { code, recoveryCode });

    public static async Task<JsonNode> Status(ApiClient person) => (await person.Ok(HttpMethod.Get, "/api/auth/second-factor"))!;

    public static void AssertSignedIn(HttpResponseMessage response, ApiClient browser)
    {
        Xunit.Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Xunit.Assert.NotNull(browser.Cookie("ws_auth"));
        Xunit.Assert.Null(PendingCookie(browser));
    }

    /// <summary>The pending-second-factor cookie (sent only to the sign-in paths), or null.</summary>
    public static string? PendingCookie(ApiClient browser) =>
        browser.Cookies.GetCookies(new Uri(browser.BaseAddress, "/api/auth/sign-in/second-factor"))["ws_2fa"]?.Value;
}

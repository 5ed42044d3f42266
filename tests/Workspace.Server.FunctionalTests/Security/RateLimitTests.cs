using System.Net;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Security;

public sealed class RateLimitTests() : HostedTest(new Dictionary<string, string?>
{
    ["Workspace:Security:SignInPermitsPerMinute"] = "3",
    ["Workspace:Security:InvitationPermitsPerMinute"] = "4",

    // A window that cannot roll over while the test runs.
    ["Workspace:Security:RateLimitWindow"] = "01:00:00",
})
{

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_are_refused_with_retry_after()
    {
        using var client = Host.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.Post("/api/auth/sign-in", new { email = "guess@example.org", password = $"guess number {i}" });
            statuses.Add(response.StatusCode);
        }

        using var limited = await client.Post("/api/auth/sign-in", new { email = Personas.AdminEmail, password = Personas.Password });

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        await Problem.Assert(limited, HttpStatusCode.TooManyRequests, "request.rate-limited");
        Assert.Equal("3600", limited.Headers.GetValues("Retry-After").Single());
        Assert.Null(client.Cookie("ws_auth"));
    }

    [Fact]
    public async Task Guessing_invitation_tokens_is_rate_limited()
    {
        using var client = Host.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.Get($"/api/invitations/guess-{i}");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}

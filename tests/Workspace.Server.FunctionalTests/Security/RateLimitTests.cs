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

/// <summary>Search reads every group a person is in: limited per person, so people behind one address do not share a budget.</summary>
public sealed class SearchRateLimitTests() : HostedTest(new Dictionary<string, string?>
{
    ["Workspace:Security:SearchesPerMinute"] = "3",
    ["Workspace:Security:RateLimitWindow"] = "01:00:00",
})
{
    [Fact]
    public async Task Searches_beyond_the_limit_are_refused_per_person_not_per_address()
    {
        var cast = await Cast.Create(Host);
        var member = cast.People["member"].Client;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await member.Get($"/api/search?q=reporting{i}");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var limited = await member.Get("/api/search?q=again");
        await Problem.Assert(limited, HttpStatusCode.TooManyRequests, "request.rate-limited");

        // Someone else from the same address (every test client is 127.0.0.1) still searches.
        using var other = await cast.People["observer"].Client.Get("/api/search?q=reporting");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}

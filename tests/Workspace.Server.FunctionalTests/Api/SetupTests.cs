using System.Net;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

public sealed class SetupTests() : HostedTest(withAdministrator: false)
{

    [Fact]
    public async Task First_run_setup_creates_the_administrator_once_with_the_one_time_token()
    {
        using var browser = Host.NewClient();
        var admin = new { token = Personas.SetupToken, email = "Root@Example.org", password = Personas.Password, displayName = "Rosa", organisation = "TI Chapter", country = "CR" };

        var before = await browser.Ok(HttpMethod.Get, "/api/session");
        using var wrongToken = await browser.Post("/api/setup", admin with { token = "guessed-token-123" });
        await Problem.Assert(wrongToken, HttpStatusCode.Forbidden, "setup.token-invalid");
        using var invalid = await browser.Post("/api/setup", admin with { email = "not an email", country = "Atlantis" });
        var problem = await Problem.Assert(invalid, HttpStatusCode.BadRequest, "validation.failed");
        using var created = await browser.Post("/api/setup", admin);
        var after = await browser.Ok(HttpMethod.Get, "/api/session");
        using var again = await Host.NewClient().Post("/api/setup", admin with { email = "second@example.org" });

        Assert.True((bool)before!["setupRequired"]!);
        Assert.False((bool)before["authenticated"]!);
        Assert.Equal(1000, (int)before["liveKeepAliveMs"]!); // the browser counts its connection lost after three of these
        Assert.NotNull(problem["errors"]!["email"]);
        Assert.NotNull(problem["errors"]!["country"]);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False((bool)after!["setupRequired"]!);
        Assert.True((bool)after["authenticated"]!);
        Assert.True((bool)after["user"]!["isAdmin"]!);
        Assert.Equal("root@example.org", (string?)after["user"]!["email"]);
        await Problem.Assert(again, HttpStatusCode.Conflict, "setup.already-complete");
    }
}

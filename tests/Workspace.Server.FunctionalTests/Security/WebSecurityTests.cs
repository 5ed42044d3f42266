using System.Net;
using System.Text;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Security;

public sealed class WebSecurityTests() : HostedTest(new Dictionary<string, string?> { ["Workspace:Security:MaxRequestBodyBytes"] = "4096" })
{

    [Fact]
    public async Task Unsafe_requests_without_the_csrf_token_are_refused_and_change_nothing()
    {
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        admin.SendCsrfToken = false;

        using var refused = await admin.Post("/api/groups", new { name = "Forged", thematicArea = "T" });
        admin.SendCsrfToken = true;
        var groups = await admin.Ok(HttpMethod.Get, "/api/groups");

        await Problem.Assert(refused, HttpStatusCode.BadRequest, "csrf.invalid");
        Assert.DoesNotContain("Forged", groups.Strings("name"));
    }

    [Fact]
    public async Task A_token_issued_before_sign_in_is_not_accepted_for_another_user()
    {
        using var attacker = Host.NewClient();
        var anonymousToken = (await attacker.Get("/api/session")).Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal));
        using var victim = Host.NewClient();
        await victim.SignIn(Personas.AdminEmail);
        victim.CsrfTokenOverride = Uri.UnescapeDataString(anonymousToken.Split(';')[0]["XSRF-TOKEN=".Length..]);

        using var refused = await victim.Send(HttpMethod.Post, "/api/groups", new { name = "Forged", thematicArea = "T" });

        await Problem.Assert(refused, HttpStatusCode.BadRequest, "csrf.invalid");
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        using var client = Host.NewClient();

        foreach (var path in new[] { "/", "/api/session", "/api/groups", "/healthz" })
        {
            using var response = await client.Get(path);
            var headers = response.Headers;
            var csp = string.Join(";", headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", headers.GetValues("X-Frame-Options").Single());
        }
    }

    [Fact]
    public async Task Oversized_requests_are_refused_before_they_are_read()
    {
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var huge = $"{{\"name\":\"{new string('x', 10_000)}\",\"thematicArea\":\"T\"}}";

        using var refused = await admin.Send(HttpMethod.Post, "/api/groups", content: new StringContent(huge, Encoding.UTF8, "application/json"));

        await Problem.Assert(refused, HttpStatusCode.RequestEntityTooLarge, "request.too-large");
    }

    [Fact]
    public async Task Root_serves_the_client_and_deep_links_fall_back_to_it()
    {
        using var client = Host.NewClient();

        using var root = await client.Get("/");
        using var deep = await client.Get("/invite/some-token");
        var html = await root.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("text/html", root.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\"", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Equal(HttpStatusCode.OK, deep.StatusCode);
        var deepHtml = await deep.Content.ReadAsStringAsync();
        Assert.Equal(WithoutNonce(html), WithoutNonce(deepHtml));

        // Each page carries a fresh nonce, the one its policy admits for the editor's style element.
        var nonce = System.Text.RegularExpressions.Regex.Match(html, "name=\"csp-nonce\" content=\"(?<n>[^\"]+)\"").Groups["n"].Value;
        Assert.True(nonce.Length >= 20, html);
        Assert.Contains($"style-src 'self' 'nonce-{nonce}'", root.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain(nonce, deepHtml, StringComparison.Ordinal);
    }

    private static string WithoutNonce(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "name=\"csp-nonce\" content=\"[^\"]+\"", "name=\"csp-nonce\"");

    /// <summary>With the CSP test above: the page itself references only this server.</summary>
    [Fact]
    public async Task The_client_loads_nothing_from_any_other_origin()
    {
        using var client = Host.NewClient();
        var html = await (await client.Get("/")).Content.ReadAsStringAsync();
        var assets = System.Text.RegularExpressions.Regex.Matches(html, "(?:src|href)=\"(?<url>[^\"]+)\"").Select(m => m.Groups["url"].Value).ToArray();

        Assert.NotEmpty(assets);
        foreach (var asset in assets.Where(a => !a.StartsWith("data:", StringComparison.Ordinal) && !a.StartsWith('#')))
        {
            Assert.StartsWith("/", asset);
            Assert.False(asset.StartsWith("//", StringComparison.Ordinal), asset);
            using var response = await client.Get(asset);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (asset.EndsWith(".css", StringComparison.Ordinal))
            {
                // Fonts or images from elsewhere would be fetched by the stylesheet (the CSP blocks them too).
                Assert.DoesNotMatch(@"url\(\s*['""]?(https?:)?//|@import", body);
            }
        }
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        using var client = Host.NewClient();

        var document = await client.Ok(HttpMethod.Get, "/openapi/v1.json");

        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Contains("/api/groups/{groupId}/invitations", paths);
        Assert.Contains("/api/auth/sign-in", paths);
    }
}

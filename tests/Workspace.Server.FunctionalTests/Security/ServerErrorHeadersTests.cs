using System.Net;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Security;

/// <summary>
/// Security headers on every response the server sends: also Kestrel's own answers to requests it
/// cannot parse (which no middleware sees) and the /index.html redirect. Written over a raw socket:
/// HttpClient will not send these requests.
/// </summary>
public sealed class ServerErrorHeadersTests : HostedTest
{
    public override Task InitializeAsync()
    {
        Host.NewClient().Dispose(); // starts the server
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_request_line_too_long_gets_414_with_the_security_headers()
    {
        var responses = await RawHttp.Send(Host.BaseAddress, $"GET /{new string('a', 20_000)} HTTP/1.1\r\nHost: {Host.BaseAddress.Authority}\r\n\r\n");

        var response = Assert.Single(responses);
        Assert.Equal(414, response.Status);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost {0}\r\n\r\n")] // a header without a colon
    [InlineData("GET / HTTP/9.9\r\nHost: {0}\r\n\r\n")]
    [InlineData("\u0001\u0002 nonsense\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: {0}\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")]
    public async Task A_malformed_request_gets_Kestrel_s_error_with_the_security_headers(string request)
    {
        var responses = await RawHttp.Send(Host.BaseAddress, string.Format(System.Globalization.CultureInfo.InvariantCulture, request, Host.BaseAddress.Authority));

        var response = Assert.Single(responses);
        Assert.InRange(response.Status, 400, 505);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Headers_too_large_get_431_with_the_security_headers()
    {
        var responses = await RawHttp.Send(Host.BaseAddress, $"GET / HTTP/1.1\r\nHost: {Host.BaseAddress.Authority}\r\nX-Big: {new string('b', 40_000)}\r\n\r\n");

        var response = Assert.Single(responses);
        Assert.Equal(431, response.Status);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task On_one_connection_the_application_s_answer_keeps_its_headers_once_and_Kestrel_s_error_after_it_gets_them()
    {
        var host = Host.BaseAddress.Authority;
        var responses = await RawHttp.Send(Host.BaseAddress, $"GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\nGET /{new string('a', 20_000)} HTTP/1.1\r\nHost: {host}\r\n\r\n");

        Assert.Equal([200, 414], responses.Select(r => r.Status));
        Assert.All(responses, AssertSecurityHeaders);
        Assert.Single(responses[0].Values("Content-Security-Policy"));
        Assert.Equal("Healthy", responses[0].Body);
    }

    [Fact]
    public async Task The_index_html_redirect_carries_the_security_headers()
    {
        var responses = await RawHttp.Send(Host.BaseAddress, $"GET /index.html HTTP/1.1\r\nHost: {Host.BaseAddress.Authority}\r\nConnection: close\r\n\r\n");

        var response = Assert.Single(responses);
        Assert.Equal((int)HttpStatusCode.MovedPermanently, response.Status);
        Assert.Equal("/", Assert.Single(response.Values("Location")));
        AssertSecurityHeaders(response);
    }

    private static void AssertSecurityHeaders(RawResponse response)
    {
        var policy = Assert.Single(response.Values("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal(["nosniff"], response.Values("X-Content-Type-Options"));
        Assert.Equal(["DENY"], response.Values("X-Frame-Options"));
        Assert.Equal(["no-referrer"], response.Values("Referrer-Policy"));
        Assert.Equal(["same-origin"], response.Values("Cross-Origin-Opener-Policy"));
        Assert.Single(response.Values("Permissions-Policy"));
    }
}

using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Security;

/// <summary>
/// The live hub accepts a browser's request only from this server's own origin: scheme, host and
/// port all compared, and a request carrying several Origin headers refused (written over a raw
/// socket, with a signed-in cookie, so that only the Origin decides).
/// </summary>
public sealed class HubOriginTests : HostedTest
{
    [Fact]
    public async Task Only_exactly_one_origin_with_this_server_s_scheme_host_and_port_or_none_is_accepted()
    {
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var cookie = admin.Cookies.GetCookieHeader(Host.BaseAddress);
        var own = $"http://{Host.BaseAddress.Authority}";
        var port = Host.BaseAddress.Port;

        async Task<int> Negotiate(params string[] origins)
        {
            var lines = string.Concat(origins.Select(o => $"Origin: {o}\r\n"));
            var request = $"POST /hubs/live/negotiate?negotiateVersion=1 HTTP/1.1\r\nHost: {Host.BaseAddress.Authority}\r\nCookie: {cookie}\r\n{lines}Content-Length: 0\r\nConnection: close\r\n\r\n";
            return Assert.Single(await RawHttp.Send(Host.BaseAddress, request)).Status;
        }

        Assert.Equal(200, await Negotiate(own));
        Assert.Equal(200, await Negotiate()); // not a browser: the cookie decides
        Assert.Equal(200, await Negotiate($"HTTP://{Host.BaseAddress.Authority.ToUpperInvariant()}"));

        Assert.Equal(403, await Negotiate($"https://{Host.BaseAddress.Authority}")); // another scheme
        Assert.Equal(403, await Negotiate($"http://127.0.0.1:{port + 1}")); // another port
        Assert.Equal(403, await Negotiate($"http://localhost:{port}")); // another host
        Assert.Equal(403, await Negotiate("http://127.0.0.1")); // the default port is another port
        Assert.Equal(403, await Negotiate($"ws://{Host.BaseAddress.Authority}"));
        Assert.Equal(403, await Negotiate("null"));
        Assert.Equal(403, await Negotiate(own, "http://evil.example")); // several Origin headers
        Assert.Equal(403, await Negotiate(own, own));
        Assert.Equal(403, await Negotiate("http://evil.example", own));
        Assert.Equal(403, await Negotiate($"{own}, http://evil.example"));
    }
}

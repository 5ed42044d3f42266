namespace Workspace.Server.Live;

/// <summary>
/// Cross-site WebSocket hijacking: a browser always says where a page came from. A request with an
/// Origin is accepted only if it has exactly one and it is this server's own scheme, host and port;
/// a request without one is not from a browser page (the .NET client, tests) and the cookie decides.
/// </summary>
public static class OriginCheck
{
    public static bool Allowed(HttpRequest request)
    {
        var origins = request.Headers.Origin;
        if (origins.Count == 0)
        {
            return true;
        }

        return origins.Count == 1
            && Uri.TryCreate(origins[0], UriKind.Absolute, out var origin)
            && origin.UserInfo.Length == 0
            && origin.PathAndQuery == "/"
            && origin.Fragment.Length == 0
            && string.Equals(origin.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(origin.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && origin.Port == (request.Host.Port ?? DefaultPort(request.Scheme));
    }

    private static int DefaultPort(string scheme) =>
        string.Equals(scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) ? 443 : 80;
}

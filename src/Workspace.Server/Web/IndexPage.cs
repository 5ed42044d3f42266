using System.Security.Cryptography;

namespace Workspace.Server.Web;

/// <summary>
/// Serves the client's index.html for every page address, with a fresh CSP nonce in it: the
/// editor injects its style sheet in a &lt;style&gt; element, which the policy admits only with
/// that nonce (inline styles stay forbidden, and scripts never need one).
/// </summary>
public static class IndexPage
{
    public const string Placeholder = "%CSP_NONCE%";
    private const string NonceKey = "csp-nonce";

    /// <summary>The nonce this response's policy admits, if it is the page.</summary>
    public static string? Nonce(HttpContext context) => context.Items[NonceKey] as string;

    public static IEndpointConventionBuilder MapIndexPage(this WebApplication app)
    {
        var file = app.Environment.WebRootFileProvider.GetFileInfo("index.html");
        var template = file.Exists && file.PhysicalPath is { } path ? File.ReadAllText(path) : null;
        return app.MapFallback(async context =>
        {
            if (template is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
            context.Items[NonceKey] = nonce;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.WriteAsync(template.Replace(Placeholder, nonce, StringComparison.Ordinal));
        });
    }
}

namespace Workspace.Server.Web;

/// <summary>Headers on every response: a strict CSP without inline script, no framing, no sniffing, no referrer.</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>The headers every response carries besides the policy (also written into Kestrel's own error answers).</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Fixed =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("X-Frame-Options", "DENY"),
        new("Referrer-Policy", "no-referrer"),
        new("Cross-Origin-Opener-Policy", "same-origin"),
        new("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    ];

    /// <summary>The policy, admitting the page's one nonce for style elements when there is one.</summary>
    public static string Policy(string? styleNonce) =>
        styleNonce is null ? ContentSecurityPolicy : ContentSecurityPolicy.Replace("style-src 'self'", $"style-src 'self' 'nonce-{styleNonce}'", StringComparison.Ordinal);

    /// <summary>First in the pipeline, so that whatever answers (a redirect, a limit, an error) answers with the headers.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    // An endpoint may set a stricter policy of its own (downloaded reports do).
                    headers.ContentSecurityPolicy = Policy(IndexPage.Nonce(context));
                }

                foreach (var (name, value) in Fixed)
                {
                    headers[name] = value;
                }

                // An API answer that is the same for everyone may say how it is cached (GET /api/convention does).
                if (context.Request.Path.StartsWithSegments("/api") && string.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });

            // The page is served only with its nonce (see IndexPage).
            if (context.Request.Path.Equals("/index.html", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Redirect("/", permanent: true);
                return;
            }

            await next(context);
        });
}

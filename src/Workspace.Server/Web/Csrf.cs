using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Workspace.Contracts.Errors;

namespace Workspace.Server.Web;

/// <summary>
/// Double-submit CSRF protection for the cookie-authenticated API: reads of /api hand out a
/// token in a readable cookie; every unsafe /api request must echo it in a header.
/// </summary>
public static class Csrf
{
    public const string HeaderName = "X-XSRF-TOKEN";
    public const string RequestTokenCookie = "XSRF-TOKEN";

    public static IServiceCollection AddWorkspaceCsrf(this IServiceCollection services) =>
        services.AddAntiforgery(o =>
        {
            o.HeaderName = HeaderName;
            o.Cookie.Name = "ws_csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SuppressXFrameOptionsHeader = true;
        });

    public static IApplicationBuilder UseWorkspaceCsrf(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }

            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            {
                Issue(context);
            }
            else if (!await antiforgery.IsRequestValidAsync(context))
            {
                await Problems.Write(context, StatusCodes.Status400BadRequest, ErrorCodes.CsrfInvalid);
                return;
            }

            await next(context);
        });

    /// <summary>Hands out a fresh token; call with the new principal after sign-in or sign-out.</summary>
    public static void Issue(HttpContext context, ClaimsPrincipal? principal = null)
    {
        if (principal is not null)
        {
            context.User = principal;
        }

        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        context.Response.Cookies.Append(RequestTokenCookie, tokens.RequestToken!, new CookieOptions
        {
            HttpOnly = false,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
    }
}

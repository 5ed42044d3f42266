using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;

namespace Workspace.Server.Web;

/// <summary>Cookie sign-in for browsers. The cookie carries only the user id and a security stamp.</summary>
public static class Authentication
{
    public const string CookieName = "ws_auth";
    private const string StampClaim = "ws:stamp";

    public static IServiceCollection AddWorkspaceAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = c => Problems.Write(c.HttpContext, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated);
                o.Events.OnRedirectToAccessDenied = c => Problems.Write(c.HttpContext, StatusCodes.Status403Forbidden, ErrorCodes.FacilitatorOnly);
                o.Events.OnValidatePrincipal = ValidateStamp;
            });

        // Secure by default: an endpoint that does not say AllowAnonymous needs a signed-in user.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>The signed-in user's id; endpoints that require authentication always have one.</summary>
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."));

    public static async Task SignIn(HttpContext context, UserProfile profile)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, profile.Id.ToString()), new Claim(StampClaim, profile.SecurityStamp)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        var principal = new ClaimsPrincipal(identity);
        await context.SignInAsync(principal);
        Csrf.Issue(context, principal);
    }

    public static async Task SignOut(HttpContext context)
    {
        await context.SignOutAsync();
        Csrf.Issue(context, new ClaimsPrincipal(new ClaimsIdentity()));
    }

    /// <summary>A changed password (new stamp) or a deleted account ends every other session.</summary>
    private static async Task ValidateStamp(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(StampClaim);
        if (!Guid.TryParse(id, out var userId) || stamp is null)
        {
            context.RejectPrincipal();
            return;
        }

        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfile();
        if (profile is null || profile.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync();
        }
    }
}

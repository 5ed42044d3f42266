using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Grains.Accounts;

namespace Workspace.Server.Web;

/// <summary>
/// Cookie sign-in for browsers. The cookie carries only the user id and the id of its sign-in, which
/// the person's <see cref="ISignInsGrain"/> must still hold on every request: signing out ends it on
/// the server, not only in this browser. Cookies from before sign-ins existed carry none and are refused.
/// </summary>
public static class Authentication
{
    public const string CookieName = "ws_auth";
    public const string SignInClaim = "ws:sid";

    public static IServiceCollection AddWorkspaceAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<AccountOptions>>((o, accounts) =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = accounts.Value.SignInSlidingExpiration; // the absolute maximum is the sign-in's
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = c => Problems.Write(c.HttpContext, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated);
                o.Events.OnRedirectToAccessDenied = c => Problems.Write(c.HttpContext, StatusCodes.Status403Forbidden, ErrorCodes.FacilitatorOnly);
                o.Events.OnValidatePrincipal = ValidateSignIn;
            });

        // Secure by default: an endpoint that does not say AllowAnonymous needs a signed-in user.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>The signed-in user's id; endpoints that require authentication always have one.</summary>
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."));

    /// <summary>The id of the sign-in the caller's cookie carries (null for a cookie from before sign-ins existed).</summary>
    public static string? SignInId(this ClaimsPrincipal user) => user.FindFirstValue(SignInClaim);

    public static async Task SignIn(HttpContext context, UserProfile profile)
    {
        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        var ticket = await grains.GetGrain<ISignInsGrain>(profile.Id).Start();
        List<Claim> claims = [new Claim(ClaimTypes.NameIdentifier, profile.Id.ToString()), new Claim(SignInClaim, ticket.Id)];
        if (await SecondFactorGate.RequiresEnrolment(context, profile))
        {
            claims.Add(new Claim(SecondFactorGate.EnrolmentClaim, "1"));
        }

        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme);
        var principal = new ClaimsPrincipal(identity);
        await context.SignInAsync(principal);
        Csrf.Issue(context, principal);
    }

    /// <summary>Signs this browser out: its sign-in ends on the server (and its live connections close), then the cookie goes.</summary>
    public static async Task SignOut(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.SignInId() is { } signInId)
        {
            var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<ISignInsGrain>(context.User.UserId()).End(signInId);
        }

        await ForgetCookie(context);
    }

    /// <summary>Removes the cookie from this browser only.</summary>
    public static async Task ForgetCookie(HttpContext context)
    {
        await context.SignOutAsync();
        Csrf.Issue(context, new ClaimsPrincipal(new ClaimsIdentity()));
    }

    /// <summary>
    /// One read-only grain call per request: the cookie's sign-in must not have ended (signed out here
    /// or everywhere, a password change) nor passed its absolute maximum.
    /// </summary>
    private static async Task ValidateSignIn(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var signInId = context.Principal?.SignInId();
        if (!Guid.TryParse(id, out var userId) || signInId is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync();
            return;
        }

        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        if (!await grains.GetGrain<ISignInsGrain>(userId).IsActive(signInId))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync();
        }
    }
}

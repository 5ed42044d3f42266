using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Workspace.Contracts.Errors;
using Workspace.Server.Configuration;

namespace Workspace.Server.Web;

/// <summary>Per-address limits on the endpoints that guess secrets: sign-in and invitation links.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Invitation = "invitation";
    public const string PasswordReset = "password-reset";
    public const string Search = "search";

    public static IServiceCollection AddWorkspaceRateLimits(this IServiceCollection services, SecurityOptions security) =>
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignIn, context => PerAddress(context, SignIn, security.SignInPermitsPerMinute, security.RateLimitWindow));
            o.AddPolicy(Invitation, context => PerAddress(context, Invitation, security.InvitationPermitsPerMinute, security.RateLimitWindow));
            o.AddPolicy(PasswordReset, context => PerAddress(context, PasswordReset, security.PasswordResetPermitsPerMinute, security.RateLimitWindow));
            o.AddPolicy(Search, context => PerPerson(context, Search, security.SearchesPerMinute, security.RateLimitWindow));
            o.OnRejected = async (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(security.RateLimitWindow.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited);
            };
        });

    /// <summary>Per signed-in person (whatever address they use); by address for a caller who is not signed in.</summary>
    private static RateLimitPartition<string> PerPerson(HttpContext context, string policy, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(
            $"{policy}:{context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Connection.RemoteIpAddress?.ToString()}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });

    private static RateLimitPartition<string> PerAddress(HttpContext context, string policy, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(
            $"{policy}:{context.Connection.RemoteIpAddress}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}

using Microsoft.Extensions.Options;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Grains.Accounts;

namespace Workspace.Server.Web;

/// <summary>
/// The server's requirement of a second factor. A person it applies to who has none signs in with a
/// cookie marked "enrolment required"; with it, every API call and the live hub answer 403
/// <c>second-factor.enrolment-required</c>, except the endpoints marked <see cref="AllowDuringSecondFactorEnrolment"/>
/// (enrolment, the session, sign-in and sign-out). Decided once here, so no endpoint escapes it.
/// </summary>
public static class SecondFactorGate
{
    public const string EnrolmentClaim = "ws:2fa-enrol";

    /// <summary>Endpoint metadata: this endpoint stays open to a person who must enrol first.</summary>
    public sealed class AllowedDuringEnrolment;

    public static TBuilder AllowDuringSecondFactorEnrolment<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new AllowedDuringEnrolment());

    /// <summary>Whether this cookie is restricted to enrolling a second factor.</summary>
    public static bool MustEnrol(this System.Security.Claims.ClaimsPrincipal user) => user.HasClaim(c => c.Type == EnrolmentClaim);

    /// <summary>Whether the server requires a second factor of this person: the administrator, or a facilitator of any group.</summary>
    public static async Task<bool> Applies(HttpContext context, UserProfile profile)
    {
        var requirement = context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.RequireSecondFactor;
        if (requirement == SecondFactorRequirement.None)
        {
            return false;
        }

        if (profile.IsAdmin)
        {
            return true;
        }

        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        var groups = await grains.GetGrain<IUserGrain>(profile.Id).GetGroups();
        var roles = await Task.WhenAll(groups.Select(g => grains.GetGrain<IWorkingGroupGrain>(g).GetRole(profile.Id)));
        return roles.Contains(GroupRole.Facilitator);
    }

    /// <summary>Whether a sign-in of this person starts restricted: the requirement applies and they have no second factor yet.</summary>
    public static async Task<bool> RequiresEnrolment(HttpContext context, UserProfile profile)
    {
        if (!await Applies(context, profile))
        {
            return false;
        }

        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        return !(await grains.GetGrain<ISecondFactorGrain>(profile.Id).GetStatus()).Active;
    }

    /// <summary>After authentication: a restricted cookie reaches only the endpoints marked for enrolment.</summary>
    public static IApplicationBuilder UseSecondFactorGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (context.User.MustEnrol()
                && (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs"))
                && context.GetEndpoint()?.Metadata.GetMetadata<AllowedDuringEnrolment>() is null)
            {
                await Problems.Write(context, StatusCodes.Status403Forbidden, ErrorCodes.SecondFactorEnrolmentRequired);
                return;
            }

            await next(context);
        });
}

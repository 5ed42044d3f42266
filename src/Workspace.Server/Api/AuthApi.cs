using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Grains.Validation;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>Sign-in, sign-out (here or everywhere) and password changes.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth");
        auth.MapPost("/sign-in", SignIn).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).AllowDuringSecondFactorEnrolment();
        auth.MapPost("/sign-out", (Delegate)SignOut).AllowDuringSecondFactorEnrolment();
        auth.MapPost("/sign-out-everywhere", SignOutEverywhere);
        auth.MapPost("/change-password", ChangePassword).RequireRateLimiting(RateLimits.SignIn);
        return api;
    }

    private static async Task<IResult> SignIn(SignInRequest request, HttpContext context, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password) || request.Email.Length > Limits.EmailMax || request.Password.Length > Limits.PasswordMax)
        {
            return Problems.Result(context, StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials);
        }

        var result = await grains.GetGrain<IAccountGrain>(Normalise.Email(request.Email)).SignIn(request.Password);
        switch (result.Status)
        {
            case SignInStatus.Succeeded:
                // Someone in no group was out of the organisations upgrade's reach: their free text becomes an organisation now.
                var user = await Grains.Organisations.OrganisationUpgrade.Upgrade(grains, result.User!) ?? result.User!;
                return await SecondFactorApi.PasswordAccepted(context, grains, user);
            case SignInStatus.LockedOut:
                return Problems.Result(context, StatusCodes.Status423Locked, ErrorCodes.LockedOut);
            case SignInStatus.AddressConfirmedElsewhere:
                return Problems.Result(context, StatusCodes.Status409Conflict, ErrorCodes.AddressConfirmedElsewhere);
            default:
                return Problems.Result(context, StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials);
        }
    }

    private static async Task<IResult> SignOut(HttpContext context)
    {
        await Authentication.SignOut(context);
        return TypedResults.NoContent();
    }

    /// <summary>Ends every sign-in of the caller, in every browser, and closes their live connections on every node.</summary>
    private static async Task<IResult> SignOutEverywhere(HttpContext context, IGrainFactory grains)
    {
        await grains.GetGrain<ISignInsGrain>(context.User.UserId()).EndAll();
        await Authentication.ForgetCookie(context);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ChangePassword(ChangePasswordRequest request, HttpContext context, IGrainFactory grains)
    {
        var user = grains.GetGrain<IUserGrain>(context.User.UserId());
        var profile = await user.GetProfile() ?? throw new WorkspaceException(ErrorKind.Unauthenticated, ErrorCodes.Unauthenticated);
        await grains.GetGrain<IAccountGrain>(profile.Email).ChangePassword(profile.Id, request.CurrentPassword ?? string.Empty, request.NewPassword ?? string.Empty);

        // Every sign-in ended, this browser's too (its live connections reconnect): it gets a new one.
        var refreshed = await user.GetProfile();
        await Authentication.SignIn(context, refreshed!);
        return TypedResults.NoContent();
    }
}

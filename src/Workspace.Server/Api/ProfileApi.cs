using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Grains.Validation;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>The signed-in person's own profile, and their email address: confirming it, and changing it (confirmed at the new address).</summary>
public static class ProfileApi
{
    public static RouteGroupBuilder MapProfileApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me");
        me.MapGet("/profile", async (HttpContext c, IGrainFactory g) => UserView.From(await Profile(c, g)));
        me.MapPut("/profile", UpdateProfile);
        me.MapPost("/email", ChangeEmail).RequireRateLimiting(RateLimits.SignIn);
        me.MapPost("/email/confirmation", ResendConfirmation).RequireRateLimiting(RateLimits.SignIn);
        api.MapPost("/auth/confirm-email", ConfirmEmail).AllowAnonymous().RequireRateLimiting(RateLimits.Invitation);
        return api;
    }

    private static async Task<UserView> UpdateProfile(ProfileRequest request, HttpContext context, IGrainFactory grains)
    {
        var change = new ProfileChange(request.DisplayName ?? string.Empty, request.Country ?? string.Empty, request.Language ?? string.Empty);
        return UserView.From(await grains.GetGrain<IUserGrain>(context.User.UserId()).UpdateProfile(change));
    }

    /// <summary>Sends a new confirmation link to the caller's unconfirmed address (the previous link dies).</summary>
    private static async Task<IResult> ResendConfirmation(HttpContext context, IGrainFactory grains, ClaimMail mail)
    {
        var profile = await Profile(context, grains);
        if (profile.EmailConfirmed)
        {
            throw WorkspaceException.Conflict(ErrorCodes.AlreadyConfirmed);
        }

        mail.RequireMailServer();
        await mail.SendConfirmation(profile);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>The new address is claimed and sent a confirmation link; the account stays at the old one until it is followed.</summary>
    private static async Task<IResult> ChangeEmail(ChangeEmailRequest request, HttpContext context, IGrainFactory grains, ClaimMail mail)
    {
        var profile = await Profile(context, grains);
        new Validator().Email("newEmail", request.NewEmail?.Trim()).ThrowIfInvalid();
        var newEmail = Normalise.Email(request.NewEmail!);
        if (newEmail == profile.Email)
        {
            throw WorkspaceException.Invalid([new FieldError("newEmail", ErrorCodes.SameEmail)]);
        }

        mail.RequireMailServer();
        if (!await grains.GetGrain<IAccountGrain>(profile.Email).VerifyPassword(profile.Id, request.Password ?? string.Empty))
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.WrongCurrentPassword, [new FieldError("password", ErrorCodes.WrongCurrentPassword)]);
        }

        var token = await grains.GetGrain<IAccountGrain>(newEmail).ClaimForChange(profile.Id);
        await mail.SendEmailChange(profile, newEmail, token);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Follows a confirmation link (no sign-in needed: the link is the proof).</summary>
    private static async Task<UserView> ConfirmEmail(ConfirmEmailRequest request, IGrainFactory grains)
    {
        var token = request.Token ?? string.Empty;
        if (token.Length is 0 or > Grains.Groups.InvitationTokens.MaxLength)
        {
            throw WorkspaceException.NotFound(ErrorCodes.ConfirmationInvalid);
        }

        var hash = Grains.Groups.InvitationTokens.Hash(token);
        var target = await grains.GetGrain<IEmailTokenGrain>(hash).Resolve() ?? throw WorkspaceException.NotFound(ErrorCodes.ConfirmationInvalid);
        return UserView.From(await grains.GetGrain<IAccountGrain>(target.Email).Confirm(target.UserId, hash));
    }

    private static async Task<UserProfile> Profile(HttpContext context, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(context.User.UserId()).GetProfile()
        ?? throw new WorkspaceException(ErrorKind.Unauthenticated, ErrorCodes.Unauthenticated);
}

using Microsoft.Extensions.Options;
using QRCoder;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Grains.Accounts;
using Workspace.Grains.Validation;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>A person's second factor (TOTP): the code step of sign-in, status, enrolment, recovery codes, turning it off.</summary>
public static class SecondFactorApi
{
    public static RouteGroupBuilder MapSecondFactorApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/sign-in/second-factor", CompleteSignIn).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).AllowDuringSecondFactorEnrolment();
        var factor = api.MapGroup("/auth/second-factor");
        factor.MapGet("/", GetStatus).AllowDuringSecondFactorEnrolment();
        // Enrolment guesses nothing (the secret is the one just shown to this person): not under the sign-in limit.
        factor.MapPost("/enrolment", StartEnrolment).AllowDuringSecondFactorEnrolment();
        factor.MapPost("/enrolment/confirm", ConfirmEnrolment).AllowDuringSecondFactorEnrolment();
        factor.MapPost("/recovery-codes", RegenerateRecoveryCodes).RequireRateLimiting(RateLimits.SignIn);
        factor.MapPost("/disable", Disable).RequireRateLimiting(RateLimits.SignIn);
        return api;
    }

    /// <summary>
    /// The password was right. With a second factor on, no sign-in yet: a pending cookie for the code step.
    /// Otherwise the sign-in (restricted to enrolment when the server requires a factor this person lacks).
    /// </summary>
    public static async Task<IResult> PasswordAccepted(HttpContext context, IGrainFactory grains, UserProfile profile)
    {
        var factor = grains.GetGrain<ISecondFactorGrain>(profile.Id);
        if ((await factor.GetStatus()).Active)
        {
            var attempt = await factor.BeginSignIn();
            PendingSecondFactor.Issue(context, new PendingSecondFactor.Pending(profile.Id, attempt, profile.SecurityStamp));
            return TypedResults.Ok(new SecondFactorChallenge(true));
        }

        await Authentication.SignIn(context, profile);
        return TypedResults.Ok(UserView.From(profile));
    }

    private static async Task<IResult> CompleteSignIn(SecondFactorCodeRequest request, HttpContext context, IGrainFactory grains)
    {
        var pending = PendingSecondFactor.Read(context);
        var profile = pending is null ? null : await grains.GetGrain<IUserGrain>(pending.UserId).GetProfile();
        if (pending is null || profile is null || profile.SecurityStamp != pending.Stamp)
        {
            PendingSecondFactor.Clear(context);
            return Problems.Result(context, StatusCodes.Status401Unauthorized, ErrorCodes.SecondFactorSignInExpired);
        }

        try
        {
            await grains.GetGrain<ISecondFactorGrain>(pending.UserId).CompleteSignIn(pending.AttemptId, request.Proof);
        }
        catch (WorkspaceException refusal)
        {
            // Answered here, not thrown: the error handler would drop the cookie change. A wrong code may be retried.
            if (refusal.Kind is ErrorKind.Unauthenticated or ErrorKind.Locked)
            {
                PendingSecondFactor.Clear(context);
            }

            return Problems.Result(context, refusal);
        }

        PendingSecondFactor.Clear(context);
        await Authentication.SignIn(context, profile);
        return TypedResults.Ok(UserView.From(profile));
    }

    private static async Task<SecondFactorView> GetStatus(HttpContext context, IGrainFactory grains)
    {
        var profile = await Profile(context, grains);
        var status = await grains.GetGrain<ISecondFactorGrain>(profile.Id).GetStatus();
        return new SecondFactorView(status.Active, status.ActiveSince, status.RecoveryCodesLeft, await SecondFactorGate.Applies(context, profile));
    }

    private static async Task<EnrolmentView> StartEnrolment(HttpContext context, IGrainFactory grains, IOptions<AccountOptions> options)
    {
        var profile = await Profile(context, grains);
        var enrolment = await grains.GetGrain<ISecondFactorGrain>(profile.Id).StartEnrolment(profile.Email, options.Value.SecondFactorIssuer);

        // A PNG data URL: the page's policy admits data: images (img-src 'self' data:) and nothing inline else.
        var png = PngByteQRCodeHelper.GetQRCode(enrolment.Uri, QRCodeGenerator.ECCLevel.M, 6, true);
        return new EnrolmentView(enrolment.Secret, enrolment.Uri, $"data:image/png;base64,{Convert.ToBase64String(png)}");
    }

    private static async Task<RecoveryCodesView> ConfirmEnrolment(SecondFactorCodeRequest request, HttpContext context, IGrainFactory grains)
    {
        var profile = await Profile(context, grains);
        var codes = await grains.GetGrain<ISecondFactorGrain>(profile.Id).ConfirmEnrolment(request.Code ?? string.Empty);
        if (context.User.MustEnrol())
        {
            // Enrolled: this restricted sign-in ends and an ordinary one replaces it.
            await grains.GetGrain<ISignInsGrain>(profile.Id).End(context.User.SignInId()!);
            await Authentication.SignIn(context, profile);
        }

        return new RecoveryCodesView(codes);
    }

    private static async Task<RecoveryCodesView> RegenerateRecoveryCodes(SecondFactorCodeRequest request, HttpContext context, IGrainFactory grains) =>
        new(await grains.GetGrain<ISecondFactorGrain>(context.User.UserId()).RegenerateRecoveryCodes(request.Proof));

    private static async Task<IResult> Disable(DisableSecondFactorRequest request, HttpContext context, IGrainFactory grains)
    {
        var profile = await Profile(context, grains);
        var factor = grains.GetGrain<ISecondFactorGrain>(profile.Id);
        if (!(await factor.GetStatus()).Active)
        {
            return Problems.Result(context, StatusCodes.Status409Conflict, ErrorCodes.SecondFactorNotActive);
        }

        if (await SecondFactorGate.Applies(context, profile))
        {
            return Problems.Result(context, StatusCodes.Status403Forbidden, ErrorCodes.SecondFactorRequired);
        }

        // The password is checked as a sign-in is: a wrong one counts toward the lockout.
        var password = request.Password ?? string.Empty;
        var check = password.Length is 0 or > Limits.PasswordMax
            ? new Contracts.Accounts.SignInResult(SignInStatus.InvalidCredentials, null, null)
            : await grains.GetGrain<IAccountGrain>(profile.Email).SignIn(password);
        switch (check.Status)
        {
            case SignInStatus.LockedOut:
                return Problems.Result(context, StatusCodes.Status423Locked, ErrorCodes.LockedOut);
            case SignInStatus.InvalidCredentials:
                return Problems.Result(context, StatusCodes.Status400BadRequest, ErrorCodes.WrongCurrentPassword, [new FieldError("password", ErrorCodes.WrongCurrentPassword)]);
        }

        await factor.Disable(new SecondFactorProof(request.Code, request.RecoveryCode));
        return TypedResults.NoContent();
    }

    private static async Task<UserProfile> Profile(HttpContext context, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(context.User.UserId()).GetProfile()
        ?? throw new WorkspaceException(ErrorKind.Unauthenticated, ErrorCodes.Unauthenticated);
}

public sealed record SecondFactorCodeRequest(string? Code, string? RecoveryCode)
{
    public SecondFactorProof Proof => new(Code, RecoveryCode);
}

public sealed record DisableSecondFactorRequest(string? Password, string? Code, string? RecoveryCode);

/// <summary>The password was right; a code must follow (POST /api/auth/sign-in/second-factor).</summary>
public sealed record SecondFactorChallenge(bool SecondFactorRequired);

public sealed record SecondFactorView(bool Active, DateTimeOffset? ActiveSince, int RecoveryCodesLeft, bool Required);

public sealed record EnrolmentView(string Secret, string Uri, string QrCode);

public sealed record RecoveryCodesView(IReadOnlyList<string> RecoveryCodes);

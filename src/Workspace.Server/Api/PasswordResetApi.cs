using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Email;
using Workspace.Contracts.Errors;
using Workspace.Grains.Accounts;
using Workspace.Grains.Email;
using Workspace.Grains.Validation;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>
/// Password reset by a single-use, time-limited link: emailed to whoever asks for an address that has an
/// account (the answer is the same either way), or issued by an administrator to hand over when there is
/// no mail server. Only the token's hash is stored; completing a reset ends every sign-in of the person.
/// </summary>
public static class PasswordResetApi
{
    public static RouteGroupBuilder MapPasswordResetApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/forgot-password", Forgot).AllowAnonymous().RequireRateLimiting(RateLimits.PasswordReset);
        api.MapPost("/auth/reset-password", Reset).AllowAnonymous().RequireRateLimiting(RateLimits.PasswordReset);
        return api;
    }

    /// <summary>Admin-only: a reset link for an account, to hand over in person.</summary>
    public static RouteGroupBuilder MapPasswordResetLinksApi(this RouteGroupBuilder admin)
    {
        admin.MapPost("/password-reset-links", IssueLink);
        return admin;
    }

    private static async Task<IResult> Forgot(
        ForgotPasswordRequest request, HttpContext context, IGrainFactory grains, IOptions<EmailOptions> email, IOptions<AccountOptions> accounts,
        MailLinks links, PasswordResetLimiter limiter, TimeProvider clock, ILoggerFactory logs)
    {
        var address = Normalise.Email(request.Email ?? string.Empty);
        new Validator().Email("email", address).ThrowIfInvalid();
        if (address.Length == 0)
        {
            throw WorkspaceException.Invalid([new FieldError("email", ErrorCodes.InvalidEmail)]);
        }

        if (!limiter.TryAcquire(address))
        {
            return Problems.Result(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited);
        }

        if (email.Value.IsConfigured)
        {
            // After the answer, so that its timing says nothing about whether the email has an account.
            var logger = logs.CreateLogger(typeof(PasswordResetApi));
            _ = Task.Run(async () =>
            {
                try
                {
                    await SendLink(grains, address, accounts.Value.PasswordResetValidity, links, clock);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "A password-reset email could not be queued.");
                }
            });
        }

        return TypedResults.Accepted((string?)null, new ForgotPasswordView(email.Value.IsConfigured));
    }

    private static async Task<IResult> Reset(ResetPasswordRequest request, IGrainFactory grains, TimeProvider clock)
    {
        new Validator().Password("newPassword", request.NewPassword).ThrowIfInvalid();
        if (string.IsNullOrEmpty(request.Token) || request.Token.Length > 200)
        {
            throw new WorkspaceException(ErrorKind.Gone, ErrorCodes.PasswordResetLinkInvalid);
        }

        var ticket = await grains.GetGrain<IPasswordResetGrain>(Hash(request.Token)).Redeem(clock.GetUtcNow())
            ?? throw new WorkspaceException(ErrorKind.Gone, ErrorCodes.PasswordResetLinkInvalid);

        // Bound to the account it was issued for, as it was then: a later password change voids it.
        var account = grains.GetGrain<IAccountGrain>(ticket.Email);
        var profile = await grains.GetGrain<IUserGrain>(ticket.UserId).GetProfile();
        if (profile is null || profile.SecurityStamp != ticket.SecurityStamp || !(await account.GetClaimants()).Contains(ticket.UserId))
        {
            throw new WorkspaceException(ErrorKind.Gone, ErrorCodes.PasswordResetLinkInvalid);
        }

        await account.ResetPassword(ticket.UserId, request.NewPassword!);
        return TypedResults.NoContent();
    }

    private static async Task<PasswordResetLinkView> IssueLink(
        AdminResetLinkRequest request, HttpContext context, IGrainFactory grains, IOptions<AccountOptions> accounts, MailLinks links, TimeProvider clock)
    {
        await Admins.Require(context, grains);
        var address = Normalise.Email(request.Email ?? string.Empty);
        new Validator().Email("email", address).ThrowIfInvalid();
        var (token, ticket) = await Issue(grains, address, accounts.Value.PasswordResetValidity, clock, handedOver: true)
            ?? throw WorkspaceException.NotFound(ErrorCodes.AccountNotFound);
        return new PasswordResetLinkView(links.PasswordReset(token, $"{context.Request.Scheme}://{context.Request.Host}"), ticket.ExpiresAt);
    }

    private static async Task SendLink(IGrainFactory grains, string address, TimeSpan validity, MailLinks links, TimeProvider clock)
    {
        if (await Issue(grains, address, validity, clock) is not var (token, ticket))
        {
            return;
        }

        var profile = await grains.GetGrain<IUserGrain>(ticket.UserId).GetProfile();
        if (profile is null)
        {
            return;
        }

        var message = MailTemplates.PasswordReset(profile.Email, profile.EmailLanguage, profile.DisplayName, links.PasswordReset(token), (int)Math.Ceiling(validity.TotalMinutes));
        await grains.GetGrain<IMailOutboxGrain>(0).Enqueue(message);
    }

    /// <summary>
    /// A new link for the account at <paramref name="address"/>; null when it has none. A link sent by email
    /// goes only to a CONFIRMED owner (whoever reads that mailbox must not take over an unconfirmed claim
    /// someone else made); one the administrator hands over in person may also be for the address's only
    /// unconfirmed claim (without a mail server every account is unconfirmed).
    /// </summary>
    private static async Task<(string Token, PasswordResetTicket Ticket)?> Issue(IGrainFactory grains, string address, TimeSpan validity, TimeProvider clock, bool handedOver = false)
    {
        var account = grains.GetGrain<IAccountGrain>(address);
        var owner = await account.GetUserId();
        if (owner is null && handedOver && await account.GetClaimants() is [var only])
        {
            owner = only;
        }

        if (owner is not { } userId
            || await grains.GetGrain<IUserGrain>(userId).GetProfile() is not { } profile)
        {
            return null;
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var ticket = new PasswordResetTicket(address, userId, profile.SecurityStamp, clock.GetUtcNow() + validity);
        await grains.GetGrain<IPasswordResetGrain>(Hash(token)).Issue(ticket);
        return (token, ticket);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

public sealed record ForgotPasswordRequest(string? Email);

/// <summary>The same for every email; whether a mail server is configured tells the page what to say.</summary>
public sealed record ForgotPasswordView(bool MailConfigured);

public sealed record ResetPasswordRequest(string? Token, string? NewPassword);

public sealed record AdminResetLinkRequest(string? Email);

public sealed record PasswordResetLinkView(string Url, DateTimeOffset ExpiresAt);

namespace Workspace.Contracts.Accounts;

/// <summary>
/// One password-reset link, keyed by the SHA-256 hash of its token (the token itself is never stored):
/// whose account it resets and until when. It is redeemed at most once.
/// </summary>
[Alias("Workspace.IPasswordResetGrain")]
public interface IPasswordResetGrain : IGrainWithStringKey
{
    [Alias("Issue")] Task Issue(PasswordResetTicket ticket);

    /// <summary>The ticket, if the link is unused and still valid at <paramref name="now"/>; the link is used up by asking.</summary>
    [Alias("Redeem")] Task<PasswordResetTicket?> Redeem(DateTimeOffset now);
}

/// <summary>
/// What a reset link is bound to: the account (normalised email and user), the person's security stamp
/// when it was issued (a later password change or reset voids it), and its expiry.
/// </summary>
[GenerateSerializer, Alias("Workspace.PasswordResetTicket")]
public sealed record PasswordResetTicket(
    [property: Id(0)] string Email,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] string SecurityStamp,
    [property: Id(3)] DateTimeOffset ExpiresAt);

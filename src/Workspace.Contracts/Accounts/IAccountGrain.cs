namespace Workspace.Contracts.Accounts;

/// <summary>
/// The credentials behind one email address (the key is the normalised email). An address is held
/// by a confirmed owner, or claimed by one or more unconfirmed accounts: a claim never blocks the
/// real owner, and the first to confirm keeps the address (the other claims lose it).
/// </summary>
[Alias("Workspace.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Opens an account; the administrator created at first-run setup is confirmed (the setup token proves them), anyone else claims the address unconfirmed.</summary>
    [Alias("Register")] Task<UserProfile> Register(NewAccount account, bool isAdministrator);

    /// <summary>Opens an account whose address is already proven (a personal invitation sent to it): confirmed at once.</summary>
    [Alias("RegisterConfirmed")] Task<UserProfile> RegisterConfirmed(NewAccount account);

    [Alias("SignIn")] Task<SignInResult> SignIn(string password);

    /// <summary>Changes the password of the account <paramref name="userId"/> holds at this address (confirmed or not).</summary>
    [Alias("ChangePasswordOf")] Task ChangePassword(Guid userId, string currentPassword, string newPassword);

    /// <summary>Checks the password of <paramref name="userId"/>'s claim here; a wrong one counts toward lockout (false, or LockedOut thrown).</summary>
    [Alias("VerifyPassword")] Task<bool> VerifyPassword(Guid userId, string password);

    [Alias("Withdraw")] Task Withdraw(Guid userId);

    /// <summary>The account that has CONFIRMED this address, if any: unconfirmed claims are never found by email.</summary>
    [Alias("GetUserId")] Task<Guid?> GetUserId();

    /// <summary>A wrong second-factor code counts like a wrong password; returns when the account is locked until, if it now is.</summary>
    [Alias("RecordFailedSecondFactor")] Task<DateTimeOffset?> RecordFailedSecondFactor();
    /// <summary>
    /// A new confirmation token for <paramref name="userId"/>'s claim on this address (the previous one dies);
    /// refused when the last was issued less than the resend interval ago, or when the claim is gone.
    /// </summary>
    [Alias("IssueConfirmation")] Task<string> IssueConfirmation(Guid userId);

    /// <summary>
    /// An existing account claims this address as its new one (the password was checked at its current
    /// address); returns the confirmation token. Refused when someone has confirmed the address.
    /// </summary>
    [Alias("ClaimForChange")] Task<string> ClaimForChange(Guid userId);

    /// <summary>Follows a confirmation link: the claim becomes the owner, other claims lose the address.</summary>
    [Alias("Confirm")] Task<UserProfile> Confirm(Guid userId, string tokenHash);

    /// <summary>The account moved to another address: this one lets it go; returns its password hash.</summary>
    [Alias("Release")] Task<string?> Release(Guid userId);

    /// <summary>Sets a new password for <paramref name="userId"/>'s claim here after a reset link proved the person: clears the lockout and ends every sign-in.</summary>
    [Alias("ResetPasswordOf")] Task ResetPassword(Guid userId, string newPassword);

    /// <summary>Every account that signs in with this address: the confirmed owner, or the unconfirmed claims (for the administrator's reset links).</summary>
    [Alias("GetClaimants")] Task<IReadOnlyList<Guid>> GetClaimants();
}

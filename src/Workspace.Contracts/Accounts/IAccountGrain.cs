namespace Workspace.Contracts.Accounts;

/// <summary>
/// The credentials behind one email address (the key is the normalised email): registration,
/// password checks with lockout, and password changes.
/// </summary>
[Alias("Workspace.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    [Alias("Register")] Task<UserProfile> Register(NewAccount account, bool isAdministrator);
    [Alias("SignIn")] Task<SignInResult> SignIn(string password);
    [Alias("ChangePassword")] Task ChangePassword(string currentPassword, string newPassword);
    [Alias("Withdraw")] Task Withdraw(Guid userId);
    [Alias("GetUserId")] Task<Guid?> GetUserId();

    /// <summary>Sets a new password after a reset link proved the email: clears the lockout and ends every sign-in.</summary>
    [Alias("ResetPassword")] Task ResetPassword(string newPassword);
    /// <summary>A wrong second-factor code counts like a wrong password; returns when the account is locked until, if it now is.</summary>
    [Alias("RecordFailedSecondFactor")] Task<DateTimeOffset?> RecordFailedSecondFactor();
}

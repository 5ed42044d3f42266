namespace Workspace.Grains.Accounts;

/// <summary>Sign-in lockout policy.</summary>
public sealed class AccountOptions
{
    public const string Section = "Workspace:Accounts";

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}

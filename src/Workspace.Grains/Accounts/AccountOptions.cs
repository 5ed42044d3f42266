namespace Workspace.Grains.Accounts;

/// <summary>Sign-in lockout policy and how long a sign-in (a browser's cookie) lasts.</summary>
public sealed class AccountOptions
{
    public const string Section = "Workspace:Accounts";

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A cookie unused this long expires; each use renews it (sliding).</summary>
    public TimeSpan SignInSlidingExpiration { get; set; } = TimeSpan.FromDays(14);

    /// <summary>However often it is used, a sign-in ends this long after it started (absolute maximum).</summary>
    public TimeSpan SignInMaxLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long an email-confirmation link works.</summary>
    public TimeSpan EmailConfirmationLifetime { get; set; } = TimeSpan.FromDays(2);

    /// <summary>A new confirmation link for the same claim is sent at most this often.</summary>
    public TimeSpan EmailConfirmationResendInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Unconfirmed claims one address keeps at most (the oldest gives way, so claims never block the owner).</summary>
    public int MaxUnconfirmedClaims { get; set; } = 10;

    /// <summary>How long a password-reset link works (once).</summary>
    public TimeSpan PasswordResetValidity { get; set; } = TimeSpan.FromMinutes(60);
    /// <summary>Who must use a second factor: nobody (default), or the administrator and every facilitator (they enrol at their next sign-in).</summary>
    public SecondFactorRequirement RequireSecondFactor { get; set; } = SecondFactorRequirement.None;

    /// <summary>The name authenticator apps show beside the code.</summary>
    public string SecondFactorIssuer { get; set; } = "Workspace";

    /// <summary>What is wrong with these settings, named as an operator writes them; empty when they can work.</summary>
    public IEnumerable<string> Problems()
    {
        if (LockoutThreshold < 1)
        {
            yield return $"{Section}:LockoutThreshold must be at least 1.";
        }

        if (LockoutDuration <= TimeSpan.Zero)
        {
            yield return $"{Section}:LockoutDuration must be positive.";
        }

        if (SignInSlidingExpiration < TimeSpan.FromSeconds(1))
        {
            yield return $"{Section}:SignInSlidingExpiration must be at least one second.";
        }

        if (EmailConfirmationLifetime < TimeSpan.FromMinutes(1))
        {
            yield return $"{Section}:EmailConfirmationLifetime must be at least one minute.";
        }

        if (EmailConfirmationResendInterval < TimeSpan.Zero)
        {
            yield return $"{Section}:EmailConfirmationResendInterval must not be negative.";
        }

        if (MaxUnconfirmedClaims < 2)
        {
            yield return $"{Section}:MaxUnconfirmedClaims must be at least 2.";
        }

        if (PasswordResetValidity < TimeSpan.FromSeconds(1) || PasswordResetValidity > TimeSpan.FromDays(7))
        {
            yield return $"{Section}:PasswordResetValidity must be between one second and seven days.";
        }

        if (SignInMaxLifetime < SignInSlidingExpiration)
        {
            yield return $"{Section}:SignInMaxLifetime must be at least SignInSlidingExpiration.";
        }

        if (!Enum.IsDefined(RequireSecondFactor))
        {
            yield return $"{Section}:RequireSecondFactor must be None or AdministratorsAndFacilitators.";
        }

        if (string.IsNullOrWhiteSpace(SecondFactorIssuer) || SecondFactorIssuer.Length > 64 || SecondFactorIssuer.Contains(':', StringComparison.Ordinal))
        {
            yield return $"{Section}:SecondFactorIssuer must be a name of 1 to 64 characters without ':'.";
        }
    }
}

/// <summary>Who the server requires a second factor of.</summary>
public enum SecondFactorRequirement
{
    None = 0,
    AdministratorsAndFacilitators = 1,
}

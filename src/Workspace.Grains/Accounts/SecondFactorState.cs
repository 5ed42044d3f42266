namespace Workspace.Grains.Accounts;

/// <summary>
/// Stored second factor of one person. The TOTP secret is kept as the server must read it to check
/// codes (like the password hash, it lives in the database); recovery codes only as SHA-256 hashes.
/// </summary>
[GenerateSerializer, Alias("Workspace.SecondFactorState")]
public sealed class SecondFactorState
{
    /// <summary>The confirmed secret (Base32); null while the second factor is off.</summary>
    [Id(0)] public string? Secret { get; set; }

    [Id(1)] public DateTimeOffset? ActiveSince { get; set; }

    /// <summary>A secret shown for enrolment and not yet confirmed with a code.</summary>
    [Id(2)] public string? PendingSecret { get; set; }

    [Id(3)] public List<string> RecoveryCodeHashes { get; set; } = [];

    /// <summary>The last time step a code was accepted for: no code of that step or before is accepted again.</summary>
    [Id(4)] public long LastAcceptedStep { get; set; }

    /// <summary>When recent wrong codes were given (the per-person limit looks at the last few minutes).</summary>
    [Id(5)] public List<DateTimeOffset> WrongCodes { get; set; } = [];

    /// <summary>Until when the account's lockout (which wrong codes count toward) refuses codes.</summary>
    [Id(6)] public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Wrong codes since the last right one: a right password, which resets the account's count, does not reset this.</summary>
    [Id(7)] public int ConsecutiveWrongCodes { get; set; }
}

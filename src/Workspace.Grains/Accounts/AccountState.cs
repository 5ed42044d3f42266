namespace Workspace.Grains.Accounts;

/// <summary>
/// Stored credentials of one email address. <see cref="UserId"/>/<see cref="PasswordHash"/> are the
/// primary claim: the owner when <see cref="EmailConfirmed"/>, otherwise the earliest unconfirmed claim
/// still standing (accounts stored before claims existed load as exactly that: unconfirmed).
/// </summary>
[GenerateSerializer, Alias("Workspace.AccountState")]
public sealed class AccountState
{
    [Id(0)] public Guid? UserId { get; set; }
    [Id(1)] public string PasswordHash { get; set; } = string.Empty;
    [Id(2)] public int FailedAttempts { get; set; }
    [Id(3)] public DateTimeOffset? LockedUntil { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether the primary claim has proven it receives mail at this address.</summary>
    [Id(5)] public bool EmailConfirmed { get; set; }

    /// <summary>Further unconfirmed claims: registrations, and accounts moving here from another address.</summary>
    [Id(6)] public List<EmailClaim> OtherClaims { get; set; } = [];

    /// <summary>Claims that lost the address to the one who confirmed it: told so at sign-in.</summary>
    [Id(7)] public List<EmailClaim> Lost { get; set; } = [];

    /// <summary>The confirmation token pending for each claim (by user id): its hash, expiry and when it was issued.</summary>
    [Id(8)] public Dictionary<Guid, PendingConfirmation> Confirmations { get; set; } = [];

    /// <summary>Whether an account stored before claims existed was checked once (the setup administrator is confirmed).</summary>
    [Id(9)] public bool Upgraded { get; set; }
}

/// <summary>One account's claim on the address. An email change claims without a password (it stays at the old address until confirmed).</summary>
[GenerateSerializer, Alias("Workspace.EmailClaim")]
public sealed record EmailClaim(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] bool IsEmailChange);

[GenerateSerializer, Alias("Workspace.PendingConfirmation")]
public sealed record PendingConfirmation(
    [property: Id(0)] string TokenHash,
    [property: Id(1)] DateTimeOffset IssuedAt,
    [property: Id(2)] DateTimeOffset ExpiresAt);

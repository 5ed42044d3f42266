namespace Workspace.Grains.Accounts;

/// <summary>Stored credentials of one email address.</summary>
[GenerateSerializer, Alias("Workspace.AccountState")]
public sealed class AccountState
{
    [Id(0)] public Guid? UserId { get; set; }
    [Id(1)] public string PasswordHash { get; set; } = string.Empty;
    [Id(2)] public int FailedAttempts { get; set; }
    [Id(3)] public DateTimeOffset? LockedUntil { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
}

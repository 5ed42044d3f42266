namespace Workspace.Grains.Accounts;

/// <summary>Stored sign-ins of one person, by the id their cookie carries.</summary>
[GenerateSerializer, Alias("Workspace.SignInsState")]
public sealed class SignInsState
{
    [Id(0)] public Dictionary<string, SignInRecord> Active { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One browser's sign-in: when it started and when it ends at the latest (the absolute maximum).</summary>
[GenerateSerializer, Alias("Workspace.SignInRecord")]
public sealed record SignInRecord([property: Id(0)] DateTimeOffset StartedAt, [property: Id(1)] DateTimeOffset ExpiresAt);

namespace Workspace.Contracts.Accounts;

/// <summary>
/// One person's second factor (TOTP, RFC 6238), keyed by their user id: enrolment, recovery codes,
/// and code checks with replay protection, a per-person limit on wrong codes and the account's lockout.
/// </summary>
[Alias("Workspace.ISecondFactorGrain")]
public interface ISecondFactorGrain : IGrainWithGuidKey
{
    [Alias("GetStatus")] Task<SecondFactorStatus> GetStatus();

    /// <summary>A new secret for an authenticator app; it replaces any unconfirmed one and counts only once confirmed.</summary>
    [Alias("StartEnrolment")] Task<SecondFactorEnrolment> StartEnrolment(string accountName, string issuer);

    /// <summary>Turns the second factor on with a code from the new secret; returns ten recovery codes (shown once, stored hashed).</summary>
    [Alias("ConfirmEnrolment")] Task<IReadOnlyList<string>> ConfirmEnrolment(string code);

    /// <summary>Replaces every recovery code; needs a current code (or a recovery code).</summary>
    [Alias("RegenerateRecoveryCodes")] Task<IReadOnlyList<string>> RegenerateRecoveryCodes(SecondFactorProof proof);

    /// <summary>Turns the second factor off; needs a current code (the caller checks the password and the server's requirement).</summary>
    [Alias("Disable")] Task Disable(SecondFactorProof proof);

    /// <summary>The password was right: a sign-in attempt that a code may complete within a few minutes.</summary>
    [Alias("BeginSignIn")] Task<string> BeginSignIn();

    /// <summary>Completes (and ends) a sign-in attempt with a code or a recovery code.</summary>
    [Alias("CompleteSignIn")] Task CompleteSignIn(string attemptId, SecondFactorProof proof);
}

/// <summary>What a person types to prove they hold the second factor: a six-digit code or one recovery code.</summary>
[GenerateSerializer, Alias("Workspace.SecondFactorProof")]
public sealed record SecondFactorProof(
    [property: Id(0)] string? Code,
    [property: Id(1)] string? RecoveryCode)
{
    /// <summary>Keeps codes out of logs.</summary>
    public override string ToString() => "SecondFactorProof";
}

/// <summary>Whether a person's second factor is on, since when, and how many recovery codes remain.</summary>
[GenerateSerializer, Alias("Workspace.SecondFactorStatus")]
public sealed record SecondFactorStatus(
    [property: Id(0)] bool Active,
    [property: Id(1)] DateTimeOffset? ActiveSince,
    [property: Id(2)] int RecoveryCodesLeft);

/// <summary>A new secret (Base32, as authenticator apps take it by hand) and its otpauth:// URI.</summary>
[GenerateSerializer, Alias("Workspace.SecondFactorEnrolment")]
public sealed record SecondFactorEnrolment(
    [property: Id(0)] string Secret,
    [property: Id(1)] string Uri)
{
    public override string ToString() => "SecondFactorEnrolment";
}

using System.Security.Cryptography;
using OtpNet;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;

namespace Workspace.Grains.Accounts;

/// <summary>
/// One person's TOTP second factor (Otp.NET: 30-second steps, six digits, SHA-1, one step of drift
/// either way). Every wrong code counts toward the per-person limit and the account's lockout.
/// </summary>
public sealed class SecondFactorGrain(
    [PersistentState("second-factor", StorageNames.Default)] IPersistentState<SecondFactorState> state,
    Microsoft.Extensions.Options.IOptions<AccountOptions> options,
    TimeProvider clock) : Grain, ISecondFactorGrain
{
    /// <summary>Wrong codes a person may give within <see cref="WrongCodeWindow"/> before codes are refused for a while.</summary>
    public const int WrongCodesPerWindow = 5;

    public static readonly TimeSpan WrongCodeWindow = TimeSpan.FromMinutes(5);

    /// <summary>How long the password step of a sign-in waits for its code.</summary>
    public static readonly TimeSpan SignInAttemptLifetime = TimeSpan.FromMinutes(5);

    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    /// <summary>Sign-in attempts waiting for a code; not stored: after a restart one signs in again.</summary>
    private readonly Dictionary<string, DateTimeOffset> _attempts = [];

    private Guid UserId => this.GetPrimaryKey();

    public Task<SecondFactorStatus> GetStatus() => Task.FromResult(new SecondFactorStatus(
        state.State.Secret is not null, state.State.ActiveSince, state.State.Secret is null ? 0 : state.State.RecoveryCodeHashes.Count));

    public async Task<SecondFactorEnrolment> StartEnrolment(string accountName, string issuer)
    {
        if (state.State.Secret is not null)
        {
            throw WorkspaceException.Conflict(ErrorCodes.SecondFactorAlreadyActive);
        }

        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20)); // 160 bits, as RFC 4226 recommends
        state.State.PendingSecret = secret;
        await state.WriteStateAsync();
        return new SecondFactorEnrolment(secret, new OtpUri(OtpType.Totp, secret, accountName, issuer).ToString());
    }

    public async Task<IReadOnlyList<string>> ConfirmEnrolment(string code)
    {
        if (state.State.Secret is not null)
        {
            throw WorkspaceException.Conflict(ErrorCodes.SecondFactorAlreadyActive);
        }

        if (state.State.PendingSecret is not { } pending)
        {
            throw WorkspaceException.Conflict(ErrorCodes.SecondFactorNoEnrolment);
        }

        if (Step(pending, code) is not { } step)
        {
            throw WrongCode("code");
        }

        var codes = RecoveryCodes.Generate();
        state.State.Secret = pending;
        state.State.PendingSecret = null;
        state.State.ActiveSince = clock.GetUtcNow();
        state.State.LastAcceptedStep = step;
        state.State.RecoveryCodeHashes = codes.Select(RecoveryCodes.Hash).ToList();
        await state.WriteStateAsync();
        return codes;
    }

    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodes(SecondFactorProof proof)
    {
        await Prove(proof);
        var codes = RecoveryCodes.Generate();
        state.State.RecoveryCodeHashes = codes.Select(RecoveryCodes.Hash).ToList();
        await state.WriteStateAsync();
        return codes;
    }

    public async Task Disable(SecondFactorProof proof)
    {
        await Prove(proof);
        state.State.Secret = null;
        state.State.ActiveSince = null;
        state.State.RecoveryCodeHashes = [];
        _attempts.Clear();
        await state.WriteStateAsync();
    }

    public Task<string> BeginSignIn()
    {
        if (state.State.Secret is null)
        {
            throw WorkspaceException.Conflict(ErrorCodes.SecondFactorNotActive);
        }

        var now = clock.GetUtcNow();
        foreach (var expired in _attempts.Where(a => a.Value <= now).Select(a => a.Key).ToList())
        {
            _attempts.Remove(expired);
        }

        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _attempts[id] = now + SignInAttemptLifetime;
        return Task.FromResult(id);
    }

    public async Task CompleteSignIn(string attemptId, SecondFactorProof proof)
    {
        if (!_attempts.TryGetValue(attemptId ?? string.Empty, out var until) || until <= clock.GetUtcNow())
        {
            throw new WorkspaceException(ErrorKind.Unauthenticated, ErrorCodes.SecondFactorSignInExpired);
        }

        await Prove(proof);
        _attempts.Remove(attemptId!);
    }

    /// <summary>Accepts a current code (each time step once) or an unused recovery code (then spent); otherwise refuses and counts.</summary>
    private async Task Prove(SecondFactorProof proof)
    {
        if (state.State.Secret is not { } secret)
        {
            throw WorkspaceException.Conflict(ErrorCodes.SecondFactorNotActive);
        }

        var now = clock.GetUtcNow();
        if (state.State.LockedUntil is { } locked && locked > now)
        {
            throw new WorkspaceException(ErrorKind.Locked, ErrorCodes.LockedOut);
        }

        state.State.WrongCodes.RemoveAll(at => at <= now - WrongCodeWindow);
        if (state.State.WrongCodes.Count >= WrongCodesPerWindow)
        {
            throw new WorkspaceException(ErrorKind.TooManyRequests, ErrorCodes.SecondFactorTooManyAttempts);
        }

        if (!string.IsNullOrWhiteSpace(proof.RecoveryCode))
        {
            var index = state.State.RecoveryCodeHashes.IndexOf(RecoveryCodes.Hash(proof.RecoveryCode));
            if (index < 0)
            {
                await CountWrongCode(now);
                throw WrongCode("recoveryCode");
            }

            state.State.RecoveryCodeHashes.RemoveAt(index);
            state.State.ConsecutiveWrongCodes = 0;
            await state.WriteStateAsync();
            return;
        }

        if (Step(secret, proof.Code) is not { } step)
        {
            await CountWrongCode(now);
            throw WrongCode("code");
        }

        if (step <= state.State.LastAcceptedStep)
        {
            // RFC 6238 §5.2: a code is accepted once. Not counted: whoever replays it already knew it.
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.SecondFactorCodeUsed, [new FieldError("code", ErrorCodes.SecondFactorCodeUsed)]);
        }

        state.State.LastAcceptedStep = step;
        state.State.ConsecutiveWrongCodes = 0;
        await state.WriteStateAsync();
    }

    private async Task CountWrongCode(DateTimeOffset now)
    {
        state.State.WrongCodes.Add(now);
        state.State.ConsecutiveWrongCodes++;
        var profile = await GrainFactory.GetGrain<IUserGrain>(UserId).GetProfile();
        var lockedUntil = profile is null ? null : await GrainFactory.GetGrain<IAccountGrain>(profile.Email).RecordFailedSecondFactor();

        // Signing in again with the right password resets the account's count; this one stands until a right code.
        if (lockedUntil is null && state.State.ConsecutiveWrongCodes >= options.Value.LockoutThreshold)
        {
            lockedUntil = now + options.Value.LockoutDuration;
        }

        if (lockedUntil is not null)
        {
            state.State.LockedUntil = lockedUntil;
            state.State.ConsecutiveWrongCodes = 0;
            _attempts.Clear();
            await state.WriteStateAsync();
            throw new WorkspaceException(ErrorKind.Locked, ErrorCodes.LockedOut);
        }

        await state.WriteStateAsync();
    }

    /// <summary>The time step a six-digit code matches now (within one step of drift), or null.</summary>
    private long? Step(string secret, string? code)
    {
        var digits = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out var step, Drift) ? step : null;
    }

    private static WorkspaceException WrongCode(string field) =>
        new(ErrorKind.Validation, ErrorCodes.SecondFactorWrongCode, [new FieldError(field, ErrorCodes.SecondFactorWrongCode)]);
}

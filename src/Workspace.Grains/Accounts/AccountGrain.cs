using Microsoft.AspNetCore.Identity;
using SignInResult = Workspace.Contracts.Accounts.SignInResult;
using Microsoft.Extensions.Options;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Organisations;
using Workspace.Grains.Organisations;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Accounts;

/// <summary>
/// Credentials for one normalised email address; enforces lockout after repeated failures (counted per
/// address, whoever claims it). Several unconfirmed claims may coexist; the first to confirm keeps the
/// address (<see cref="AccountGrain"/>'s other half, AccountGrain.Claims.cs).
/// </summary>
public sealed partial class AccountGrain(
    [PersistentState("account", StorageNames.Default)] IPersistentState<AccountState> state,
    IOptions<AccountOptions> options,
    TimeProvider clock) : Grain, IAccountGrain
{
    private static readonly PasswordHasher<AccountState> Hasher = new();

    /// <summary>The hasher ignores its user argument; hashing runs off the grain's thread, away from its state.</summary>
    private static readonly AccountState Nobody = new();

    /// <summary>Verified against when the account does not exist, so timing does not reveal which emails are registered.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => Hasher.HashPassword(Nobody, Guid.NewGuid().ToString()));

    private string Email => this.GetPrimaryKeyString();

    private AccountState S => state.State;

    public Task<UserProfile> Register(NewAccount account, bool isAdministrator) => Open(account, isAdministrator, confirmed: isAdministrator);

    public Task<UserProfile> RegisterConfirmed(NewAccount account) => Open(account, isAdministrator: false, confirmed: true);

    private async Task<UserProfile> Open(NewAccount account, bool isAdministrator, bool confirmed)
    {
        AccountValidation.Check(account);
        await UpgradeOnce();
        if (Normalise.Email(account.Email) != Email)
        {
            throw WorkspaceException.Invalid([new FieldError("email", ErrorCodes.InvalidEmail)]);
        }

        // Only a confirmed owner holds the address against newcomers; unconfirmed claims never block it.
        if (S.EmailConfirmed && S.UserId is not null)
        {
            throw new WorkspaceException(ErrorKind.Conflict, ErrorCodes.EmailTaken, [new FieldError("email", ErrorCodes.EmailTaken)]);
        }

        var hash = await Task.Run(() => Hasher.HashPassword(Nobody, account.Password));

        // An organisation chosen by id, or the typed name: an existing one when it folds to the same name, else a new pending one.
        var organisationId = await OrganisationMembership.Choose(
            GrainFactory,
            account.OrganisationId,
            string.IsNullOrWhiteSpace(account.Organisation)
                ? null
                : OrganisationDetails.Proposal(account.Organisation.Trim(), null, account.Country.Trim().ToUpperInvariant(), OrganisationKind.CivilSociety));
        var profile = new UserProfile(
            Guid.NewGuid(),
            Email,
            Normalise.Text(account.DisplayName),
            Normalise.Text(account.Organisation),
            account.Country.Trim().ToUpperInvariant(),
            isAdministrator,
            NewStamp(),
            ProfileRules.Language(account.Language),
            EmailConfirmed: confirmed);

        // The profile first: an account must never point at a user that does not exist.
        await GrainFactory.GetGrain<IUserGrain>(profile.Id).Initialize(profile);
        var claim = new EmailClaim(profile.Id, hash, clock.GetUtcNow(), IsEmailChange: false);
        if (confirmed)
        {
            await TakeOwnership(claim);
        }
        else
        {
            AddClaim(claim);
            await state.WriteStateAsync();
        }

        return await OrganisationMembership.Join(GrainFactory, profile, organisationId);
    }

    public async Task<SignInResult> SignIn(string password)
    {
        await UpgradeOnce();

        // Failures count per email whether or not it has an account, and a locked email answers the
        // same either way: lockout must not tell anyone which emails are registered.
        var now = clock.GetUtcNow();
        if (S.LockedUntil is { } until && until > now)
        {
            return new SignInResult(SignInStatus.LockedOut, null, until);
        }

        var candidates = SignInClaims().ToArray();
        if (candidates.Length == 0 && S.Lost.Count == 0)
        {
            await Task.Run(() => Hasher.VerifyHashedPassword(Nobody, DecoyHash.Value, password ?? string.Empty));
            return await RecordFailure(now);
        }

        var (matched, verdict) = await Match(candidates, password);
        if (matched is null)
        {
            // Someone who lost the address to its confirmed owner is told so, rather than "wrong password".
            var (lost, _) = await Match(S.Lost, password);
            return lost is null
                ? await RecordFailure(now)
                : new SignInResult(SignInStatus.AddressConfirmedElsewhere, null, null);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            SetHash(matched.UserId, await Task.Run(() => Hasher.HashPassword(Nobody, password!)));
        }

        if (S.FailedAttempts != 0 || S.LockedUntil is not null || verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            S.FailedAttempts = 0;
            S.LockedUntil = null;
            await state.WriteStateAsync();
        }

        var profile = await GrainFactory.GetGrain<IUserGrain>(matched.UserId).GetProfile();
        return profile is null
            ? new SignInResult(SignInStatus.InvalidCredentials, null, null)
            : new SignInResult(SignInStatus.Succeeded, profile, null);
    }

    public async Task ChangePassword(Guid userId, string currentPassword, string newPassword)
    {
        await UpgradeOnce();
        var claim = SignInClaims().FirstOrDefault(c => c.UserId == userId) ?? throw WorkspaceException.NotFound(ErrorCodes.AccountNotFound);

        // Whoever holds a signed-in browser must not get unlimited guesses at the password either.
        ThrowIfLocked();
        new Validator().Password("newPassword", newPassword).ThrowIfInvalid();
        if (!await Check(claim, currentPassword))
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.WrongCurrentPassword, [new FieldError("currentPassword", ErrorCodes.WrongCurrentPassword)]);
        }

        SetHash(userId, await Task.Run(() => Hasher.HashPassword(Nobody, newPassword)));
        S.FailedAttempts = 0;
        await state.WriteStateAsync();

        // Every browser's sign-in ends, and their live connections close; the caller is given a new one.
        await GrainFactory.GetGrain<IUserGrain>(userId).RotateSecurityStamp();
        await GrainFactory.GetGrain<ISignInsGrain>(userId).EndAll();
    }

    public async Task<bool> VerifyPassword(Guid userId, string password)
    {
        await UpgradeOnce();
        var claim = SignInClaims().FirstOrDefault(c => c.UserId == userId) ?? throw WorkspaceException.NotFound(ErrorCodes.AccountNotFound);
        ThrowIfLocked();
        return await Check(claim, password);
    }

    /// <summary>A wrong password counts toward lockout; the attempt that locks is refused as locked.</summary>
    private async Task<bool> Check(EmailClaim claim, string? password)
    {
        var verdict = await Task.Run(() => Hasher.VerifyHashedPassword(Nobody, claim.PasswordHash, password ?? string.Empty));
        if (verdict != PasswordVerificationResult.Failed)
        {
            return true;
        }

        if ((await RecordFailure(clock.GetUtcNow())).Status == SignInStatus.LockedOut)
        {
            throw new WorkspaceException(ErrorKind.Locked, ErrorCodes.LockedOut);
        }

        return false;
    }

    private void ThrowIfLocked()
    {
        if (S.LockedUntil is { } until && until > clock.GetUtcNow())
        {
            throw new WorkspaceException(ErrorKind.Locked, ErrorCodes.LockedOut);
        }
    }

    /// <summary>The first claim whose password this is (the owner's, or the earliest unconfirmed one's).</summary>
    private static async Task<(EmailClaim? Claim, PasswordVerificationResult Verdict)> Match(IEnumerable<EmailClaim> claims, string? password)
    {
        foreach (var claim in claims)
        {
            var verdict = await Task.Run(() => Hasher.VerifyHashedPassword(Nobody, claim.PasswordHash, password ?? string.Empty));
            if (verdict != PasswordVerificationResult.Failed)
            {
                return (claim, verdict);
            }
        }

        return (null, PasswordVerificationResult.Failed);
    }

    public async Task<DateTimeOffset?> RecordFailedSecondFactor() => (await RecordFailure(clock.GetUtcNow())).LockedUntil;

    private async Task<SignInResult> RecordFailure(DateTimeOffset now)
    {
        S.FailedAttempts++;
        DateTimeOffset? lockedUntil = null;
        if (S.FailedAttempts >= options.Value.LockoutThreshold)
        {
            lockedUntil = now + options.Value.LockoutDuration;
            S.LockedUntil = lockedUntil;
            S.FailedAttempts = 0;
        }

        await state.WriteStateAsync();
        return lockedUntil is null
            ? new SignInResult(SignInStatus.InvalidCredentials, null, null)
            : new SignInResult(SignInStatus.LockedOut, null, lockedUntil);
    }

    internal static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}

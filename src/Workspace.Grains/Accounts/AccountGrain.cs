using Microsoft.AspNetCore.Identity;
using SignInResult = Workspace.Contracts.Accounts.SignInResult;
using Microsoft.Extensions.Options;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Organisations;
using Workspace.Grains.Organisations;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Accounts;

/// <summary>Credentials for one normalised email address; enforces lockout after repeated failures.</summary>
public sealed class AccountGrain(
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

    public async Task<UserProfile> Register(NewAccount account, bool isAdministrator)
    {
        AccountValidation.Check(account);
        if (Normalise.Email(account.Email) != Email)
        {
            throw WorkspaceException.Invalid([new FieldError("email", ErrorCodes.InvalidEmail)]);
        }

        if (state.State.UserId is not null)
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
            NewStamp());

        // The profile first: an account must never point at a user that does not exist.
        await GrainFactory.GetGrain<IUserGrain>(profile.Id).Initialize(profile);
        state.State.UserId = profile.Id;
        state.State.PasswordHash = hash;
        state.State.CreatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        return await OrganisationMembership.Join(GrainFactory, profile, organisationId);
    }

    public async Task<SignInResult> SignIn(string password)
    {
        // Failures count per email whether or not it has an account, and a locked email answers the
        // same either way: lockout must not tell anyone which emails are registered.
        var now = clock.GetUtcNow();
        if (state.State.LockedUntil is { } until && until > now)
        {
            return new SignInResult(SignInStatus.LockedOut, null, until);
        }

        if (state.State.UserId is not { } userId)
        {
            await Task.Run(() => Hasher.VerifyHashedPassword(Nobody, DecoyHash.Value, password ?? string.Empty));
            return await RecordFailure(now);
        }

        var stored = state.State.PasswordHash;
        var verdict = await Task.Run(() => Hasher.VerifyHashedPassword(Nobody, stored, password ?? string.Empty));
        if (verdict == PasswordVerificationResult.Failed)
        {
            return await RecordFailure(now);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            state.State.PasswordHash = await Task.Run(() => Hasher.HashPassword(Nobody, password!));
        }

        if (state.State.FailedAttempts != 0 || state.State.LockedUntil is not null || verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            state.State.FailedAttempts = 0;
            state.State.LockedUntil = null;
            await state.WriteStateAsync();
        }

        var profile = await GrainFactory.GetGrain<IUserGrain>(userId).GetProfile();
        return profile is null
            ? new SignInResult(SignInStatus.InvalidCredentials, null, null)
            : new SignInResult(SignInStatus.Succeeded, profile, null);
    }

    public async Task ChangePassword(string currentPassword, string newPassword)
    {
        if (state.State.UserId is not { } userId)
        {
            throw WorkspaceException.NotFound(ErrorCodes.AccountNotFound);
        }

        // Whoever holds a signed-in browser must not get unlimited guesses at the password either.
        var now = clock.GetUtcNow();
        if (state.State.LockedUntil is { } until && until > now)
        {
            throw new WorkspaceException(ErrorKind.Locked, ErrorCodes.LockedOut);
        }

        new Validator().Password("newPassword", newPassword).ThrowIfInvalid();
        var stored = state.State.PasswordHash;
        var verdict = await Task.Run(() => Hasher.VerifyHashedPassword(Nobody, stored, currentPassword ?? string.Empty));
        if (verdict == PasswordVerificationResult.Failed)
        {
            if ((await RecordFailure(now)).Status == SignInStatus.LockedOut)
            {
                throw new WorkspaceException(ErrorKind.Locked, ErrorCodes.LockedOut);
            }

            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.WrongCurrentPassword, [new FieldError("currentPassword", ErrorCodes.WrongCurrentPassword)]);
        }

        state.State.PasswordHash = await Task.Run(() => Hasher.HashPassword(Nobody, newPassword));
        state.State.FailedAttempts = 0;
        await state.WriteStateAsync();

        // Every browser's sign-in ends, and their live connections close; the caller is given a new one.
        await GrainFactory.GetGrain<IUserGrain>(userId).RotateSecurityStamp();
        await GrainFactory.GetGrain<ISignInsGrain>(userId).EndAll();
    }

    public async Task ResetPassword(string newPassword)
    {
        var userId = state.State.UserId ?? throw WorkspaceException.NotFound(ErrorCodes.AccountNotFound);
        new Validator().Password("newPassword", newPassword).ThrowIfInvalid();
        state.State.PasswordHash = await Task.Run(() => Hasher.HashPassword(Nobody, newPassword));
        state.State.FailedAttempts = 0;
        state.State.LockedUntil = null;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserGrain>(userId).RotateSecurityStamp();
        await GrainFactory.GetGrain<ISignInsGrain>(userId).EndAll();
    }

    /// <summary>
    /// Undoes a registration whose invitation could not be used after all (nobody has signed in with it):
    /// a refused registration leaves no account behind.
    /// </summary>
    public async Task Withdraw(Guid userId)
    {
        if (state.State.UserId == userId)
        {
            if (await GrainFactory.GetGrain<IUserGrain>(userId).GetProfile() is { OrganisationId: { } organisationId })
            {
                await GrainFactory.GetGrain<IOrganisationGrain>(organisationId).RemovePerson(userId);
            }

            await state.ClearStateAsync();
        }
    }

    public Task<Guid?> GetUserId() => Task.FromResult(state.State.UserId);

    public async Task<DateTimeOffset?> RecordFailedSecondFactor() => (await RecordFailure(clock.GetUtcNow())).LockedUntil;

    private async Task<SignInResult> RecordFailure(DateTimeOffset now)
    {
        state.State.FailedAttempts++;
        DateTimeOffset? lockedUntil = null;
        if (state.State.FailedAttempts >= options.Value.LockoutThreshold)
        {
            lockedUntil = now + options.Value.LockoutDuration;
            state.State.LockedUntil = lockedUntil;
            state.State.FailedAttempts = 0;
        }

        await state.WriteStateAsync();
        return lockedUntil is null
            ? new SignInResult(SignInStatus.InvalidCredentials, null, null)
            : new SignInResult(SignInStatus.LockedOut, null, lockedUntil);
    }

    internal static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}

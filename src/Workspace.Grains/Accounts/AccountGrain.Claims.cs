using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Organisations;
using Workspace.Grains.Groups;

namespace Workspace.Grains.Accounts;

/// <summary>Claims on the address: who may sign in with it, confirmation, and accounts moving in and out.</summary>
public sealed partial class AccountGrain
{
    public async Task Withdraw(Guid userId)
    {
        if (S.EmailConfirmed && S.UserId == userId)
        {
            S.EmailConfirmed = false; // a registration undone: the claims it displaced stay lost
        }

        var all = Claims().ToList();
        if (all.RemoveAll(c => c.UserId == userId) == 0)
        {
            return;
        }

        if (await GrainFactory.GetGrain<IUserGrain>(userId).GetProfile() is { OrganisationId: { } organisationId })
        {
            await GrainFactory.GetGrain<IOrganisationGrain>(organisationId).RemovePerson(userId);
        }

        S.Confirmations.Remove(userId);
        Store(all);
        if (all.Count == 0 && S.Lost.Count == 0)
        {
            await state.ClearStateAsync();
            return;
        }

        await state.WriteStateAsync();
    }

    /// <summary>
    /// A reset link proved the person (by email to a confirmed address, or handed over by the administrator):
    /// the claim's password is replaced, the lockout cleared, and every sign-in of the person ends.
    /// </summary>
    public async Task ResetPassword(Guid userId, string newPassword)
    {
        await UpgradeOnce();
        _ = SignInClaims().FirstOrDefault(c => c.UserId == userId) ?? throw WorkspaceException.NotFound(ErrorCodes.AccountNotFound);
        new Validation.Validator().Password("newPassword", newPassword).ThrowIfInvalid();
        SetHash(userId, await Task.Run(() => Hasher.HashPassword(Nobody, newPassword)));
        S.FailedAttempts = 0;
        S.LockedUntil = null;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserGrain>(userId).RotateSecurityStamp();
        await GrainFactory.GetGrain<ISignInsGrain>(userId).EndAll();
    }

    public async Task<IReadOnlyList<Guid>> GetClaimants()
    {
        await UpgradeOnce();
        return SignInClaims().Select(c => c.UserId).ToArray();
    }

    public async Task<Guid?> GetUserId()
    {
        await UpgradeOnce();
        return S.EmailConfirmed ? S.UserId : null;
    }

    public async Task<string> IssueConfirmation(Guid userId)
    {
        await UpgradeOnce();
        if (S.EmailConfirmed && S.UserId == userId)
        {
            throw WorkspaceException.Conflict(ErrorCodes.AlreadyConfirmed);
        }

        if (!Claims().Any(c => c.UserId == userId))
        {
            throw WorkspaceException.NotFound(ErrorCodes.AccountNotFound);
        }

        var now = clock.GetUtcNow();
        if (S.Confirmations.TryGetValue(userId, out var pending) && now < pending.IssuedAt + options.Value.EmailConfirmationResendInterval)
        {
            throw WorkspaceException.Conflict(ErrorCodes.ConfirmationTooSoon);
        }

        return await NewToken(userId, now);
    }

    public async Task<string> ClaimForChange(Guid userId)
    {
        await UpgradeOnce();
        if (S.EmailConfirmed && S.UserId is { } owner)
        {
            throw owner == userId
                ? WorkspaceException.Invalid([new FieldError("newEmail", ErrorCodes.SameEmail)])
                : new WorkspaceException(ErrorKind.Conflict, ErrorCodes.EmailTaken, [new FieldError("newEmail", ErrorCodes.EmailTaken)]);
        }

        AddClaim(new EmailClaim(userId, string.Empty, clock.GetUtcNow(), IsEmailChange: true));
        return await NewToken(userId, clock.GetUtcNow());
    }

    public async Task<UserProfile> Confirm(Guid userId, string tokenHash)
    {
        await UpgradeOnce();
        if (!S.Confirmations.TryGetValue(userId, out var pending) || pending.TokenHash != tokenHash)
        {
            throw WorkspaceException.NotFound(ErrorCodes.ConfirmationInvalid);
        }

        if (clock.GetUtcNow() >= pending.ExpiresAt)
        {
            throw new WorkspaceException(ErrorKind.Gone, ErrorCodes.ConfirmationExpired);
        }

        var claim = Claims().FirstOrDefault(c => c.UserId == userId) ?? throw WorkspaceException.NotFound(ErrorCodes.ConfirmationInvalid);
        var user = GrainFactory.GetGrain<IUserGrain>(userId);
        if (claim.IsEmailChange)
        {
            // The account moves: its password comes along from the address it leaves, which lets it go.
            var from = (await user.GetProfile())?.Email ?? throw WorkspaceException.NotFound(ErrorCodes.ConfirmationInvalid);
            var hash = await GrainFactory.GetGrain<IAccountGrain>(from).Release(userId)
                ?? throw WorkspaceException.NotFound(ErrorCodes.ConfirmationInvalid);
            claim = claim with { PasswordHash = hash, IsEmailChange = false };
        }

        await TakeOwnership(claim);
        return await user.GetProfile() ?? throw WorkspaceException.NotFound(ErrorCodes.AccountNotFound);
    }

    public async Task<string?> Release(Guid userId)
    {
        await UpgradeOnce();
        string? hash;
        if (S.EmailConfirmed && S.UserId == userId)
        {
            hash = S.PasswordHash;
            S.EmailConfirmed = false;
            Store([]);
        }
        else
        {
            var all = Claims().ToList();
            hash = all.FirstOrDefault(c => c.UserId == userId && !c.IsEmailChange)?.PasswordHash;
            all.RemoveAll(c => c.UserId == userId);
            Store(all);
        }

        S.Confirmations.Remove(userId);
        await state.WriteStateAsync();
        return hash;
    }

    /// <summary>
    /// The claim becomes the owner: every other claim loses the address (those that signed in with it are
    /// told so at sign-in, and their sign-ins end), and every pending confirmation dies.
    /// </summary>
    private async Task TakeOwnership(EmailClaim claim)
    {
        var losers = Claims().Where(c => c.UserId != claim.UserId).ToArray();
        S.Lost.AddRange(losers.Where(c => !c.IsEmailChange));
        S.UserId = claim.UserId;
        S.PasswordHash = claim.PasswordHash;
        S.CreatedAt = claim.CreatedAt;
        S.EmailConfirmed = true;
        S.Upgraded = true;
        S.OtherClaims = [];
        S.Confirmations.Clear();
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserGrain>(claim.UserId).ConfirmEmail(Email);
        foreach (var loser in losers.Where(c => !c.IsEmailChange))
        {
            await GrainFactory.GetGrain<ISignInsGrain>(loser.UserId).EndAll();
        }
    }

    private async Task<string> NewToken(Guid userId, DateTimeOffset now)
    {
        var token = InvitationTokens.NewToken();
        var hash = InvitationTokens.Hash(token);

        // The token resolves before it is pending: a link that was sent always finds its claim.
        await GrainFactory.GetGrain<IEmailTokenGrain>(hash).Register(new EmailTokenTarget(Email, userId));
        S.Confirmations[userId] = new PendingConfirmation(hash, now, now + options.Value.EmailConfirmationLifetime);
        await state.WriteStateAsync();
        return token;
    }

    /// <summary>Accounts stored before claims existed are unconfirmed, except the administrator created at setup (the setup token proved them).</summary>
    private async Task UpgradeOnce()
    {
        if (S.Upgraded || S.UserId is not { } userId)
        {
            return;
        }

        S.Upgraded = true;
        var user = GrainFactory.GetGrain<IUserGrain>(userId);
        if (!S.EmailConfirmed && (await user.GetProfile())?.IsAdmin == true)
        {
            S.EmailConfirmed = true;
            await user.ConfirmEmail(Email);
        }

        await state.WriteStateAsync();
    }

    /// <summary>Every claim: the primary one (the owner when confirmed) and the others.</summary>
    private IEnumerable<EmailClaim> Claims()
    {
        if (S.UserId is { } id)
        {
            yield return new EmailClaim(id, S.PasswordHash, S.CreatedAt, IsEmailChange: false);
        }

        foreach (var claim in S.OtherClaims)
        {
            yield return claim;
        }
    }

    /// <summary>Claims whose password signs in here (an email change signs in at its old address until confirmed).</summary>
    private IEnumerable<EmailClaim> SignInClaims() => Claims().Where(c => !c.IsEmailChange);

    /// <summary>A new unconfirmed claim (replacing the same account's); past the limit the oldest gives way, so claims never block.</summary>
    private void AddClaim(EmailClaim claim)
    {
        var all = Claims().Where(c => c.UserId != claim.UserId).Append(claim).OrderBy(c => c.CreatedAt).ToList();
        while (all.Count > options.Value.MaxUnconfirmedClaims)
        {
            S.Confirmations.Remove(all[0].UserId);
            all.RemoveAt(0);
        }

        Store(all);
        S.Upgraded = true;
    }

    /// <summary>Lays out unconfirmed claims: the earliest that signs in is primary.</summary>
    private void Store(List<EmailClaim> all)
    {
        var primary = all.FirstOrDefault(c => !c.IsEmailChange);
        S.UserId = primary?.UserId;
        S.PasswordHash = primary?.PasswordHash ?? string.Empty;
        S.CreatedAt = primary?.CreatedAt ?? default;
        S.OtherClaims = all.Where(c => c != primary).ToList();
    }

    private void SetHash(Guid userId, string hash)
    {
        if (S.UserId == userId)
        {
            S.PasswordHash = hash;
            return;
        }

        S.OtherClaims = S.OtherClaims.Select(c => c.UserId == userId ? c with { PasswordHash = hash } : c).ToList();
    }
}

using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Grains.Accounts;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Groups;

/// <summary>Appointment by person (no email needed), member records following profile changes, and personal invitations by email.</summary>
public sealed partial class WorkingGroupGrain
{
    /// <summary>How many addresses one request may invite.</summary>
    public const int EmailInvitationsMax = 100;

    public async Task<MemberView> AppointFacilitatorById(Guid actorId, Guid userId)
    {
        var actor = await Visible(actorId);
        GroupPolicy.RequireAdmin(actor);
        return await Appoint(actor, await FindPerson("userId", userId));
    }

    public async Task MemberProfileChanged(UserProfile profile)
    {
        if (!S.Exists || !S.Members.TryGetValue(profile.Id, out var member)
            || (member.DisplayName == profile.DisplayName && member.Country == profile.Country))
        {
            return;
        }

        S.Members[profile.Id] = member with { DisplayName = profile.DisplayName, Country = profile.Country };
        await state.WriteStateAsync();
    }

    public async Task<IReadOnlyList<InvitationView>> CreateEmailInvitations(Guid actorId, EmailInvitationRequest request)
    {
        var actor = await Manager(actorId);
        var emails = request.Emails ?? [];
        var validator = new Validator()
            .Check(emails.Count > 0, "emails", ErrorCodes.Required)
            .Check(emails.Count <= EmailInvitationsMax, "emails", ErrorCodes.TooMany)
            .Check(ProfileRules.IsLanguage(request.Language), "language", ErrorCodes.InvalidLanguage);
        for (var i = 0; i < Math.Min(emails.Count, EmailInvitationsMax); i++)
        {
            validator.Email($"emails[{i}]", emails[i]?.Trim());
        }

        validator.ThrowIfInvalid();
        GroupValidation.Check(new InvitationRequest(request.Role, request.ExpiresInDays, 1));
        var language = ProfileRules.Language(request.Language) ?? actor.EmailLanguage;
        var now = clock.GetUtcNow();
        var created = new List<InvitationView>();
        foreach (var email in emails.Select(e => Normalise.Email(e)).Distinct(StringComparer.Ordinal))
        {
            var token = InvitationTokens.NewToken();
            var invitation = new InvitationRecord(
                Guid.NewGuid(), InvitationTokens.Hash(token), request.Role, now, now.AddDays(request.ExpiresInDays),
                1, 0, false, actor.Id, actor.DisplayName, email, language);

            // The token resolves before the invitation is listed: a listed link always works.
            await GrainFactory.GetGrain<IInvitationTokenGrain>(invitation.TokenHash).Register(GroupId, invitation.Id);
            S.Invitations[invitation.Id] = invitation;
            Audit(actor, AuditActions.InvitationCreated, null, request.Role.ToString());
            created.Add(invitation.ToView(now, token));
        }

        await state.WriteStateAsync();
        return created;
    }

    public async Task<InvitationView> RenewEmailInvitation(Guid actorId, Guid invitationId)
    {
        var actor = await Manager(actorId);
        var invitation = S.Invitations.GetValueOrDefault(invitationId) ?? throw WorkspaceException.NotFound(ErrorCodes.InvitationNotFound);
        if (invitation.Email is null)
        {
            throw WorkspaceException.Conflict(ErrorCodes.InvitationNotByEmail);
        }

        switch (invitation.StatusAt(clock.GetUtcNow()))
        {
            case InvitationStatus.Revoked: throw new WorkspaceException(ErrorKind.Gone, ErrorCodes.InvitationRevoked);
            case InvitationStatus.UsedUp: throw new WorkspaceException(ErrorKind.Gone, ErrorCodes.InvitationUsedUp);
        }

        // A new token with a fresh expiry; the old token leads nowhere from now on.
        var now = clock.GetUtcNow();
        var token = InvitationTokens.NewToken();
        var renewed = invitation with { TokenHash = InvitationTokens.Hash(token), ExpiresAt = now + (invitation.ExpiresAt - invitation.CreatedAt) };
        await GrainFactory.GetGrain<IInvitationTokenGrain>(renewed.TokenHash).Register(GroupId, invitationId);
        S.Invitations[invitationId] = renewed;
        Audit(actor, AuditActions.InvitationCreated, null, invitation.Role.ToString());
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IInvitationTokenGrain>(invitation.TokenHash).Forget();
        return renewed.ToView(now, token);
    }

    /// <summary>A person chosen by id (only administrators choose, so it reveals nothing to anyone else).</summary>
    private async Task<UserProfile> FindPerson(string field, Guid userId) =>
        await GrainFactory.GetGrain<IUserGrain>(userId).GetProfile()
        ?? throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.AccountNotFound, [new FieldError(field, ErrorCodes.AccountNotFound)]);
}

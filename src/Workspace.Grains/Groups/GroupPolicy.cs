using Workspace.Contracts.Accounts;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Groups;

/// <summary>
/// Who may do what in one group, decided from its stored membership and the caller's stored profile
/// (never from anything a client claims). Plain rules over <see cref="GroupState"/>: the grain loads
/// the profile, asks here, and acts on the answer; a refusal is a typed <see cref="WorkspaceException"/>.
/// To anyone outside the group, the group and everything in it do not exist.
/// </summary>
public sealed class GroupPolicy(GroupState group)
{
    /// <summary>The caller's role in the group: the administrator acts as a facilitator in every group; null for anyone outside it.</summary>
    public GroupRole? EffectiveRole(UserProfile actor) =>
        actor.IsAdmin ? GroupRole.Facilitator
        : group.Members.TryGetValue(actor.Id, out var member) ? member.Role
        : null;

    /// <summary>The role someone holds as a member (the administrator holds none unless admitted); null for a group that does not exist.</summary>
    public GroupRole? MemberRole(Guid userId) =>
        group.Exists && group.Members.TryGetValue(userId, out var member) ? member.Role : null;

    /// <summary>Facilitators and the administrator manage the group: its details, members, invitations, documents and sessions.</summary>
    public bool CanManage(UserProfile actor) => EffectiveRole(actor) == GroupRole.Facilitator;

    public void RequireExists()
    {
        if (!group.Exists)
        {
            throw WorkspaceException.NotFound(ErrorCodes.GroupNotFound);
        }
    }

    /// <summary>Members and the administrator see the group; to anyone else it does not exist. Returns the caller's role.</summary>
    public GroupRole RequireVisible(UserProfile actor)
    {
        RequireExists();
        return EffectiveRole(actor) ?? throw WorkspaceException.NotFound(ErrorCodes.GroupNotFound);
    }

    /// <summary>Only those who manage the group; a member who does not is refused, an outsider finds nothing.</summary>
    public void RequireManager(UserProfile actor)
    {
        RequireVisible(actor);
        if (!CanManage(actor))
        {
            throw WorkspaceException.Forbidden(ErrorCodes.FacilitatorOnly);
        }
    }

    /// <summary>Creating groups and appointing facilitators is the administrator's.</summary>
    public static void RequireAdmin(UserProfile actor)
    {
        if (!actor.IsAdmin)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.AdminOnly);
        }
    }

    /// <summary>Writing (a recommendation, a vote) needs at least a member's role; observers follow.</summary>
    public static void RequireMember(GroupRole role)
    {
        if (role < GroupRole.Member)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.MembersOnly);
        }
    }

    public MemberRecord Member(Guid userId) =>
        group.Members.TryGetValue(userId, out var member) ? member : throw WorkspaceException.NotFound(ErrorCodes.MemberNotFound);

    /// <summary>
    /// A manager gives a member another role (their own included). Returns the member as they are now,
    /// or null when nothing changes; refuses an unknown role or member and taking the last facilitator's role.
    /// </summary>
    public MemberRecord? RoleChange(Guid userId, GroupRole role)
    {
        if (!Enum.IsDefined(role))
        {
            throw WorkspaceException.Invalid([new FieldError("role", ErrorCodes.InvalidRole)]);
        }

        var member = Member(userId);
        if (member.Role == role)
        {
            return null;
        }

        RequireAnotherFacilitator(member);
        return member;
    }

    /// <summary>A manager removes a member (themself included), unless the member is the last facilitator.</summary>
    public MemberRecord Removal(Guid userId)
    {
        var member = Member(userId);
        RequireAnotherFacilitator(member);
        return member;
    }

    /// <summary>A member leaves, unless they are the last facilitator; to someone outside the group it does not exist.</summary>
    public MemberRecord Departure(Guid userId)
    {
        RequireExists();
        if (!group.Members.TryGetValue(userId, out var member))
        {
            throw WorkspaceException.NotFound(ErrorCodes.GroupNotFound);
        }

        RequireAnotherFacilitator(member);
        return member;
    }

    /// <summary>A group always keeps at least one facilitator: the last one can neither leave, be removed, nor lose the role.</summary>
    public void RequireAnotherFacilitator(MemberRecord leaving)
    {
        if (leaving.Role == GroupRole.Facilitator && group.Members.Values.Count(m => m.Role == GroupRole.Facilitator) == 1)
        {
            throw WorkspaceException.Conflict(ErrorCodes.LastFacilitator);
        }
    }

    /// <summary>
    /// Whether <paramref name="user"/> may join through <paramref name="invitation"/>, counting
    /// <paramref name="held"/> uses that registrations under way hold. True when they are to be admitted;
    /// false when they already hold its role or a higher one (joining twice is harmless and costs no use).
    /// </summary>
    public bool Admits(InvitationRecord invitation, UserProfile user, int held, DateTimeOffset now)
    {
        RequireUsable(invitation, held, now);
        RequireAddressee(invitation, user);

        // Someone removed comes back only through a link created after the removal, not one they kept.
        if (group.Removed.TryGetValue(user.Id, out var removedAt) && invitation.CreatedAt <= removedAt)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.InvitationPredatesRemoval);
        }

        return !(group.Members.TryGetValue(user.Id, out var existing) && existing.Role >= invitation.Role);
    }

    /// <summary>Refuses a link that is revoked, expired or used up, counting the <paramref name="held"/> uses reserved by registrations under way.</summary>
    public static void RequireUsable(InvitationRecord invitation, int held, DateTimeOffset now)
    {
        switch ((invitation with { Uses = invitation.Uses + held }).StatusAt(now))
        {
            case InvitationStatus.Revoked: throw new WorkspaceException(ErrorKind.Gone, ErrorCodes.InvitationRevoked);
            case InvitationStatus.Expired: throw new WorkspaceException(ErrorKind.Gone, ErrorCodes.InvitationExpired);
            case InvitationStatus.UsedUp: throw new WorkspaceException(ErrorKind.Gone, ErrorCodes.InvitationUsedUp);
        }
    }

    /// <summary>A personal invitation admits only the account at the address it was sent to.</summary>
    public static void RequireAddressee(InvitationRecord invitation, UserProfile user)
    {
        if (invitation.Email is { } bound && Normalise.Email(user.Email) != bound)
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.InvitationEmailMismatch, [new FieldError("email", ErrorCodes.InvitationEmailMismatch)]);
        }
    }

    /// <summary>Who someone is to the grains that belong to the group (recommendations, sessions); to anyone outside, the group does not exist.</summary>
    public GroupMemberAccess MemberAccess(UserProfile? profile)
    {
        if (profile is null || !group.Exists || EffectiveRole(profile) is not { } role)
        {
            throw WorkspaceException.NotFound(ErrorCodes.GroupNotFound);
        }

        var member = group.Members.GetValueOrDefault(profile.Id);
        return new GroupMemberAccess(
            profile.Id, role, member?.DisplayName ?? profile.DisplayName, member?.Organisation ?? profile.Organisation, group.ObserversSeeNames,
            profile.OrganisationId);
    }

    /// <summary>
    /// What someone may do with one of the group's documents (recommendation bodies included). A document
    /// they may not read does not exist for them, exactly like one that does not exist at all.
    /// </summary>
    public DocumentAccess DocumentAccess(UserProfile? profile, Guid documentId)
    {
        if (profile is null || !group.Exists || !group.Documents.TryGetValue(documentId, out var document)
            || EffectiveRole(profile) is not { } role || !MayRead(document, role))
        {
            throw WorkspaceException.NotFound(ErrorCodes.DocumentNotFound);
        }

        var member = group.Members.GetValueOrDefault(profile.Id);
        return new DocumentAccess(document, role, member?.DisplayName ?? profile.DisplayName, member?.Organisation ?? profile.Organisation)
        {
            ObserversSeeNames = group.ObserversSeeNames,
        };
    }

    /// <summary>Members and facilitators read every document; observers only those made visible to observers.</summary>
    public static bool MayRead(DocumentSummary document, GroupRole role) => document.Readable(role);

    /// <summary>Facilitators edit every document that is not frozen; members those that are not locked either; observers none.</summary>
    public static bool MayEdit(DocumentSummary document, GroupRole role) => document.Editable(role);

    /// <summary>Why someone may not edit (as a document's restore answers): a member facing a lock is told it is locked; anyone else, read-only.</summary>
    public static WorkspaceException EditRefusal(DocumentSummary document, GroupRole role) =>
        role >= GroupRole.Member && document.Locked
            ? new WorkspaceException(ErrorKind.Locked, ErrorCodes.DocumentLocked)
            : WorkspaceException.Forbidden(ErrorCodes.DocumentReadOnly);

    /// <summary>Observers read the recommendations made visible to them; members and facilitators read all.</summary>
    public static bool MayRead(RecommendationSummary recommendation, GroupRole role) => MayRead(recommendation.Facts, role);

    /// <inheritdoc cref="MayRead(RecommendationSummary, GroupRole)"/>
    public static bool MayRead(RecommendationFacts recommendation, GroupRole role) =>
        role > GroupRole.Observer || recommendation.Visibility == DocumentVisibility.Observers;

    /// <summary>The catalogue as someone with <paramref name="role"/> sees it: documents they may read, recommendation bodies left to their threads.</summary>
    public IEnumerable<DocumentSummary> ReadableDocuments(GroupRole role) =>
        group.Documents.Values.Where(d => d.RecommendationId is null && MayRead(d, role));

    public IEnumerable<RecommendationSummary> ReadableRecommendations(GroupRole role) =>
        group.Recommendations.Values.Where(r => MayRead(r, role));

    /// <summary>A document of the catalogue: recommendation bodies are managed through their recommendation.</summary>
    public DocumentSummary CatalogueDocument(Guid documentId) =>
        group.Documents.TryGetValue(documentId, out var document) && document.RecommendationId is null
            ? document
            : throw WorkspaceException.NotFound(ErrorCodes.DocumentNotFound);

    /// <summary>Whether observers may see a document or recommendation of the group (false for anything unknown).</summary>
    public bool VisibleToObservers(Guid targetId) =>
        (group.Documents.TryGetValue(targetId, out var d) && d.Visibility == DocumentVisibility.Observers)
        || (group.Recommendations.TryGetValue(targetId, out var r) && r.Facts.Visibility == DocumentVisibility.Observers);
}

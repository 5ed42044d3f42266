using Microsoft.Extensions.Options;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Sessions;
using Workspace.Contracts.Server;
using Workspace.Grains.Live;
using Workspace.Grains.Recommendations;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Groups;

/// <summary>
/// The authority for one working group. Who may do what is decided here, from the stored
/// membership and the caller's stored profile, never from anything a client claims.
/// </summary>
public sealed partial class WorkingGroupGrain(
    [PersistentState("group", StorageNames.Default)] IPersistentState<GroupState> state,
    TimeProvider clock,
    IOptions<NodeOptions> nodeOptions,
    IClusterMembershipService? membership = null) : Grain, IWorkingGroupGrain
{
    /// <summary>The nodes following the group's live events (boards, recommendation threads).</summary>
    private readonly NodeWatchers<IGroupObserver> _watchers = new(nodeOptions.Value.Expiry, clock, membership);

    /// <summary>
    /// Invitation uses held by registrations under way. Memory only: an activation that is lost frees
    /// them, and a registration that then finds its link used up withdraws its account.
    /// </summary>
    private readonly Dictionary<Guid, (Guid InvitationId, DateTimeOffset Until)> _reservations = [];

    /// <summary>How long a registration may hold an invitation's use before it lapses.</summary>
    public static readonly TimeSpan ReservationLifetime = TimeSpan.FromMinutes(1);

    private GroupState S => state.State;

    private Guid GroupId => this.GetPrimaryKey();

    public Task<GroupView> Create(Guid actorId, GroupDetails details, string? facilitatorEmail) =>
        Open(actorId, details, string.IsNullOrWhiteSpace(facilitatorEmail) ? null : () => FindAccount("facilitatorEmail", facilitatorEmail));

    public Task<GroupView> CreateWithFacilitator(Guid actorId, GroupDetails details, Guid facilitatorId) =>
        Open(actorId, details, () => FindPerson("facilitatorId", facilitatorId));

    private async Task<GroupView> Open(Guid actorId, GroupDetails details, Func<Task<UserProfile>>? findFacilitator)
    {
        var actor = await Actor(actorId);
        GroupPolicy.RequireAdmin(actor);
        if (S.Exists)
        {
            throw WorkspaceException.Conflict(ErrorCodes.GroupAlreadyExists);
        }

        var clean = GroupValidation.Clean(details);
        var facilitator = findFacilitator is null ? null : await findFacilitator();
        S.Exists = true;
        S.Details = clean;
        S.CreatedAt = clock.GetUtcNow();
        Audit(actor, AuditActions.GroupCreated, null, clean.Name);
        if (facilitator is not null)
        {
            Admit(facilitator, GroupRole.Facilitator);
            Audit(actor, AuditActions.MemberAppointed, facilitator.DisplayName, nameof(GroupRole.Facilitator));
        }

        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IServerGrain>(0).RegisterGroup(GroupId);
        if (facilitator is not null)
        {
            await GrainFactory.GetGrain<IUserGrain>(facilitator.Id).AddGroup(GroupId);
        }

        return View(actor);
    }

    public async Task<GroupView> Get(Guid actorId) => View(await Visible(actorId));

    public async Task<GroupView> Update(Guid actorId, GroupDetails details)
    {
        var actor = await Manager(actorId);
        S.Details = GroupValidation.Clean(details);
        Audit(actor, AuditActions.GroupUpdated, null, S.Details.Name);
        await state.WriteStateAsync();
        return View(actor);
    }

    /// <summary>The members as the reader may see them: an observer of a group that hides names gets organisations, countries and roles, ordered by those alone.</summary>
    public async Task<IReadOnlyList<MemberView>> GetMembers(Guid actorId)
    {
        var disclosure = new Disclosure(Policy.RequireVisible(await Actor(actorId)), S.ObserversSeeNames);
        return S.Members.Values
            .Select(m => m.ToView(m.UserId == actorId ? Disclosure.Full : disclosure)) // one's own row is no secret to oneself
            .OrderByDescending(m => m.Role)
            .ThenBy(m => m.DisplayName ?? string.Empty, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(m => m.Organisation, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(m => m.Country, StringComparer.Ordinal)
            .ThenBy(m => m.JoinedAt)
            .ToArray();
    }

    public Task<GroupRole?> GetRole(Guid userId) => Task.FromResult(Policy.MemberRole(userId));

    public async Task<MemberView> AppointFacilitator(Guid actorId, string email)
    {
        var actor = await Visible(actorId);
        GroupPolicy.RequireAdmin(actor);
        return await Appoint(actor, await FindAccount("email", email));
    }

    private async Task<MemberView> Appoint(UserProfile actor, UserProfile target)
    {
        var member = Admit(target, GroupRole.Facilitator);
        Audit(actor, AuditActions.MemberAppointed, target.DisplayName, nameof(GroupRole.Facilitator));
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserGrain>(target.Id).AddGroup(GroupId);
        return member.ToView();
    }

    public async Task<MemberView> ChangeRole(Guid actorId, Guid userId, GroupRole role)
    {
        var actor = await Manager(actorId);
        if (Policy.RoleChange(userId, role) is not { } member)
        {
            return S.Members[userId].ToView();
        }

        var changed = member with { Role = role };
        S.Members[userId] = changed;
        Audit(actor, AuditActions.MemberRoleChanged, member.DisplayName, role.ToString());
        await state.WriteStateAsync();
        await TellDocuments(d => d.MemberChanged(userId, role));
        TellWatchers(w => w.Member(GroupId, userId, role));
        TellLiveSessions(userId);
        return changed.ToView();
    }

    public async Task RemoveMember(Guid actorId, Guid userId)
    {
        var actor = await Manager(actorId);
        var member = Policy.Removal(userId);
        S.Members.Remove(userId);
        S.Removed[userId] = clock.GetUtcNow();
        Audit(actor, AuditActions.MemberRemoved, member.DisplayName, null);
        await state.WriteStateAsync();
        await TellDocuments(d => d.MemberChanged(userId, null));
        TellWatchers(w => w.Member(GroupId, userId, null));
        TellLiveSessions(userId);
        await GrainFactory.GetGrain<IUserGrain>(userId).RemoveGroup(GroupId);
    }

    public async Task Leave(Guid actorId)
    {
        var actor = await Actor(actorId);
        Policy.Departure(actorId);
        S.Members.Remove(actorId);
        Audit(actor, AuditActions.MemberLeft, null, null);
        await state.WriteStateAsync();
        await TellDocuments(d => d.MemberChanged(actorId, null));
        TellWatchers(w => w.Member(GroupId, actorId, null));
        TellLiveSessions(actorId);
        await GrainFactory.GetGrain<IUserGrain>(actorId).RemoveGroup(GroupId);
    }

    public async Task<InvitationView> CreateInvitation(Guid actorId, InvitationRequest request)
    {
        var actor = await Manager(actorId);
        GroupValidation.Check(request);
        var token = InvitationTokens.NewToken();
        var now = clock.GetUtcNow();
        var invitation = new InvitationRecord(
            Guid.NewGuid(), InvitationTokens.Hash(token), request.Role, now, now.AddDays(request.ExpiresInDays),
            request.MaxUses, 0, false, actor.Id, actor.DisplayName);

        // The token resolves before the invitation is listed: a listed link always works.
        await GrainFactory.GetGrain<IInvitationTokenGrain>(invitation.TokenHash).Register(GroupId, invitation.Id);
        S.Invitations[invitation.Id] = invitation;
        Audit(actor, AuditActions.InvitationCreated, null, request.Role.ToString());
        await state.WriteStateAsync();
        return invitation.ToView(now, token);
    }

    public async Task<IReadOnlyList<InvitationView>> GetInvitations(Guid actorId)
    {
        await Manager(actorId);
        var now = clock.GetUtcNow();
        return S.Invitations.Values.OrderByDescending(i => i.CreatedAt).Select(i => i.ToView(now)).ToArray();
    }

    public async Task RevokeInvitation(Guid actorId, Guid invitationId)
    {
        var actor = await Manager(actorId);
        if (!S.Invitations.TryGetValue(invitationId, out var invitation))
        {
            throw WorkspaceException.NotFound(ErrorCodes.InvitationNotFound);
        }

        if (invitation.Revoked)
        {
            return;
        }

        S.Invitations[invitationId] = invitation with { Revoked = true };
        Audit(actor, AuditActions.InvitationRevoked, null, invitation.Role.ToString());
        await state.WriteStateAsync();
    }

    public Task<InvitationPreview> PreviewInvitation(Guid invitationId)
    {
        var invitation = Invitation(invitationId);
        return Task.FromResult(new InvitationPreview(
            GroupId, S.Details.Name, S.Details.ThematicArea, invitation.Role, invitation.StatusAt(clock.GetUtcNow()), invitation.ExpiresAt, invitation.Email));
    }

    public Task<GroupView> AcceptInvitation(Guid invitationId, Guid userId) => Accept(invitationId, userId, reservationId: null);

    public Task<Guid> ReserveInvitation(Guid invitationId)
    {
        var invitation = Invitation(invitationId);
        GroupPolicy.RequireUsable(invitation, Held(invitation, own: null), clock.GetUtcNow());
        var reservationId = Guid.NewGuid();
        _reservations[reservationId] = (invitationId, clock.GetUtcNow() + ReservationLifetime);
        return Task.FromResult(reservationId);
    }

    public Task ReleaseInvitation(Guid reservationId)
    {
        _reservations.Remove(reservationId);
        return Task.CompletedTask;
    }

    public async Task<GroupView> AcceptReservedInvitation(Guid invitationId, Guid reservationId, Guid userId)
    {
        try
        {
            return await Accept(invitationId, userId, reservationId);
        }
        finally
        {
            _reservations.Remove(reservationId);
        }
    }

    /// <summary>
    /// The uses of a link that registrations under way hold (all but <paramref name="own"/>): a one-use
    /// link admits one registration, not one account each.
    /// </summary>
    private int Held(InvitationRecord invitation, Guid? own)
    {
        var now = clock.GetUtcNow();
        foreach (var expired in _reservations.Where(r => r.Value.Until <= now).Select(r => r.Key).ToArray())
        {
            _reservations.Remove(expired);
        }

        return _reservations.Count(r => r.Key != own && r.Value.InvitationId == invitation.Id);
    }

    private async Task<GroupView> Accept(Guid invitationId, Guid userId, Guid? reservationId)
    {
        var invitation = Invitation(invitationId);
        var user = await Actor(userId);
        if (!Policy.Admits(invitation, user, Held(invitation, reservationId), clock.GetUtcNow()))
        {
            return View(user);
        }

        var existing = S.Members.GetValueOrDefault(userId);
        Admit(user, invitation.Role);
        S.Invitations[invitationId] = invitation with { Uses = invitation.Uses + 1 };
        Audit(user, AuditActions.MemberJoined, null, invitation.Role.ToString());
        await state.WriteStateAsync();
        if (existing is not null)
        {
            await TellDocuments(d => d.MemberChanged(userId, invitation.Role));
            TellWatchers(w => w.Member(GroupId, userId, invitation.Role));
            TellLiveSessions(userId);
        }
        await GrainFactory.GetGrain<IUserGrain>(userId).AddGroup(GroupId);
        return View(user);
    }

    public async Task<IReadOnlyList<AuditEntry>> GetAudit(Guid actorId)
    {
        await Manager(actorId);
        return Enumerable.Reverse(S.Audit).ToArray();
    }

    public async Task<DocumentSummary> CreateDocument(Guid actorId, string title, DocumentVisibility visibility)
    {
        var actor = await Manager(actorId);
        var clean = GroupValidation.DocumentTitle(title);
        GroupValidation.Check(visibility);
        var summary = new DocumentSummary(Guid.NewGuid(), GroupId, clean, visibility, false, clock.GetUtcNow(), actor.DisplayName);

        // The document knows its group before the group lists it: a listed document always opens.
        await GrainFactory.GetGrain<IDocumentGrain>(summary.Id).Initialise(summary);
        S.Documents[summary.Id] = summary;
        Audit(actor, AuditActions.DocumentCreated, null, clean);
        await state.WriteStateAsync();
        return summary;
    }

    public async Task<IReadOnlyList<DocumentSummary>> GetDocuments(Guid actorId)
    {
        var role = Policy.RequireVisible(await Actor(actorId));
        var disclosure = new Disclosure(role, S.ObserversSeeNames);
        return Policy.ReadableDocuments(role)
            .OrderBy(d => d.Title, StringComparer.CurrentCultureIgnoreCase)
            .Select(disclosure.Summary)
            .ToArray();
    }

    public async Task<DocumentSummary> UpdateDocument(Guid actorId, Guid documentId, DocumentChange change)
    {
        var actor = await Manager(actorId);
        var current = Policy.CatalogueDocument(documentId);
        var next = current;
        if (change.Title is not null)
        {
            next = next with { Title = GroupValidation.DocumentTitle(change.Title) };
        }

        if (change.Visibility is { } visibility)
        {
            GroupValidation.Check(visibility);
            next = next with { Visibility = visibility };
        }

        if (change.Locked is { } locked)
        {
            next = next with { Locked = locked };
        }

        if (next == current)
        {
            return current;
        }

        S.Documents[documentId] = next;
        if (next.Title != current.Title)
        {
            Audit(actor, AuditActions.DocumentRenamed, null, next.Title);
        }

        if (next.Visibility != current.Visibility)
        {
            Audit(actor, AuditActions.DocumentVisibilityChanged, next.Title, next.Visibility.ToString());
        }

        if (next.Locked != current.Locked)
        {
            Audit(actor, next.Locked ? AuditActions.DocumentLocked : AuditActions.DocumentUnlocked, null, next.Title);
        }

        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IDocumentGrain>(documentId).SummaryChanged(next);
        return next;
    }

    public async Task DeleteDocument(Guid actorId, Guid documentId)
    {
        var actor = await Manager(actorId);
        var document = Policy.CatalogueDocument(documentId);
        S.Documents.Remove(documentId);
        Audit(actor, AuditActions.DocumentDeleted, null, document.Title);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IDocumentGrain>(documentId).SummaryChanged(null);
    }

    public async Task<DocumentAccess> GetDocumentAccess(Guid userId, Guid documentId) =>
        Policy.DocumentAccess(await GrainFactory.GetGrain<IUserGrain>(userId).GetProfile(), documentId);

    public async Task<GroupMemberAccess> GetMemberAccess(Guid userId) =>
        Policy.MemberAccess(await GrainFactory.GetGrain<IUserGrain>(userId).GetProfile());

    public async Task<GroupView> SetObserversSeeNames(Guid actorId, bool value)
    {
        var actor = await Manager(actorId);
        if (S.ObserversSeeNames != value)
        {
            S.ObserversSeeNames = value;
            Audit(actor, AuditActions.ObserversSeeAuthorsChanged, null, value ? "on" : "off");
            await state.WriteStateAsync();
            await TellDocuments(d => d.ObserversSeeNamesChanged(value)); // their observers' live view follows at once
        }

        return View(actor);
    }

    public async Task<RecommendationSummary> CreateRecommendation(Guid actorId, RecommendationFacts facts, string body)
    {
        var actor = await Actor(actorId);
        GroupPolicy.RequireMember(Policy.RequireVisible(actor));
        var clean = RecommendationValidation.Clean(facts);
        var text = RecommendationValidation.Body(body);
        var now = clock.GetUtcNow();
        var member = S.Members.GetValueOrDefault(actorId);
        var id = Guid.NewGuid();
        var bodySummary = new DocumentSummary(Guid.NewGuid(), GroupId, clean.Title, clean.Visibility, false, now, actor.DisplayName)
        {
            RecommendationId = id,
        };

        // The body and the thread exist before the group lists them: a listed recommendation always opens.
        var document = GrainFactory.GetGrain<IDocumentGrain>(bodySummary.Id);
        await document.Initialise(bodySummary);
        S.Documents[bodySummary.Id] = bodySummary;
        await GrainFactory.GetGrain<IRecommendationGrain>(id).Initialise(new RecommendationSetup(
            GroupId, bodySummary.Id, clean, actorId, member?.DisplayName ?? actor.DisplayName, member?.Organisation ?? actor.Organisation, now));
        await document.Seed(actorId, text);
        var summary = new RecommendationSummary(id, GroupId, bodySummary.Id, clean, RecommendationStatus.Draft, now, now,
            new Dictionary<string, FollowUpStatus>(), null, false);
        S.Recommendations[id] = summary;
        Audit(actor, AuditActions.RecommendationCreated, null, clean.Title);
        await state.WriteStateAsync();
        TellWatchers(w => w.Recommendation(new RecommendationEvent(GroupId, RecommendationChange.Created, summary, false)));
        return summary;
    }

    public async Task<IReadOnlyList<RecommendationSummary>> GetRecommendations(Guid actorId)
    {
        var role = Policy.RequireVisible(await Actor(actorId));
        return Policy.ReadableRecommendations(role)
            .OrderByDescending(r => r.UpdatedAt)
            .ToArray();
    }

    public async Task RecommendationChanged(RecommendationSummary summary, RecommendationChange change, Guid actorId, string actorName)
    {
        if (!S.Exists || !S.Recommendations.TryGetValue(summary.Id, out var before) || summary.GroupId != GroupId)
        {
            return;
        }

        S.Recommendations[summary.Id] = summary;
        if (summary.Status != before.Status)
        {
            AuditRecommendation(summary, actorId, actorName);
        }

        // The body follows the thread: its title and visibility, and frozen once adopted or withdrawn.
        var body = S.Documents.GetValueOrDefault(summary.BodyId);
        var next = body is null ? null : body with
        {
            Title = summary.Facts.Title,
            Visibility = summary.Facts.Visibility,
            Locked = false,
            Frozen = summary.Status is RecommendationStatus.Adopted or RecommendationStatus.Withdrawn,
        };
        if (next is not null && next != body)
        {
            S.Documents[next.Id] = next;
        }

        await state.WriteStateAsync();
        TellWatchers(w => w.Recommendation(new RecommendationEvent(GroupId, change, summary, before.Facts.Visibility == DocumentVisibility.Observers)));
        if (next is not null && next != body)
        {
            await GrainFactory.GetGrain<IDocumentGrain>(next.Id).SummaryChanged(next);
        }
    }

    private void AuditRecommendation(RecommendationSummary summary, Guid actorId, string actorName)
    {
        var action = summary.Status switch
        {
            RecommendationStatus.Adopted => AuditActions.RecommendationAdopted,
            RecommendationStatus.Withdrawn => AuditActions.RecommendationWithdrawn,
            _ => AuditActions.RecommendationStatusChanged,
        };
        S.Audit.Add(new AuditEntry(clock.GetUtcNow(), actorId, actorName, action, summary.Facts.Title, summary.Status.ToString()));
    }

    public async Task<SessionSummary> CreateSession(Guid actorId, SessionPlan plan)
    {
        var actor = await Manager(actorId);
        var agenda = plan.Agenda ?? [];
        new Validator()
            .Line("title", plan.Title, Limits.SessionTitleMax)
            .Check(agenda.Count <= Limits.AgendaItemsMax, "agenda", ErrorCodes.TooMany)
            .Lines("agenda", agenda.Select(i => i.Title))
            .Check(agenda.All(i => !string.IsNullOrWhiteSpace(i.Title) && i.Title.Length <= Limits.DocumentTitleMax), "agenda", ErrorCodes.Required)
            .Check(agenda.All(i => i.Minutes is >= 1 and <= Limits.AgendaMinutesMax), "agenda", ErrorCodes.OutOfRange)
            .Check(agenda.All(i => Target(i.Target, i.TargetId) is not null), "agenda", ErrorCodes.AgendaTargetUnknown)
            .ThrowIfInvalid();
        var clean = new SessionPlan(
            Normalise.Text(plan.Title), plan.ScheduledStart,
            agenda.Select(i => i with { Title = Normalise.Text(i.Title) }).ToArray());
        var summary = new SessionSummary(Guid.NewGuid(), GroupId, clean.Title, clean.ScheduledStart, SessionStatus.Scheduled);
        await GrainFactory.GetGrain<ISessionGrain>(summary.Id).Initialise(GroupId, clean);
        S.Sessions[summary.Id] = summary;
        Audit(actor, AuditActions.SessionPlanned, null, clean.Title);
        await state.WriteStateAsync();
        return summary;
    }

    public async Task<IReadOnlyList<SessionSummary>> GetSessions(Guid actorId)
    {
        await Visible(actorId);
        return S.Sessions.Values.OrderBy(s => s.ScheduledStart).ToArray();
    }

    public async Task SessionChanged(SessionSummary summary)
    {
        if (S.Sessions.ContainsKey(summary.Id) && summary.GroupId == GroupId)
        {
            S.Sessions[summary.Id] = summary;
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<bool>> VisibleToObservers(IReadOnlyList<Guid> targetIds) =>
        Task.FromResult<IReadOnlyList<bool>>(targetIds.Select(Policy.VisibleToObservers).ToArray());

    /// <summary>The group's document (not a recommendation body) or recommendation an agenda item points at; an item without material points at nothing.</summary>
    private object? Target(AgendaTarget kind, Guid id) => kind switch
    {
        AgendaTarget.Document => S.Documents.TryGetValue(id, out var d) && d.RecommendationId is null ? d : null,
        AgendaTarget.Recommendation => S.Recommendations.GetValueOrDefault(id),
        AgendaTarget.None => id == Guid.Empty ? NoMaterial : null,
        _ => null,
    };

    private static readonly object NoMaterial = new();

    public async Task<GroupMemberAccess> Watch(Guid userId, string nodeKey, IGroupObserver node)
    {
        var access = await GetMemberAccess(userId);
        _watchers.Subscribe(nodeKey, node);
        return access;
    }

    public Task<bool> RenewWatch(string nodeKey, IGroupObserver node) => Task.FromResult(_watchers.Renew(nodeKey, node));

    public Task Unwatch(string nodeKey, IGroupObserver node)
    {
        _watchers.Unsubscribe(nodeKey, node);
        return Task.CompletedTask;
    }

    /// <summary>Tells every node that follows the group (one message per node), forgetting nodes that stopped renewing or died.</summary>
    private void TellWatchers(Func<IGroupObserver, Task> tell)
    {
        _watchers.Sweep();
        _watchers.Notify(tell);
    }

    /// <summary>A call whose failure changes nothing here (the callee catches up on its own).</summary>
    private static async Task Quietly(Task call)
    {
        try
        {
            await call;
        }
        catch (Exception)
        {
            // Nothing to undo: live events are hints to refresh, never the record.
        }
    }

    /// <summary>Live sessions re-check someone whose role changed or who left (without waiting: they ask the group back).</summary>
    private void TellLiveSessions(Guid userId)
    {
        foreach (var session in S.Sessions.Values.Where(s => s.Status == SessionStatus.Live))
        {
            _ = Quietly(GrainFactory.GetGrain<ISessionGrain>(session.Id).MemberChanged(userId));
        }
    }

    /// <summary>Open documents re-check their readers after a membership change; all are told, at once.</summary>
    private Task TellDocuments(Func<IDocumentGrain, Task> tell) =>
        Task.WhenAll(S.Documents.Keys.Select(id => tell(GrainFactory.GetGrain<IDocumentGrain>(id))));

    private async Task<UserProfile> Actor(Guid actorId) =>
        await GrainFactory.GetGrain<IUserGrain>(actorId).GetProfile()
        ?? throw new WorkspaceException(ErrorKind.Unauthenticated, ErrorCodes.Unauthenticated);

    /// <summary>The group's rules over its stored state (who may do what); a fresh view each time, so it never holds stale state.</summary>
    private GroupPolicy Policy => new(S);

    /// <summary>Members and the administrator see the group; to anyone else it does not exist.</summary>
    private async Task<UserProfile> Visible(Guid actorId)
    {
        var actor = await Actor(actorId);
        Policy.RequireVisible(actor);
        return actor;
    }

    private async Task<UserProfile> Manager(Guid actorId)
    {
        var actor = await Actor(actorId);
        Policy.RequireManager(actor);
        return actor;
    }

    private InvitationRecord Invitation(Guid invitationId) =>
        S.Exists && S.Invitations.TryGetValue(invitationId, out var invitation)
            ? invitation
            : throw WorkspaceException.NotFound(ErrorCodes.InvitationNotFound);

    private MemberRecord Admit(UserProfile user, GroupRole role)
    {
        var joinedAt = S.Members.TryGetValue(user.Id, out var existing) ? existing.JoinedAt : clock.GetUtcNow();
        var member = new MemberRecord(user.Id, user.DisplayName, user.Organisation, user.Country, role, joinedAt, user.OrganisationId);
        S.Members[user.Id] = member;
        return member;
    }

    /// <summary>
    /// Only ever called for an administrator, so it reveals nothing to anyone else. Only an account that
    /// CONFIRMED the address is found: an unknown address and one held by unconfirmed claims answer alike.
    /// </summary>
    private async Task<UserProfile> FindAccount(string field, string email)
    {
        new Validator().Email(field, email?.Trim()).ThrowIfInvalid();
        var userId = await GrainFactory.GetGrain<IAccountGrain>(Normalise.Email(email!)).GetUserId();
        var profile = userId is { } id ? await GrainFactory.GetGrain<IUserGrain>(id).GetProfile() : null;
        return profile ?? throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.NoConfirmedAccount, [new FieldError(field, ErrorCodes.NoConfirmedAccount)]);
    }

    private void Audit(UserProfile actor, string action, string? subject, string? detail) =>
        S.Audit.Add(new AuditEntry(clock.GetUtcNow(), actor.Id, actor.DisplayName, action, subject, detail));

    private GroupView View(UserProfile actor)
    {
        GroupRole? role = S.Members.TryGetValue(actor.Id, out var m) ? m.Role : null;
        return new GroupView(GroupId, S.Details, S.CreatedAt, role, Policy.CanManage(actor), S.Members.Count, S.ObserversSeeNames);
    }
}

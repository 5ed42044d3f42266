using Workspace.Contracts.Documents;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Sessions;

namespace Workspace.Contracts.Groups;

/// <summary>
/// One working group: the single authority for its details, members, roles, invitations and
/// audit log. Every call names the acting user; the grain decides what that user may do.
/// </summary>
[Alias("Workspace.IWorkingGroupGrain")]
public interface IWorkingGroupGrain : IGrainWithGuidKey
{
    [Alias("Create")] Task<GroupView> Create(Guid actorId, GroupDetails details, string? facilitatorEmail);
    [Alias("Get")] Task<GroupView> Get(Guid actorId);
    [Alias("Update")] Task<GroupView> Update(Guid actorId, GroupDetails details);
    [Alias("GetMembers")] Task<IReadOnlyList<MemberView>> GetMembers(Guid actorId);
    [Alias("GetRole")] Task<GroupRole?> GetRole(Guid userId);
    [Alias("AppointFacilitator")] Task<MemberView> AppointFacilitator(Guid actorId, string email);

    /// <summary>The administrator creates the group with a person chosen by id (no email needed: works without a mail server).</summary>
    [Alias("CreateWithFacilitator")] Task<GroupView> CreateWithFacilitator(Guid actorId, GroupDetails details, Guid facilitatorId);

    /// <summary>The administrator appoints a person chosen by id.</summary>
    [Alias("AppointFacilitatorById")] Task<MemberView> AppointFacilitatorById(Guid actorId, Guid userId);

    /// <summary>A member's name or country changed (told by their user grain, so the group does not call back): the member list follows.</summary>
    [Alias("MemberProfileChanged")] Task MemberProfileChanged(Accounts.UserProfile profile);

    /// <summary>Personal invitations, one per (validated, de-duplicated) address; each view carries its token once.</summary>
    [Alias("CreateEmailInvitations")] Task<IReadOnlyList<InvitationView>> CreateEmailInvitations(Guid actorId, EmailInvitationRequest request);

    /// <summary>A personal invitation gets a new token (the old one dies) and a fresh expiry; the view carries the token once.</summary>
    [Alias("RenewEmailInvitation")] Task<InvitationView> RenewEmailInvitation(Guid actorId, Guid invitationId);
    [Alias("ChangeRole")] Task<MemberView> ChangeRole(Guid actorId, Guid userId, GroupRole role);
    [Alias("RemoveMember")] Task RemoveMember(Guid actorId, Guid userId);
    [Alias("Leave")] Task Leave(Guid actorId);
    [Alias("CreateInvitation")] Task<InvitationView> CreateInvitation(Guid actorId, InvitationRequest request);
    [Alias("GetInvitations")] Task<IReadOnlyList<InvitationView>> GetInvitations(Guid actorId);
    [Alias("RevokeInvitation")] Task RevokeInvitation(Guid actorId, Guid invitationId);
    [Alias("PreviewInvitation")] Task<InvitationPreview> PreviewInvitation(Guid invitationId);
    [Alias("AcceptInvitation")] Task<GroupView> AcceptInvitation(Guid invitationId, Guid userId);

    /// <summary>Holds one use of an invitation for a registration under way (refused like a join when the link cannot be used).</summary>
    [Alias("ReserveInvitation")] Task<Guid> ReserveInvitation(Guid invitationId);

    /// <summary>Gives back a held use: the registration was refused.</summary>
    [Alias("ReleaseInvitation")] Task ReleaseInvitation(Guid reservationId);

    /// <summary>Admits the new account with the use it held.</summary>
    [Alias("AcceptReservedInvitation")] Task<GroupView> AcceptReservedInvitation(Guid invitationId, Guid reservationId, Guid userId);
    [Alias("GetAudit")] Task<IReadOnlyList<AuditEntry>> GetAudit(Guid actorId);
    [Alias("CreateDocument")] Task<DocumentSummary> CreateDocument(Guid actorId, string title, DocumentVisibility visibility);
    [Alias("GetDocuments")] Task<IReadOnlyList<DocumentSummary>> GetDocuments(Guid actorId);
    [Alias("UpdateDocument")] Task<DocumentSummary> UpdateDocument(Guid actorId, Guid documentId, DocumentChange change);
    [Alias("DeleteDocument")] Task DeleteDocument(Guid actorId, Guid documentId);

    /// <summary>What <paramref name="userId"/> may do with one of the group's documents; refuses (as not found) anyone who may not read it.</summary>
    [Alias("GetDocumentAccess")] Task<DocumentAccess> GetDocumentAccess(Guid userId, Guid documentId);

    /// <summary>Who <paramref name="userId"/> is in the group (the administrator acts as a facilitator); refuses (as not found) anyone outside it.</summary>
    [Alias("GetMemberAccess")] Task<GroupMemberAccess> GetMemberAccess(Guid userId);

    /// <summary>Whether observers see who drafted, commented and voted (default: they see organisations only).</summary>
    [Alias("SetObserversSeeAuthors")] Task<GroupView> SetObserversSeeNames(Guid actorId, bool value);

    /// <summary>A member or facilitator starts a recommendation thread; its body becomes a live document of the group.</summary>
    [Alias("CreateRecommendation")] Task<RecommendationSummary> CreateRecommendation(Guid actorId, RecommendationFacts facts, string body);

    /// <summary>The group's recommendations that <paramref name="actorId"/> may see.</summary>
    [Alias("GetRecommendations")] Task<IReadOnlyList<RecommendationSummary>> GetRecommendations(Guid actorId);

    /// <summary>Called by a recommendation after every change: the board, its body document and live views follow.</summary>
    /// <summary>A node starts following the group's live events for one of its connections; returns who the watcher is (refused, as not found, to anyone outside the group).</summary>
    [Alias("Watch")] Task<GroupMemberAccess> Watch(Guid userId, string nodeKey, IGroupObserver node);

    /// <summary>A node keeps its subscription alive; false if the group no longer knew it (the node re-subscribes).</summary>
    [Alias("RenewWatch")] Task<bool> RenewWatch(string nodeKey, IGroupObserver node);

    /// <summary>A node stops following the group; a goodbye from an older subscription of the node (it subscribed again meanwhile) changes nothing.</summary>
    [Alias("Unwatch")] Task Unwatch(string nodeKey, IGroupObserver node);

    /// <summary>A facilitator plans a session; every agenda item must point at one of the group's documents or recommendations.</summary>
    [Alias("CreateSession")] Task<SessionSummary> CreateSession(Guid actorId, SessionPlan plan);

    [Alias("GetSessions")] Task<IReadOnlyList<SessionSummary>> GetSessions(Guid actorId);

    /// <summary>Called by a session when its status changes.</summary>
    [Alias("SessionChanged")] Task SessionChanged(SessionSummary summary);

    /// <summary>For each target (a document or recommendation of the group), whether observers may see it now.</summary>
    [Alias("VisibleToObservers")] Task<IReadOnlyList<bool>> VisibleToObservers(IReadOnlyList<Guid> targetIds);

    [Alias("RecommendationChanged")] Task RecommendationChanged(RecommendationSummary summary, RecommendationChange change, Guid actorId, string actorName);

    /// <summary>Members, recommendations and sessions, for the organisations upgrade (called by the server, never by a person).</summary>
    [Alias("GetContents")] Task<Organisations.GroupContents> GetContents();

    /// <summary>Gives each member record without one the organisation id its person's profile has (the organisations upgrade).</summary>
    [Alias("UpgradeOrganisations")] Task<int> UpgradeOrganisations();
}

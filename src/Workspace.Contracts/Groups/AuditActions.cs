namespace Workspace.Contracts.Groups;

/// <summary>The action codes written to a group's audit log; clients render them from their catalogues.</summary>
public static class AuditActions
{
    public const string GroupCreated = "group.created";
    public const string GroupUpdated = "group.updated";
    public const string MemberJoined = "member.joined";
    public const string MemberAppointed = "member.appointed";
    public const string MemberRoleChanged = "member.role-changed";
    public const string MemberRemoved = "member.removed";
    public const string MemberLeft = "member.left";
    public const string InvitationCreated = "invitation.created";
    public const string InvitationRevoked = "invitation.revoked";
    public const string DocumentCreated = "document.created";
    public const string DocumentRenamed = "document.renamed";
    public const string DocumentVisibilityChanged = "document.visibility-changed";
    public const string DocumentLocked = "document.locked";
    public const string DocumentUnlocked = "document.unlocked";
    public const string DocumentDeleted = "document.deleted";
    public const string ObserversSeeAuthorsChanged = "group.observers-see-authors";
    public const string RecommendationCreated = "recommendation.created";
    public const string RecommendationStatusChanged = "recommendation.status-changed";
    public const string RecommendationAdopted = "recommendation.adopted";
    public const string RecommendationWithdrawn = "recommendation.withdrawn";
    public const string SessionPlanned = "session.planned";
}

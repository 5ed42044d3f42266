using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;

namespace Workspace.Grains.Groups;

/// <summary>Who a caller is in a group, for grains that belong to one (recommendations, sessions).</summary>
public static class GroupAccess
{
    /// <summary>The caller's standing; to anyone outside the group the thing does not exist (<paramref name="notFoundCode"/>).</summary>
    public static async Task<GroupMemberAccess> Of(IWorkingGroupGrain group, Guid actorId, string notFoundCode)
    {
        try
        {
            return await group.GetMemberAccess(actorId);
        }
        catch (WorkspaceException e) when (e.Kind == ErrorKind.NotFound)
        {
            throw WorkspaceException.NotFound(notFoundCode);
        }
    }

    public static GroupMemberAccess RequireFacilitator(this GroupMemberAccess access) =>
        access.Role == GroupRole.Facilitator ? access : throw WorkspaceException.Forbidden(ErrorCodes.FacilitatorOnly);
}

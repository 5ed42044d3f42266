using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>The check in front of every administrator endpoint.</summary>
internal static class Admins
{
    /// <summary>Whether the caller is an administrator is what their stored profile says, never a claim.</summary>
    public static async Task<UserProfile> Require(HttpContext context, IGrainFactory grains)
    {
        var profile = await grains.GetGrain<IUserGrain>(context.User.UserId()).GetProfile()
            ?? throw new WorkspaceException(ErrorKind.Unauthenticated, ErrorCodes.Unauthenticated);
        return profile.IsAdmin ? profile : throw WorkspaceException.Forbidden(ErrorCodes.AdminOnly);
    }
}

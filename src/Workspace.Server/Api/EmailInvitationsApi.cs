using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>
/// Personal invitations sent by email: one per address, bound to it. Without a mail server they are
/// refused (409 email.no-mail-server): links made by hand remain the way to invite then.
/// </summary>
public static class EmailInvitationsApi
{
    public static RouteGroupBuilder MapEmailInvitationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/groups/{groupId:guid}");
        group.MapPost("/email-invitations", Send);
        group.MapPost("/invitations/{invitationId:guid}/resend", Resend);
        return api;
    }

    private static async Task<IResult> Send(Guid groupId, EmailInvitationsRequest request, HttpContext context, IGrainFactory grains, ClaimMail mail)
    {
        var group = grains.GetGrain<IWorkingGroupGrain>(groupId);
        var actorId = context.User.UserId();
        var view = await group.Get(actorId); // refuses, as not found, anyone outside the group
        if (!view.CanManage)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.FacilitatorOnly);
        }

        mail.RequireMailServer();
        var invitations = await group.CreateEmailInvitations(actorId, new EmailInvitationRequest(
            request.Emails ?? [], request.Role ?? (GroupRole)(-1), request.ExpiresInDays ?? 7, request.Language));
        var inviter = await grains.GetGrain<IUserGrain>(actorId).GetProfile();
        foreach (var invitation in invitations)
        {
            await mail.SendInvitation(invitation, view.Details.Name, inviter?.DisplayName ?? string.Empty);
        }

        // The tokens went only into the messages: the facilitator's list never shows them.
        return TypedResults.Created($"/api/groups/{groupId}/invitations", invitations.Select(i => Invitation.From(i with { Token = null })).ToArray());
    }

    private static async Task<Invitation> Resend(Guid groupId, Guid invitationId, HttpContext context, IGrainFactory grains, ClaimMail mail)
    {
        var group = grains.GetGrain<IWorkingGroupGrain>(groupId);
        var actorId = context.User.UserId();
        var view = await group.Get(actorId);
        if (!view.CanManage)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.FacilitatorOnly);
        }

        mail.RequireMailServer();
        var renewed = await group.RenewEmailInvitation(actorId, invitationId);
        var inviter = await grains.GetGrain<IUserGrain>(actorId).GetProfile();
        await mail.SendInvitation(renewed, view.Details.Name, inviter?.DisplayName ?? string.Empty);
        return Invitation.From(renewed with { Token = null });
    }
}

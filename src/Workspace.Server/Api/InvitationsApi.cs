using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Grains.Accounts;
using Workspace.Grains.Groups;
using Workspace.Grains.Validation;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>What someone holding an invitation link can do: look, join, or open an account and join.</summary>
public static class InvitationsApi
{
    public static RouteGroupBuilder MapInvitationsApi(this RouteGroupBuilder api)
    {
        var invitations = api.MapGroup("/invitations/{token}").RequireRateLimiting(RateLimits.Invitation);
        invitations.MapGet("/", Preview).AllowAnonymous();
        invitations.MapPost("/accept", Accept);
        invitations.MapPost("/register", Register).AllowAnonymous();
        return api;
    }

    private static async Task<InvitationPreview> Preview(string token, IGrainFactory grains)
    {
        var (group, invitationId) = await Resolve(grains, token);
        return await group.PreviewInvitation(invitationId);
    }

    private static async Task<GroupSummary> Accept(string token, HttpContext context, IGrainFactory grains)
    {
        var (group, invitationId) = await Resolve(grains, token);
        return GroupSummary.From(await group.AcceptInvitation(invitationId, context.User.UserId()));
    }

    private static async Task<IResult> Register(string token, RegisterRequest request, HttpContext context, IGrainFactory grains)
    {
        var (group, invitationId) = await Resolve(grains, token);

        // Refuse a dead link before an account is opened for it.
        var preview = await group.PreviewInvitation(invitationId);
        if (preview.Status != InvitationStatus.Active)
        {
            throw new WorkspaceException(ErrorKind.Gone, preview.Status switch
            {
                InvitationStatus.Expired => ErrorCodes.InvitationExpired,
                InvitationStatus.Revoked => ErrorCodes.InvitationRevoked,
                _ => ErrorCodes.InvitationUsedUp,
            });
        }

        var account = new NewAccount(request.Email!, request.Password!, request.DisplayName!, request.Organisation!, request.Country!);
        AccountValidation.Check(account);
        var profile = await grains.GetGrain<IAccountGrain>(Normalise.Email(account.Email)).Register(account, isAdministrator: false);
        var joined = await group.AcceptInvitation(invitationId, profile.Id);
        await Authentication.SignIn(context, profile);
        return TypedResults.Created($"/api/groups/{joined.Id}", new Registration(UserView.From(profile), GroupSummary.From(joined)));
    }

    private static async Task<(IWorkingGroupGrain Group, Guid InvitationId)> Resolve(IGrainFactory grains, string token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > InvitationTokens.MaxLength)
        {
            throw WorkspaceException.NotFound(ErrorCodes.InvitationNotFound);
        }

        var target = await grains.GetGrain<IInvitationTokenGrain>(InvitationTokens.Hash(token)).Resolve()
            ?? throw WorkspaceException.NotFound(ErrorCodes.InvitationNotFound);
        return (grains.GetGrain<IWorkingGroupGrain>(target.GroupId), target.InvitationId);
    }
}

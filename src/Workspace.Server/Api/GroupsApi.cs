using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Server;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>Working groups, their members, invitations and audit log. The grain decides who may do what.</summary>
public static class GroupsApi
{
    public static RouteGroupBuilder MapGroupsApi(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups");
        groups.MapGet("/", ListGroups);
        groups.MapPost("/", CreateGroup);

        var group = groups.MapGroup("/{groupId:guid}");
        group.MapGet("/", async (Guid groupId, HttpContext c, IGrainFactory g) =>
            GroupDetail.From(await Group(g, groupId).Get(c.User.UserId())));
        group.MapPut("/", async (Guid groupId, GroupRequest request, HttpContext c, IGrainFactory g) =>
            GroupDetail.From(await Group(g, groupId).Update(c.User.UserId(), Details(request))));
        group.MapGet("/members", async (Guid groupId, HttpContext c, IGrainFactory g) =>
            await Group(g, groupId).GetMembers(c.User.UserId()));
        group.MapPost("/facilitators", async (Guid groupId, AppointRequest request, HttpContext c, IGrainFactory g) =>
            request.UserId is { } userId
                ? await Group(g, groupId).AppointFacilitatorById(c.User.UserId(), userId)
                : await Group(g, groupId).AppointFacilitator(c.User.UserId(), request.Email ?? string.Empty));
        group.MapPut("/members/{userId:guid}/role", async (Guid groupId, Guid userId, RoleRequest request, HttpContext c, IGrainFactory g) =>
            await Group(g, groupId).ChangeRole(c.User.UserId(), userId, request.Role ?? (GroupRole)(-1)));
        group.MapDelete("/members/{userId:guid}", async (Guid groupId, Guid userId, HttpContext c, IGrainFactory g) =>
        {
            await Group(g, groupId).RemoveMember(c.User.UserId(), userId);
            return TypedResults.NoContent();
        });
        group.MapPost("/leave", async (Guid groupId, HttpContext c, IGrainFactory g) =>
        {
            await Group(g, groupId).Leave(c.User.UserId());
            return TypedResults.NoContent();
        });
        group.MapGet("/invitations", async (Guid groupId, HttpContext c, IGrainFactory g) =>
            (await Group(g, groupId).GetInvitations(c.User.UserId())).Select(Invitation.From).ToArray());
        group.MapPost("/invitations", CreateInvitation);
        group.MapDelete("/invitations/{invitationId:guid}", async (Guid groupId, Guid invitationId, HttpContext c, IGrainFactory g) =>
        {
            await Group(g, groupId).RevokeInvitation(c.User.UserId(), invitationId);
            return TypedResults.NoContent();
        });
        group.MapGet("/audit", async (Guid groupId, HttpContext c, IGrainFactory g) =>
            (await Group(g, groupId).GetAudit(c.User.UserId())).Select(AuditLine.From).ToArray());
        return api;
    }

    private static async Task<GroupSummary[]> ListGroups(HttpContext context, IGrainFactory grains)
    {
        var userId = context.User.UserId();
        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfile()
            ?? throw new WorkspaceException(ErrorKind.Unauthenticated, ErrorCodes.Unauthenticated);
        var ids = profile.IsAdmin
            ? await grains.GetGrain<IServerGrain>(0).GetGroups()
            : await grains.GetGrain<IUserGrain>(userId).GetGroups();
        var views = await Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                return await Group(grains, id).Get(userId);
            }
            catch (WorkspaceException e) when (e.Kind == ErrorKind.NotFound)
            {
                return null; // removed meanwhile
            }
        }));
        return views.OfType<GroupView>()
            .OrderBy(v => v.Details.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(GroupSummary.From)
            .ToArray();
    }

    private static async Task<IResult> CreateGroup(GroupRequest request, HttpContext context, IGrainFactory grains)
    {
        var id = Guid.NewGuid();
        var view = request.FacilitatorId is { } facilitatorId
            ? await Group(grains, id).CreateWithFacilitator(context.User.UserId(), Details(request), facilitatorId)
            : await Group(grains, id).Create(context.User.UserId(), Details(request), request.FacilitatorEmail);
        return TypedResults.Created($"/api/groups/{id}", GroupDetail.From(view));
    }

    private static async Task<IResult> CreateInvitation(Guid groupId, CreateInvitationRequest request, HttpContext context, IGrainFactory grains)
    {
        var invitation = await Group(grains, groupId).CreateInvitation(
            context.User.UserId(),
            new InvitationRequest(request.Role ?? (GroupRole)(-1), request.ExpiresInDays ?? 7, request.MaxUses ?? 1));
        return TypedResults.Created($"/api/groups/{groupId}/invitations/{invitation.Id}", Invitation.From(invitation));
    }

    private static IWorkingGroupGrain Group(IGrainFactory grains, Guid id) => grains.GetGrain<IWorkingGroupGrain>(id);

    private static GroupDetails Details(GroupRequest r) =>
        new(r.Name ?? string.Empty, r.ThematicArea ?? string.Empty, r.Description ?? string.Empty, r.Countries ?? [], r.Languages ?? []);
}

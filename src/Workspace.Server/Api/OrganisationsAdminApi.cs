using Workspace.Contracts.Errors;
using Workspace.Contracts.Organisations;

namespace Workspace.Server.Api;

/// <summary>The administrator's organisations: review (pending first), create, edit, verify, merge, remove, contacts; each action logged.</summary>
public static class OrganisationsAdminApi
{
    public static RouteGroupBuilder MapOrganisationsAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/organisations");
        admin.MapGet("/", async (HttpContext c, IGrainFactory g) =>
        {
            await RequireAdmin(c, g);
            return (await Directory(g).List()).Select(OrganisationListItem.From).ToArray();
        });
        admin.MapPost("/", Create);
        admin.MapGet("/audit", async (HttpContext c, IGrainFactory g) =>
        {
            await RequireAdmin(c, g);
            return await Directory(g).GetAudit();
        });
        admin.MapGet("/{organisationId:guid}", async (Guid organisationId, HttpContext c, IGrainFactory g) =>
        {
            await RequireAdmin(c, g);
            return await Organisation(g, organisationId).Get() ?? throw WorkspaceException.NotFound(ErrorCodes.OrganisationNotFound);
        });
        admin.MapPut("/{organisationId:guid}", async (Guid organisationId, OrganisationRequest request, HttpContext c, IGrainFactory g) =>
            await Act(c, g, organisationId, "organisation.edited", request.Name ?? string.Empty, o => o.Update(request.ToDetails())));
        admin.MapPost("/{organisationId:guid}/verify", async (Guid organisationId, HttpContext c, IGrainFactory g) =>
            await Act(c, g, organisationId, "organisation.verified", string.Empty, o => o.Verify()));
        admin.MapPost("/{organisationId:guid}/merge", Merge);
        admin.MapDelete("/{organisationId:guid}", async (Guid organisationId, HttpContext c, IGrainFactory g) =>
        {
            await Act(c, g, organisationId, "organisation.removed", string.Empty, async o =>
            {
                await o.Remove();
                return true;
            });
            return TypedResults.NoContent();
        });
        admin.MapPut("/{organisationId:guid}/contacts/{userId:guid}", async (Guid organisationId, Guid userId, ContactRequest request, HttpContext c, IGrainFactory g) =>
            await Act(c, g, organisationId, request.Contact == true ? "contact.marked" : "contact.unmarked", userId.ToString(),
                o => o.SetContact(userId, request.Contact == true)));
        return api;
    }

    public static Task Audit(IGrainFactory grains, Guid actorId, string action, Guid organisationId, string detail) =>
        Directory(grains).Audit(new OrganisationAuditEntry(default, actorId, action, organisationId, detail));

    private static async Task<IResult> Create(OrganisationRequest request, HttpContext context, IGrainFactory grains)
    {
        var actor = await RequireAdmin(context, grains);
        var (id, created) = await Directory(grains).FindOrReserve(request.ToDetails());
        if (!created)
        {
            // The administrator is told about the near-duplicate instead of making a second one.
            return TypedResults.Ok(await Organisation(grains, id).Get());
        }

        var view = await Organisation(grains, id).Create(request.ToDetails(), OrganisationStatus.Pending);
        await Audit(grains, actor, "organisation.created", id, view.Details.Name);
        return TypedResults.Created($"/api/admin/organisations/{id}", view);
    }

    private static async Task<IResult> Merge(Guid organisationId, MergeRequest request, HttpContext context, IGrainFactory grains)
    {
        var actor = await RequireAdmin(context, grains);
        if (request.SurvivorId is not { } survivorId)
        {
            throw WorkspaceException.Invalid([new FieldError("survivorId", ErrorCodes.Required)]);
        }

        await Organisation(grains, organisationId).MergeInto(survivorId);
        await Audit(grains, actor, "organisation.merged", organisationId, survivorId.ToString());
        return TypedResults.Ok(await Organisation(grains, survivorId).Get());
    }

    private static async Task<T> Act<T>(
        HttpContext context, IGrainFactory grains, Guid organisationId, string action, string detail, Func<IOrganisationGrain, Task<T>> change)
    {
        var actor = await RequireAdmin(context, grains);
        var view = await change(Organisation(grains, organisationId));
        await Audit(grains, actor, action, organisationId, detail);
        return view;
    }

    private static async Task<Guid> RequireAdmin(HttpContext context, IGrainFactory grains)
    {
        var me = await OrganisationsApi.Me(context, grains);
        return me.IsAdmin ? me.Id : throw WorkspaceException.Forbidden(ErrorCodes.AdminOnly);
    }

    private static IOrganisationGrain Organisation(IGrainFactory grains, Guid id) => grains.GetGrain<IOrganisationGrain>(id);

    private static IOrganisationDirectoryGrain Directory(IGrainFactory grains) => grains.GetGrain<IOrganisationDirectoryGrain>(0);
}

using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Organisations;
using Workspace.Grains.Organisations;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>
/// The directory for signed-in people (search, their own organisation) and ties confirmed by the
/// administrator or a contact of a verified organisation. Administration is in <see cref="OrganisationsAdminApi"/>.
/// </summary>
public static class OrganisationsApi
{
    public const int SearchLimit = 20;

    public static RouteGroupBuilder MapOrganisationsApi(this RouteGroupBuilder api)
    {
        var organisations = api.MapGroup("/organisations");
        organisations.MapGet("/", Search);
        organisations.MapGet("/{organisationId:guid}", GetForContact);
        organisations.MapPost("/{organisationId:guid}/people/{userId:guid}/confirm", (Guid organisationId, Guid userId, HttpContext c, IGrainFactory g) =>
            Decide(organisationId, userId, c, g, confirm: true));
        organisations.MapPost("/{organisationId:guid}/people/{userId:guid}/decline", (Guid organisationId, Guid userId, HttpContext c, IGrainFactory g) =>
            Decide(organisationId, userId, c, g, confirm: false));

        api.MapGet("/me/organisation", async (HttpContext c, IGrainFactory g) => await Mine(g, await Me(c, g)));
        api.MapPut("/me/organisation", ChangeMine);
        api.MapOrganisationsAdminApi();
        return api;
    }

    public static async Task<OrganisationSearchResult[]> Search(string? q, IGrainFactory grains) =>
        (await grains.GetGrain<IOrganisationDirectoryGrain>(0).Search(q, SearchLimit)).Select(OrganisationSearchResult.From).ToArray();

    /// <summary>The organisation a choice names (a new pending one if its folded name is new); field errors named as the request names them.</summary>
    public static async Task<Guid?> Choose(IGrainFactory grains, OrganisationChoice choice, string fallbackCountry)
    {
        var proposal = string.IsNullOrWhiteSpace(choice.Organisation) ? null : new OrganisationDetails(
            choice.Organisation, choice.OrganisationShortName,
            string.IsNullOrWhiteSpace(choice.OrganisationCountry) ? fallbackCountry ?? string.Empty : choice.OrganisationCountry,
            choice.OrganisationKind ?? OrganisationKind.CivilSociety, null, null, [], [], []);
        try
        {
            return await OrganisationMembership.Choose(grains, choice.OrganisationId, proposal);
        }
        catch (WorkspaceException e) when (e.FieldErrors.Count > 0)
        {
            throw new WorkspaceException(e.Kind, e.Code, e.FieldErrors.Select(f => f with { Field = f.Field switch
            {
                "name" => "organisation",
                "organisationId" => "organisationId",
                var other => "organisation" + char.ToUpperInvariant(other[0]) + other[1..],
            } }).ToArray());
        }
    }

    private static async Task<MyOrganisationView> ChangeMine(OrganisationChoice choice, HttpContext context, IGrainFactory grains)
    {
        var me = await Me(context, grains);
        var chosen = await Choose(grains, choice, me.Country);
        return await Mine(grains, await OrganisationMembership.Join(grains, me, chosen));
    }

    private static async Task<MyOrganisationView> Mine(IGrainFactory grains, UserProfile me)
    {
        if (me.OrganisationId is not { } id
            || !(await grains.GetGrain<IOrganisationDirectoryGrain>(0).Resolve([id])).TryGetValue(id, out var organisation))
        {
            return new MyOrganisationView(null, null, false, false, ErrorCodes.NoOrganisation);
        }

        var standing = await grains.GetGrain<IOrganisationGrain>(organisation.Id).Standing(me.Id);
        var reason = standing?.Status != OrganisationStatus.Verified ? ErrorCodes.OrganisationNotVerified
            : standing.Tie != TieStatus.Confirmed ? ErrorCodes.TieNotConfirmed
            : null;
        return new MyOrganisationView(OrganisationSearchResult.From(organisation), standing?.Tie, standing?.Contact ?? false, reason is null, reason);
    }

    private static async Task<OrganisationView> GetForContact(Guid organisationId, HttpContext context, IGrainFactory grains)
    {
        await RequireAdminOrContact(organisationId, context, grains);
        return await grains.GetGrain<IOrganisationGrain>(organisationId).Get()
            ?? throw WorkspaceException.NotFound(ErrorCodes.OrganisationNotFound);
    }

    private static async Task<OrganisationView> Decide(Guid organisationId, Guid userId, HttpContext context, IGrainFactory grains, bool confirm)
    {
        var actor = await RequireAdminOrContact(organisationId, context, grains);
        var organisation = grains.GetGrain<IOrganisationGrain>(organisationId);
        var view = confirm ? await organisation.Confirm(userId) : await organisation.Decline(userId);
        await OrganisationsAdminApi.Audit(grains, actor, confirm ? "tie.confirmed" : "tie.declined", organisationId, userId.ToString());
        return view;
    }

    /// <summary>The administrator, or a contact of this organisation once it is verified; anyone else is refused.</summary>
    internal static async Task<Guid> RequireAdminOrContact(Guid organisationId, HttpContext context, IGrainFactory grains)
    {
        var me = await Me(context, grains);
        var standing = await grains.GetGrain<IOrganisationGrain>(organisationId).Standing(me.Id);
        if (me.IsAdmin)
        {
            return standing is null ? throw WorkspaceException.NotFound(ErrorCodes.OrganisationNotFound) : me.Id;
        }

        return standing is { Contact: true, Status: OrganisationStatus.Verified, Tie: TieStatus.Confirmed }
            ? me.Id
            : throw WorkspaceException.Forbidden(ErrorCodes.OrganisationContactsOnly);
    }

    /// <summary>Who is asking is what their stored profile says, never a claim.</summary>
    public static async Task<UserProfile> Me(HttpContext context, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(context.User.UserId()).GetProfile()
        ?? throw new WorkspaceException(ErrorKind.Unauthenticated, ErrorCodes.Unauthenticated);
}

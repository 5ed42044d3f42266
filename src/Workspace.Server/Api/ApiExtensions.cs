using Workspace.Contracts.Errors;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

public static class ApiExtensions
{
    /// <summary>Maps the REST API under /api, health, the OpenAPI document and the client's deep links.</summary>
    public static WebApplication MapWorkspaceApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Workspace");
        api.MapSessionApi();
        api.MapAuthApi();
        api.MapPasswordResetApi();
        api.MapSecondFactorApi();
        api.MapGroupsApi();
        api.MapInvitationsApi();
        api.MapDocumentsApi();
        api.MapRecommendationsApi();
        api.MapReportsApi();
        api.MapSessionsApi();
        api.MapOrganisationsApi();
        api.MapProfileApi().MapPeopleApi().MapEmailInvitationsApi();
        api.MapSearchApi();
        api.MapConventionApi();
        api.MapNetworkApi();
        api.MapDirectoryApi();
        api.MapLibraryApi();

        // Unknown API paths are errors, not the client's index.html.
        app.MapFallback("/api/{**path}", (HttpContext c) => Problems.Result(c, StatusCodes.Status404NotFound, ErrorCodes.UnknownEndpoint))
            .AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapIndexPage().AllowAnonymous();
        return app;
    }
}

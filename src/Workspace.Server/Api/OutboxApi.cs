using Workspace.Contracts.Email;
using Workspace.Contracts.Errors;

namespace Workspace.Server.Api;

/// <summary>The administrators' view of the email outbox: queued, failed and recently sent messages (never their content).</summary>
public static class OutboxApi
{
    public static RouteGroupBuilder MapOutboxApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/outbox", GetOutbox);
        admin.MapPost("/outbox/{messageId:guid}/retry", Retry);
        return admin;
    }

    private static async Task<OutboxView> GetOutbox(HttpContext context, IGrainFactory grains)
    {
        await Admins.Require(context, grains);
        return await grains.GetGrain<IMailOutboxGrain>(0).GetView();
    }

    private static async Task<IResult> Retry(Guid messageId, HttpContext context, IGrainFactory grains)
    {
        await Admins.Require(context, grains);
        return await grains.GetGrain<IMailOutboxGrain>(0).Retry(messageId)
            ? TypedResults.NoContent()
            : throw WorkspaceException.NotFound(ErrorCodes.OutboxMessageNotFound);
    }
}

using Workspace.Contracts.Groups;
using Workspace.Contracts.Sessions;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>Facilitated sessions of a working group: planning and reading. Running one happens live (the session grain decides who may).</summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/groups/{groupId:guid}/sessions", async (Guid groupId, HttpContext c, IGrainFactory g) =>
            await g.GetGrain<IWorkingGroupGrain>(groupId).GetSessions(c.User.UserId()));
        api.MapPost("/groups/{groupId:guid}/sessions", async (Guid groupId, PlanSessionRequest request, HttpContext c, IGrainFactory g) =>
        {
            var userId = c.User.UserId();
            var plan = new SessionPlan(
                request.Title ?? string.Empty,
                request.ScheduledStart ?? DateTimeOffset.MinValue,
                (request.Agenda ?? []).Select(i => new AgendaItemInput(i.Title ?? string.Empty, i.Target ?? (i.TargetId is null ? AgendaTarget.None : (AgendaTarget)(-1)), i.TargetId ?? Guid.Empty, i.Minutes ?? 0)).ToArray());
            var summary = await g.GetGrain<IWorkingGroupGrain>(groupId).CreateSession(userId, plan);
            return TypedResults.Created($"/api/sessions/{summary.Id}", await g.GetGrain<ISessionGrain>(summary.Id).Get(userId));
        });
        api.MapGet("/sessions/{sessionId:guid}", async (Guid sessionId, HttpContext c, IGrainFactory g) =>
            await g.GetGrain<ISessionGrain>(sessionId).Get(c.User.UserId()));
        return api;
    }
}

public sealed record AgendaItemRequest(string? Title, AgendaTarget? Target, Guid? TargetId, int? Minutes);

public sealed record PlanSessionRequest(string? Title, DateTimeOffset? ScheduledStart, AgendaItemRequest[]? Agenda);

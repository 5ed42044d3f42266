using Workspace.Contracts.Accounts;
using Workspace.Contracts.Server;
using Microsoft.Extensions.Options;
using Workspace.Server.Live;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>Who is signed in, and first-run setup.</summary>
public static class SessionApi
{
    public static RouteGroupBuilder MapSessionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/session", GetSession).AllowAnonymous().AllowDuringSecondFactorEnrolment();
        api.MapPost("/setup", CompleteSetup).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn);
        return api;
    }

    private static async Task<SessionView> GetSession(HttpContext context, IGrainFactory grains, IOptions<LiveOptions> live)
    {
        var keepAlive = (int)live.Value.KeepAliveInterval.TotalMilliseconds;
        var setupRequired = await grains.GetGrain<IServerGrain>(0).IsSetupRequired();
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return new SessionView(false, setupRequired, null, LiveKeepAliveMs: keepAlive);
        }

        var profile = await grains.GetGrain<IUserGrain>(context.User.UserId()).GetProfile();
        return new SessionView(profile is not null, setupRequired, profile is null ? null : UserView.From(profile), profile is not null && context.User.MustEnrol(), keepAlive);
    }

    private static async Task<IResult> CompleteSetup(SetupRequest request, HttpContext context, IGrainFactory grains)
    {
        var account = new NewAccount(request.Email!, request.Password!, request.DisplayName!, request.Organisation!, request.Country!);
        var profile = await grains.GetGrain<IServerGrain>(0).CompleteSetup(request.Token ?? string.Empty, account);
        await Authentication.SignIn(context, profile);
        return TypedResults.Created("/api/session", UserView.From(profile));
    }
}

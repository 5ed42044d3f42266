using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;
using Workspace.Contracts.Errors;
using Workspace.Server.Localization;

namespace Workspace.Server.Live;

/// <summary>
/// Turns a refusal into a typed hub error: a HubException whose message is JSON with the stable
/// code, the kind (so a client knows whether to retry) and a title in the caller's language.
/// </summary>
public sealed class HubErrors(ErrorCatalog catalog) : IHubFilter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (WorkspaceException e)
        {
            throw Typed(invocationContext.Context, e.Kind, e.Code, e.FieldErrors.FirstOrDefault()?.Limit);
        }
        catch (Exception e) when (Hosting.ClusterFailures.IsUnavailable(e))
        {
            // A node died and the cluster has not yet moved its grains: worth retrying shortly.
            throw Typed(invocationContext.Context, ErrorKind.Unavailable, ErrorCodes.DocumentUnavailable, null);
        }
    }

    public HubException Typed(HubCallerContext context, ErrorKind kind, string code, int? limit)
    {
        var culture = context.GetHttpContext()?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.InvariantCulture;
        var body = new { code, kind = kind.ToString().ToLowerInvariant(), title = catalog.Message(code, culture, limit), limit };
        return new HubException(JsonSerializer.Serialize(body, Json));
    }
}

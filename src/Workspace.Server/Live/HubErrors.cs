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
        catch (Exception e) when (Describe(invocationContext.Context, e) is { } refusal)
        {
            throw new HubException(JsonSerializer.Serialize(refusal, Json));
        }
    }

    /// <summary>What a caller is told about a failed call; null for a fault that is not theirs to know about (logged instead).</summary>
    public HubRefusal? Describe(HubCallerContext context, Exception exception) => exception switch
    {
        WorkspaceException e => Refusal(context, e.Kind, e.Code, e.FieldErrors.FirstOrDefault()?.Limit),

        // A node died and the cluster has not yet moved its grains: worth retrying shortly.
        _ when Hosting.ClusterFailures.IsUnavailable(exception) => Refusal(context, ErrorKind.Unavailable, ErrorCodes.DocumentUnavailable, null),
        _ => null,
    };

    private HubRefusal Refusal(HubCallerContext context, ErrorKind kind, string code, int? limit)
    {
        var culture = context.GetHttpContext()?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.InvariantCulture;
        return new HubRefusal(code, kind.ToString().ToLowerInvariant(), catalog.Message(code, culture, limit), limit);
    }
}

/// <summary>A typed refusal: the stable code, the kind (so a client knows whether to retry), a title in the caller's language.</summary>
public sealed record HubRefusal(string Code, string Kind, string Title, int? Limit);

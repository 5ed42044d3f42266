using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;
using Workspace.Contracts.Errors;
using Workspace.Server.Localization;

namespace Workspace.Server.Live;

/// <summary>
/// Turns every failed hub call into a typed hub error: a HubException whose message is JSON with the
/// stable code, the kind (so a client knows whether to retry) and a title in the caller's language.
/// A refusal (the caller's input or rights) is counted and logged once at Information, without a stack
/// trace; anything else is a fault of ours, logged as an error with its stack trace and answered
/// <c>server.unexpected</c> (never SignalR's untyped "an unexpected error occurred").
/// </summary>
public sealed partial class HubErrors(ErrorCatalog catalog, LiveRefusals refusals, ILogger<HubErrors> logger) : IHubFilter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception e)
        {
            throw new HubException(JsonSerializer.Serialize(Refuse(invocationContext.Context, invocationContext.HubMethodName, e), Json));
        }
    }

    /// <summary>What a caller is told about a failed call of <paramref name="method"/>; logged and counted here, once.</summary>
    public HubRefusal Refuse(HubCallerContext context, string method, Exception exception)
    {
        var refusal = Describe(context, exception);
        if (refusal is null)
        {
            LogFailed(logger, exception, method, context.ConnectionId);
            return Refusal(context, ErrorKind.Unavailable, ErrorCodes.Unexpected, null);
        }

        refusals.Refused(context, method, refusal.Code);
        return refusal;
    }

    /// <summary>What a caller is told about a refusal; null for a fault that is not theirs to know about.</summary>
    public HubRefusal? Describe(HubCallerContext context, Exception exception) => exception switch
    {
        WorkspaceException e => Refusal(context, e.Kind, e.Code, e.FieldErrors.FirstOrDefault()?.Limit),

        // A node died and the cluster has not yet moved its grains: worth retrying shortly.
        _ when Grains.Live.ClusterFailures.IsUnavailable(exception) => Refusal(context, ErrorKind.Unavailable, ErrorCodes.DocumentUnavailable, null),
        _ => null,
    };

    private HubRefusal Refusal(HubCallerContext context, ErrorKind kind, string code, int? limit)
    {
        var culture = context.GetHttpContext()?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.InvariantCulture;
        return new HubRefusal(code, kind.ToString().ToLowerInvariant(), catalog.Message(code, culture, limit), limit);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Live call {Method} failed unexpectedly (connection {ConnectionId})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string connectionId);
}

/// <summary>A typed refusal: the stable code, the kind (so a client knows whether to retry), a title in the caller's language.</summary>
public sealed record HubRefusal(string Code, string Kind, string Title, int? Limit);

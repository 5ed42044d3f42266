using Microsoft.AspNetCore.Diagnostics;
using Workspace.Contracts.Errors;

namespace Workspace.Server.Web;

/// <summary>
/// The one place exceptions become responses: grain refusals keep their code, unreadable or
/// oversized requests say so, and anything unexpected is logged and reported without details.
/// </summary>
public sealed class WorkspaceExceptionHandler(ILogger<WorkspaceExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var result = exception switch
        {
            WorkspaceException refusal => Problems.Result(context, refusal),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problems.Result(context, StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge),
            BadHttpRequestException bad => Problems.Result(context, bad.StatusCode, ErrorCodes.MalformedRequest),
            _ when Grains.Live.ClusterFailures.IsUnavailable(exception) => Unavailable(context),
            _ => null,
        };

        if (result is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            result = Problems.Result(context, StatusCodes.Status500InternalServerError, ErrorCodes.Unexpected);
        }

        await result.ExecuteAsync(context);
        return true;
    }

    /// <summary>A node of the cluster went away mid-request: nothing was done; asking again shortly works.</summary>
    private static IResult Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return Problems.Result(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServerUnavailable);
    }
}

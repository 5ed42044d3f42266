using Workspace.Contracts.Errors;
using Workspace.Server.Configuration;

namespace Workspace.Server.Web;

/// <summary>Refuses a request whose declared body is over the limit before anything reads it, with a readable error.</summary>
public static class RequestLimits
{
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app, SecurityOptions security) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > security.MaxRequestBodyBytes)
            {
                context.Response.Headers.Connection = "close";
                await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge);
                return;
            }

            await next(context);
        });
}

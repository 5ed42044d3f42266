using Workspace.Contracts.Errors;
using Workspace.Server.Configuration;

namespace Workspace.Server.Web;

/// <summary>Refuses a request whose declared body is over the limit before anything reads it, with a readable error.</summary>
public static class RequestLimits
{
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app, SecurityOptions security) =>
        app.Use(async (context, next) =>
        {
            // A library upload may be as large as a library file (plus its multipart framing), no larger.
            var limit = security.MaxRequestBodyBytes;
            var code = ErrorCodes.RequestTooLarge;
            if (Workspace.Server.Api.LibraryApi.IsUpload(context.Request))
            {
                code = ErrorCodes.LibraryFileTooLarge;
                limit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<LibraryOptions>>().Value.MaxFileBytes + LibraryOptions.MultipartOverhead;
                if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = limit;
                }
            }

            if (context.Request.ContentLength > limit)
            {
                context.Response.Headers.Connection = "close";
                await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, code);
                return;
            }

            await next(context);
        });
}

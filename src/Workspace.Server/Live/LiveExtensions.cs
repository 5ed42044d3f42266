using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Workspace.Collaboration;
using Workspace.Grains.Documents;

namespace Workspace.Server.Live;

public static class LiveExtensions
{
    /// <summary>SignalR for live documents: size limit, typed errors, the JSON the browser expects, this node's fan-out.</summary>
    public static WebApplicationBuilder AddWorkspaceLive(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<HubErrors>();
        services.AddSingleton<DocumentFanOut>();
        services.AddHostedService(sp => sp.GetRequiredService<DocumentFanOut>());
        services.AddSingleton<GroupFanOut>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupFanOut>());
        services.AddSingleton<LiveShutdown>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveShutdown>());
        services.AddSingleton<SessionFanOut>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionFanOut>());
        services.AddSingleton<SignInWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<SignInWatch>());
        services.AddSingleton<SignInFilter>();
        services.AddSignalR(o =>
            {
                o.AddFilter<HubErrors>(); // outermost: turns the sign-in filter's refusal into a typed error too
                o.AddFilter<SignInFilter>();
            })
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
                o.PayloadSerializerOptions.Converters.Add(new TextOperationJsonConverter());
            });
        services.AddOptions<HubOptions>()
            .Configure<IOptions<DocumentOptions>>((o, documents) => o.MaximumReceiveMessageSize = documents.Value.MaxMessageBytes);
        return builder;
    }

    public static WebApplication MapWorkspaceLive(this WebApplication app)
    {
        // Cross-site WebSocket hijacking: the cookie is SameSite=Strict, and a foreign Origin (or several) is refused too.
        app.UseWhen(
            c => c.Request.Path.StartsWithSegments("/hubs"),
            branch => branch.Use(async (context, next) =>
            {
                if (!OriginCheck.Allowed(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }

                await next(context);
            }));
        app.MapHub<DocumentHub>(DocumentHub.Path);
        return app;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using Workspace.Collaboration;
using Workspace.Grains.Documents;

namespace Workspace.Server.Live;

public static class LiveExtensions
{
    private const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    /// <summary>SignalR for live documents: size limit, typed errors, the JSON the browser expects, this node's fan-out.</summary>
    public static WebApplicationBuilder AddWorkspaceLive(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // SignalR's dispatcher logs every failed call as an error with a stack trace, refusals included (a
        // presence flood wrote megabytes). HubErrors logs each failure itself instead: refusals once at
        // Information, faults of ours as errors with their stack trace.
        builder.Logging.AddFilter(DispatcherCategory, LogLevel.Critical);
        services.AddOptions<LiveOptions>()
            .Bind(builder.Configuration.GetSection(LiveOptions.Section))
            .Validate(o => !o.Problems().Any(), "Workspace:Live is not valid: ClientTimeout and KeepAliveInterval must be positive, and KeepAliveInterval shorter than ClientTimeout.")
            .ValidateOnStart();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<LiveRefusals>();
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
        services.AddSingleton<NetworkNewsWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<NetworkNewsWatch>());
        services.AddSignalR(o =>
            {
                o.AddFilter<HubErrors>(); // outermost: turns the sign-in filter's refusal into a typed error too
                o.AddFilter<SignInFilter>();
            })
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
                o.PayloadSerializerOptions.Converters.Add(new TextOperationJsonConverter());
            })
            .AddMessagePackProtocol(); // same shapes as the JSON (see below); a client picks either
        services.AddOptions<MessagePackHubProtocolOptions>()
            .Configure<IOptions<JsonHubProtocolOptions>>((o, json) => o.SerializerOptions = LiveProtocol.JsonShapedMessagePack.Options(json.Value.PayloadSerializerOptions));
        services.AddOptions<HubOptions>()
            .Configure<IOptions<DocumentOptions>, IOptions<LiveOptions>>((o, documents, live) =>
            {
                o.MaximumReceiveMessageSize = documents.Value.MaxMessageBytes;
                o.ClientTimeoutInterval = live.Value.ClientTimeout;
                o.KeepAliveInterval = live.Value.KeepAliveInterval;
            });

        // Each connection's wire (silence, closing with a reason) and a guard around every hub protocol.
        services.AddSingleton<HubLifetimeManager<LiveHub>, LiveLifetimeManager>();
        GuardProtocols(services);
        return builder;
    }

    /// <summary>Wraps every registered hub protocol (JSON and MessagePack) in <see cref="GuardedHubProtocol"/>.</summary>
    private static void GuardProtocols(IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IHubProtocol)).ToList())
        {
            services.Remove(descriptor);
            services.AddSingleton<IHubProtocol>(sp => new GuardedHubProtocol(
                descriptor.ImplementationInstance as IHubProtocol
                    ?? descriptor.ImplementationFactory?.Invoke(sp) as IHubProtocol
                    ?? (IHubProtocol)ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!),
                // Not HubOptions: they are built from the protocols (a cycle that deadlocks start-up).
                sp.GetRequiredService<IOptions<DocumentOptions>>().Value.MaxMessageBytes));
        }
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
        app.MapHub<LiveHub>(LiveHub.Path);
        app.MapHub<LiveHub>(LiveHub.DeprecatedPath); // browsers loaded before the rename reconnect here
        return app;
    }
}

using System.Diagnostics.Metrics;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Workspace.Grains.Telemetry;
using Workspace.Server.Api;
using Workspace.Server.Live;

namespace Workspace.Server.Hosting;

/// <summary>
/// Metrics and their export. The "Workspace" meter is always there (the administrators' operations
/// view reads it in-process); OpenTelemetry exports it, with the ASP.NET Core and Orleans meters
/// and the logs, only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector: by default
/// nothing leaves the machine.
/// </summary>
public static class Telemetry
{
    /// <summary>The standard OpenTelemetry variable that turns OTLP export on.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Meters exported besides <see cref="WorkspaceMetrics.MeterName"/>.</summary>
    public static readonly string[] PlatformMeters =
    [
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "System.Runtime",
    ];

    public static WebApplicationBuilder AddWorkspaceTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMetrics();
        services.AddSingleton(sp => new WorkspaceMetrics(
            sp.GetRequiredService<IMeterFactory>(),
            () => sp.GetRequiredService<ConnectionRegistry>().Count));
        services.AddSingleton<MetricsReader>();

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]))
        {
            // The exporter reads the other OTEL_* variables itself (protocol, headers, service name…).
            services.AddOpenTelemetry()
                .ConfigureResource(r =>
                {
                    if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                    {
                        r.AddService("workspace");
                    }
                })
                .WithMetrics(m => m.AddMeter(WorkspaceMetrics.MeterName).AddMeter(PlatformMeters).AddOtlpExporter())
                .WithLogging(l => l.AddOtlpExporter(), o => o.IncludeScopes = true);
        }

        return builder;
    }

    /// <summary>Starts reading this node's instruments and maps the administrators' operations view.</summary>
    public static WebApplication MapWorkspaceTelemetry(this WebApplication app)
    {
        // Created now, so that the view counts from start-up rather than from its first request.
        app.Services.GetRequiredService<MetricsReader>();
        app.MapGroup("/api/admin").WithTags("Workspace").MapOperationsApi();
        return app;
    }
}

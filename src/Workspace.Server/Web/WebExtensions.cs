using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Localization;
using Workspace.Server.Configuration;
using Workspace.Server.Hosting;
using Workspace.Server.Localization;

namespace Workspace.Server.Web;

public static class WebExtensions
{
    /// <summary>HTTP services: JSON, errors, localisation, authentication, CSRF, limits, health, OpenAPI.</summary>
    public static WebApplicationBuilder AddWorkspaceWeb(this WebApplicationBuilder builder, WorkspaceOptions options)
    {
        var services = builder.Services;
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<WorkspaceExceptionHandler>();
        services.AddSingleton<ErrorCatalog>();
        services.AddSingleton<Workspace.Markdown.MarkdownRenderer>();
        services.AddMemoryCache(o => o.SizeLimit = 64 * 1024 * 1024);
        services.AddWorkspaceAuthentication();
        services.AddWorkspaceCsrf();
        services.AddWorkspaceRateLimits(options.Security);
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        services.AddOpenApi();
        services.AddHostedService<SetupAnnouncer>();

        // Cookie keys survive restarts, so people stay signed in: in the data folder on SQLite (one
        // node), in the database on PostgreSQL, where every node of the cluster shares them.
        var protection = services.AddDataProtection().SetApplicationName("Workspace");
        if (options.Storage.Provider == StorageProvider.PostgreSql)
        {
            var repository = new PostgresKeyRepository(options.StorageConnectionString(builder.Environment.ContentRootPath));
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = repository);
        }
        else
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath), "keys")));
        }
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.Security.MaxRequestBodyBytes;
            k.AddServerHeader = false;

            // Kestrel answers requests it cannot parse (400, 414, 431…) before any middleware runs.
            k.ConfigureEndpointDefaults(listen => listen.UseSecurityHeadersOnServerErrors());
        });
        return builder;
    }

    /// <summary>The request pipeline, in the order that keeps it safe.</summary>
    public static WebApplication UseWorkspaceWeb(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorkspaceOptions>>().Value.Security;

        // Security headers before anything that can answer; then localisation: the culture it sets
        // must also reach the exception handler's responses.
        app.UseSecurityHeaders();
        var cultures = ErrorCatalog.Languages.Select(l => new CultureInfo(l)).ToList();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        });
        app.UseExceptionHandler();
        app.UseRequestLimits(security);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseSecondFactorGate();
        app.UseWorkspaceCsrf();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}

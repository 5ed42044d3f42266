using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Workspace.Server.Configuration;

namespace Workspace.Server.Hosting;

/// <summary>
/// <c>Workspace.Server migrate</c>: creates or upgrades the configured database's schema, then
/// upgrades its data (the node's silo starts without serving HTTP, runs the one-time upgrades of
/// <see cref="OrganisationUpgradeService"/>, and stops), and exits (0 on success). Idempotent: run
/// it on every deployment, before the nodes start (its silo uses the node's configured ports).
/// </summary>
public static class MigrateCommand
{
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "migrate";

    public static async Task<int> Run(WebApplicationBuilder builder, WorkspaceOptions options)
    {
        var target = new DatabaseTarget(options.Storage.Provider, options.StorageConnectionString(builder.Environment.ContentRootPath));
        try
        {
            var version = await SchemaInstaller.Migrate(target, CancellationToken.None);
            await Console.Out.WriteLineAsync($"Workspace schema on {target.Provider} is at version {version}.");
        }
        catch (Exception e) when (e is SchemaException or System.Data.Common.DbException)
        {
            await Console.Error.WriteLineAsync($"Migration failed: {e.Message}");
            return 1;
        }

        builder.AddWorkspaceOrleans(options);
        builder.Services.AddSingleton<IServer, NoHttpServer>();
        await using var app = builder.Build();
        try
        {
            await app.StartAsync();
            await app.StopAsync();
            await Console.Out.WriteLineAsync("Workspace data is upgraded (organisations).");
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"Data upgrade failed: {e.Message}");
            return 2;
        }
    }

    /// <summary>Stands in for Kestrel while migrating: the silo runs, nothing listens for HTTP.</summary>
    private sealed class NoHttpServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull =>
            Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}

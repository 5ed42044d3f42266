using Workspace.Server.Configuration;

namespace Workspace.Server.Hosting;

/// <summary>
/// <c>Workspace.Server migrate</c>: creates or upgrades the configured database's schema and exits
/// (0 on success). Idempotent: run it on every deployment, before the nodes start.
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
            return 0;
        }
        catch (Exception e) when (e is SchemaException or System.Data.Common.DbException)
        {
            await Console.Error.WriteLineAsync($"Migration failed: {e.Message}");
            return 1;
        }
    }
}

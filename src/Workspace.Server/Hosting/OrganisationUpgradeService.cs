using Workspace.Grains.Organisations;

namespace Workspace.Server.Hosting;

/// <summary>
/// Once the silo has started, runs the one-time organisations upgrade if the stored version says it
/// has not run (<see cref="OrganisationUpgrade"/>); start-up waits for it, so no request sees half
/// of it. The <c>migrate</c> command runs the same service and exits.
/// </summary>
public sealed class OrganisationUpgradeService(IGrainFactory grains, ILogger<OrganisationUpgradeService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await OrganisationUpgrade.Run(grains, logger);
        await DirectoryIndex.Fill(grains, logger); // issue 21: entries stored before the directory indexed articles, areas, languages, listing
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

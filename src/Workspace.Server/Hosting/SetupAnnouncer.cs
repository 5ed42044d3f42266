using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Server;
using Workspace.Server.Configuration;

namespace Workspace.Server.Hosting;

/// <summary>
/// After the silo starts: creates the administrator from the environment if asked to, otherwise
/// makes sure a one-time setup token exists; once the web server listens, says where to open it.
/// </summary>
public sealed class SetupAnnouncer(
    IGrainFactory grains,
    IOptions<WorkspaceOptions> options,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<SetupAnnouncer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var setup = options.Value.Setup;
        var serverGrain = grains.GetGrain<IServerGrain>(0);
        string? token = null;
        if (!string.IsNullOrWhiteSpace(setup.AdminEmail))
        {
            var admin = await serverGrain.CreateAdministrator(new NewAccount(
                setup.AdminEmail, setup.AdminPassword!, setup.AdminDisplayName, setup.AdminOrganisation, setup.AdminCountry!));
            if (admin is not null)
            {
                logger.LogInformation("Created the administrator account {Email} from Workspace:Setup:AdminEmail.", admin.Email);
            }
        }
        else
        {
            token = await serverGrain.EnsureSetupToken(setup.Token);
        }

        lifetime.ApplicationStarted.Register(() => Announce(token));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce(string? setupToken)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        var root = address.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
        logger.LogInformation("Workspace is running. Open {Url}/ in your browser.", root);
        if (setupToken is not null)
        {
            // Framed so that it stands out among the start-up lines: it is the one thing a newcomer must do.
            var link = $"{root}/setup?token={setupToken}";
            var frame = new string('-', Math.Max(72, link.Length + 4));
            logger.LogInformation(
                "First-run setup: open this link to create the administrator account (it works once):\n{Frame}\n  {SetupLink}\n{Frame}",
                frame, link, frame);
        }
    }
}

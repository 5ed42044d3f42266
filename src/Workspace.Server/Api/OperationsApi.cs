using System.Text.Json;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Server.Hosting;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>The administrators' operations view: the cluster's nodes, activations by grain type, and this node's metrics.</summary>
public static class OperationsApi
{
    public static RouteGroupBuilder MapOperationsApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/cluster", GetCluster);
        admin.MapOutboxApi();
        admin.MapPasswordResetLinksApi();
        return admin;
    }

    private static async Task<ClusterView> GetCluster(HttpContext context, IGrainFactory grains, ILocalSiloDetails silo, MetricsReader metrics)
    {
        // Whether the caller is an administrator is what their stored profile says, never a claim.
        var profile = await grains.GetGrain<IUserGrain>(context.User.UserId()).GetProfile()
            ?? throw new WorkspaceException(ErrorKind.Unauthenticated, ErrorCodes.Unauthenticated);
        if (!profile.IsAdmin)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.AdminOnly);
        }

        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var statistics = await management.GetSimpleGrainStatistics();
        var perSilo = statistics.GroupBy(s => s.SiloAddress).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
        var silos = hosts
            .OrderBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal)
            .Select(h => new SiloView(
                h.SiloAddress.ToString(),
                h.SiloName,
                h.HostName,
                JsonNamingPolicy.KebabCaseLower.ConvertName(h.Status.ToString()),
                Utc(h.StartTime),
                Utc(h.IAmAliveTime),
                perSilo.GetValueOrDefault(h.SiloAddress),
                h.SiloAddress.Equals(silo.SiloAddress)))
            .ToArray();
        var activations = statistics
            .GroupBy(s => s.GrainType)
            .Select(g => new ActivationsView(g.Key, g.Sum(s => s.ActivationCount)))
            .OrderByDescending(a => a.Activations)
            .ThenBy(a => a.GrainType, StringComparer.Ordinal)
            .ToArray();
        return new ClusterView(silo.SiloAddress.ToString(), DateTimeOffset.UtcNow, silos, activations, metrics.Read());
    }

    /// <summary>Membership times are UTC; say so, so that browsers show them in their own time zone.</summary>
    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}

/// <summary>The operations view: <see cref="Metrics"/> are this node's (<see cref="Node"/>); silos and activations are the cluster's.</summary>
public sealed record ClusterView(string Node, DateTimeOffset CollectedAt, SiloView[] Silos, ActivationsView[] Activations, IReadOnlyList<MetricValue> Metrics);

public sealed record SiloView(string Address, string Name, string HostName, string Status, DateTimeOffset StartedAt, DateTimeOffset LastAlive, int Activations, bool ThisNode);

public sealed record ActivationsView(string GrainType, int Activations);

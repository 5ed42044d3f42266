using System.Net;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Workspace.Grains;
using Workspace.Grains.Documents;
using Workspace.Grains.Recommendations;
using Workspace.Server.Configuration;

namespace Workspace.Server.Hosting;

public static class OrleansHosting
{
    /// <summary>Invariant names Orleans AdoNet expects (SQLite's loads Microsoft.Data.Sqlite).</summary>
    public const string SqliteInvariant = "System.Data.SQLite";
    public const string PostgreSqlInvariant = "Npgsql";

    /// <summary>The AdoNet provider itself; grains use it through <see cref="GatedGrainStorage"/> as <see cref="StorageNames.Default"/>.</summary>
    private const string AdoNetStorage = "workspace-adonet";

    /// <summary>Co-hosts this node's silo: storage on SQLite or PostgreSQL, clustering on localhost or PostgreSQL.</summary>
    public static WebApplicationBuilder AddWorkspaceOrleans(this WebApplicationBuilder builder, WorkspaceOptions options)
    {
        var storageConnection = options.StorageConnectionString(builder.Environment.ContentRootPath);
        var invariant = options.Storage.Provider == StorageProvider.PostgreSql ? PostgreSqlInvariant : SqliteInvariant;

        // Before the silo: its storage (and clustering) tables must exist when it starts.
        builder.Services.AddSingleton(new DatabaseTarget(options.Storage.Provider, storageConnection, options.Storage.ShouldMigrateOnStart));
        builder.Services.AddSingleton<SchemaInstaller>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SchemaInstaller>());

        // Registered before the silo, so it starts after the schema and stops after the silo
        // (grains that deactivate while the silo stops still commit through it).
        builder.Services.AddSingleton(new StorageWriteGate(serialise: options.Storage.Provider == StorageProvider.Sqlite));
        builder.Services.AddSingleton<SqlDocumentJournal>();
        builder.Services.AddSingleton<IDocumentJournal>(sp => sp.GetRequiredService<SqlDocumentJournal>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SqlDocumentJournal>());

        builder.UseOrleans(silo =>
        {
            var clustering = options.Clustering;
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clustering.ClusterId;
                o.ServiceId = clustering.ServiceId;
            });

            if (clustering.Provider == ClusteringProvider.AdoNet)
            {
                var address = IPAddress.Parse(clustering.AdvertisedAddress ?? IPAddress.Loopback.ToString());
                silo.ConfigureEndpoints(address, clustering.SiloPort, clustering.GatewayPort, listenOnAnyHostAddress: clustering.AdvertisedAddress is not null);
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgreSqlInvariant;
                    o.ConnectionString = clustering.ConnectionString ?? storageConnection;
                });

                // A node that stops answering is declared dead within about ten seconds: probes every
                // 2 s, two missed probes make a suspicion, two suspecting nodes (or the only other one) a
                // death. Its grains then come back elsewhere from storage.
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(2);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 2;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
                });
            }
            else
            {
                silo.UseLocalhostClustering(clustering.SiloPort, clustering.GatewayPort, serviceId: clustering.ServiceId, clusterId: clustering.ClusterId);
            }

            // Reminders (follow-up review dates) live in the same database, on both providers. Their
            // period is ours to choose (Workspace:Recommendations:ReviewCheckPeriod, validated at start).
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = storageConnection;
            });
            // Orleans' own minimum (a minute) unless a shorter check period is configured (tests): only then does
            // Orleans warn at start-up that high-frequency reminders are unsuitable for production.
            silo.Services.AddOptions<ReminderOptions>().Configure<Microsoft.Extensions.Options.IOptions<RecommendationOptions>>((o, recommendations) =>
                o.MinimumReminderPeriod = recommendations.Value.ReviewCheckPeriod < o.MinimumReminderPeriod ? recommendations.Value.ReviewCheckPeriod : o.MinimumReminderPeriod);

            silo.AddAdoNetGrainStorage(AdoNetStorage, o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = storageConnection;
            });
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (sp, _) =>
                new GatedGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(AdoNetStorage), sp.GetRequiredService<StorageWriteGate>(), sp.GetService<Workspace.Grains.Telemetry.WorkspaceMetrics>()));

            // Stored state is written by the Orleans serializer, so it follows the [Id]/[Alias]
            // contract of our state types: renaming or moving a class does not break stored data.
            silo.Services.AddOptions<AdoNetGrainStorageOptions>(AdoNetStorage)
                .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        });

        // After the silo: the one-time data upgrades, which need grains.
        builder.Services.AddHostedService<OrganisationUpgradeService>();
        return builder;
    }
}

/// <summary>The database this node stores grain state in.</summary>
public sealed record DatabaseTarget(StorageProvider Provider, string ConnectionString, bool MigrateOnStart = true);

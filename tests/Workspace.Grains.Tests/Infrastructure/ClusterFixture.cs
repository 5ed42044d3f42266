using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Accounts;

namespace Workspace.Grains.Tests.Infrastructure;

/// <summary>One in-process Orleans cluster shared by the grain tests, with a clock they control.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly System.Collections.Concurrent.ConcurrentBag<SessionNodeRecorder> _recorders = [];

    private InProcessTestCluster? _cluster;

    public ManualClock Clock { get; } = new();

    /// <summary>How long a confirmation link works in these tests.</summary>
    public static readonly TimeSpan EmailConfirmationLifetime = TimeSpan.FromMinutes(30);

    public IGrainFactory Grains => _cluster?.Client ?? throw new InvalidOperationException("The cluster is not running.");

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);

            // As in production: state stored by the Orleans serializer (its [Id]s are what an upgrade must keep).
            silo.Services.AddOptions<Orleans.Configuration.MemoryGrainStorageOptions>(StorageNames.Default)
                .Configure<Orleans.Serialization.Serializer>((o, serializer) => o.GrainStorageSerializer = new Orleans.Storage.OrleansGrainStorageSerializer(serializer));
            silo.UseInMemoryReminderService();
            silo.Configure<Orleans.Hosting.ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.Configure<Workspace.Grains.Recommendations.RecommendationOptions>(o => o.ReviewCheckPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.AddOutgoingGrainCallFilter(HistoryFaults.Filter);
            silo.Services.Configure<Workspace.Grains.Documents.DocumentOptions>(o => o.HistoryRetryFor = TimeSpan.FromSeconds(2));
            silo.Services.Configure<AccountOptions>(o =>
            {
                o.LockoutThreshold = 3;
                o.LockoutDuration = TimeSpan.FromMinutes(10);
                o.EmailConfirmationLifetime = EmailConfirmationLifetime; // short: the shared clock must not leap days ahead of other tests
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>
    /// Deactivates a grain and rewrites its stored state as an earlier version would have left it, so the
    /// next call activates it from that state (upgrades of stored data are tested this way).
    /// </summary>
    public async Task RewriteStored<TState>(IAddressable grain, string stateName, Action<TState> change) where TState : class
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        await management.DeactivateGrain(grain.GetGrainId());
        for (var i = 0; i < 500 && await management.GetActivationAddress(grain) is not null; i++)
        {
            await Task.Delay(10);
        }

        var storage = _cluster!.Silos[0].ServiceProvider.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(StorageNames.Default);
        var stored = new GrainState<TState>();
        await storage.ReadStateAsync(stateName, grain.GetGrainId(), stored);
        change(stored.State!);
        await storage.WriteStateAsync(stateName, grain.GetGrainId(), stored);
    }

    /// <summary>A node's link to sessions (the recorder counts the announcements it receives).</summary>
    public ISessionObserver SessionNode(SessionNodeRecorder? recorder = null)
    {
        recorder ??= new SessionNodeRecorder();
        _recorders.Add(recorder); // Orleans holds observers weakly
        return Grains.CreateObjectReference<ISessionObserver>(recorder);
    }

    /// <summary>
    /// Registers a new person with a unique email and returns their profile; they are tied to "{name} Org",
    /// which is verified and their tie confirmed unless <paramref name="confirmed"/> is false.
    /// </summary>
    public async Task<UserProfile> NewUser(string name = "Ana", string password = "correct horse battery", bool admin = false, bool confirmed = true)
    {
        var email = $"{name.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        var profile = await Grains.GetGrain<IAccountGrain>(email).Register(new NewAccount(email, password, name, $"{name} Org", "MX"), admin);
        if (confirmed && profile.OrganisationId is { } organisationId)
        {
            var organisation = Grains.GetGrain<Contracts.Organisations.IOrganisationGrain>(organisationId);
            await organisation.Verify();
            await organisation.Confirm(profile.Id);
            profile = (await Grains.GetGrain<IUserGrain>(profile.Id).GetProfile())!;
        }

        return profile;
    }

    /// <summary>Follows a confirmation link for the person's claim on their address, as the link in the email would.</summary>
    public async Task<UserProfile> Confirm(UserProfile user, string? email = null)
    {
        var account = Grains.GetGrain<IAccountGrain>(email ?? user.Email);
        var token = await account.IssueConfirmation(user.Id);
        return await account.Confirm(user.Id, Workspace.Grains.Groups.InvitationTokens.Hash(token));
    }
}

/// <summary>Counts "session changed" announcements, as a node would receive them.</summary>
public sealed class SessionNodeRecorder : ISessionObserver
{
    private int _changes;

    public int Changes => Volatile.Read(ref _changes);

    public Task Changed(Guid sessionId)
    {
        Interlocked.Increment(ref _changes);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

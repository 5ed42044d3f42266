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

    public IGrainFactory Grains => _cluster?.Client ?? throw new InvalidOperationException("The cluster is not running.");

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.UseInMemoryReminderService();
            silo.Configure<Orleans.Hosting.ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.Configure<Workspace.Grains.Recommendations.RecommendationOptions>(o => o.ReviewCheckPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.Configure<AccountOptions>(o =>
            {
                o.LockoutThreshold = 3;
                o.LockoutDuration = TimeSpan.FromMinutes(10);
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

    /// <summary>A node's link to sessions (the recorder counts the announcements it receives).</summary>
    public ISessionObserver SessionNode(SessionNodeRecorder? recorder = null)
    {
        recorder ??= new SessionNodeRecorder();
        _recorders.Add(recorder); // Orleans holds observers weakly
        return Grains.CreateObjectReference<ISessionObserver>(recorder);
    }

    /// <summary>Registers a new person with a unique email and returns their profile.</summary>
    public Task<UserProfile> NewUser(string name = "Ana", string password = "correct horse battery", bool admin = false)
    {
        var email = $"{name.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        return Grains.GetGrain<IAccountGrain>(email).Register(new NewAccount(email, password, name, $"{name} Org", "MX"), admin);
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

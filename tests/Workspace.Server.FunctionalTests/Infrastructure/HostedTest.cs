namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>A test class with its own server host (real Kestrel socket, own SQLite file), disposed after each test.</summary>
public abstract class HostedTest(IDictionary<string, string?>? settings = null, bool withAdministrator = true) : IAsyncLifetime
{
    protected WorkspaceHost Host { get; } = new(settings, withAdministrator);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

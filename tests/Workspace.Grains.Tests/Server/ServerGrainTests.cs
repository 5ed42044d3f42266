using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Server;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Server;

/// <summary>Setup runs once per cluster, so this class gets a cluster of its own.</summary>
public sealed class ServerGrainTests : IAsyncLifetime
{
    private readonly ClusterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Setup_needs_the_token_creates_one_administrator_and_then_closes()
    {
        var server = _fixture.Grains.GetGrain<IServerGrain>(0);
        var admin = new NewAccount("admin@example.org", "a long admin password", "Admin", "Roundtable", "CR");

        var token = await server.EnsureSetupToken(null);
        var again = await server.EnsureSetupToken(null);
        var wrong = await Assert.ThrowsAsync<WorkspaceException>(() => server.CompleteSetup("not-the-token", admin));
        Assert.True(await server.IsSetupRequired());

        var profile = await server.CompleteSetup(token!, admin);
        var second = await Assert.ThrowsAsync<WorkspaceException>(() =>
            server.CompleteSetup(token!, admin with { Email = "other@example.org" }));

        Assert.Equal(token, again);
        Assert.Equal(ErrorCodes.SetupTokenInvalid, wrong.Code);
        Assert.True(profile.IsAdmin);
        Assert.False(await server.IsSetupRequired());
        Assert.Null(await server.EnsureSetupToken(null));
        Assert.Equal(ErrorCodes.SetupAlreadyComplete, second.Code);
        Assert.Null(await server.CreateAdministrator(admin with { Email = "third@example.org" }));
        Assert.Null(await _fixture.Grains.GetGrain<IAccountGrain>("other@example.org").GetUserId());
    }

    [Fact]
    public async Task A_preferred_token_replaces_the_random_one()
    {
        var server = _fixture.Grains.GetGrain<IServerGrain>(0);

        await server.EnsureSetupToken(null);
        var chosen = await server.EnsureSetupToken("operator-chosen-token");

        Assert.Equal("operator-chosen-token", chosen);
    }

    [Fact]
    public async Task Invalid_administrator_is_refused_and_setup_stays_open()
    {
        var server = _fixture.Grains.GetGrain<IServerGrain>(0);
        var token = await server.EnsureSetupToken(null);

        var error = await Assert.ThrowsAsync<WorkspaceException>(() =>
            server.CompleteSetup(token!, new NewAccount("not-an-email", "short", "A", "B", "MX")));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.True(await server.IsSetupRequired());
    }
}

using System.Security.Cryptography;
using System.Text;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Organisations;
using Workspace.Contracts.Server;
using Workspace.Grains.Accounts;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Server;

/// <summary>First-run setup and the server-wide list of groups.</summary>
public sealed class ServerGrain(
    [PersistentState("server", StorageNames.Default)] IPersistentState<ServerState> state) : Grain, IServerGrain
{
    public Task<bool> IsSetupRequired() => Task.FromResult(!state.State.SetupComplete);

    public async Task<string?> EnsureSetupToken(string? preferredToken)
    {
        if (state.State.SetupComplete)
        {
            return null;
        }

        var token = string.IsNullOrWhiteSpace(preferredToken)
            ? state.State.SetupToken ?? Base64Url(RandomNumberGenerator.GetBytes(24))
            : preferredToken.Trim();
        if (token != state.State.SetupToken)
        {
            state.State.SetupToken = token;
            await state.WriteStateAsync();
        }

        return token;
    }

    public async Task<UserProfile> CompleteSetup(string token, NewAccount administrator)
    {
        if (state.State.SetupComplete)
        {
            throw WorkspaceException.Conflict(ErrorCodes.SetupAlreadyComplete);
        }

        if (state.State.SetupToken is not { } expected || !FixedTimeEquals(expected, token))
        {
            throw WorkspaceException.Forbidden(ErrorCodes.SetupTokenInvalid);
        }

        return await Register(administrator);
    }

    public async Task<UserProfile?> CreateAdministrator(NewAccount administrator) =>
        state.State.SetupComplete ? null : await Register(administrator);

    public async Task RegisterGroup(Guid groupId)
    {
        if (!state.State.Groups.Contains(groupId))
        {
            state.State.Groups.Add(groupId);
            await state.WriteStateAsync();
        }
    }

    public Task<Guid?> GetAdministratorId() => Task.FromResult(state.State.AdministratorId);

    public Task<int> GetOrganisationsVersion() => Task.FromResult(state.State.OrganisationsVersion);

    public async Task SetOrganisationsVersion(int version)
    {
        state.State.OrganisationsVersion = version;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<Guid>> GetGroups() => Task.FromResult<IReadOnlyList<Guid>>(state.State.Groups.ToArray());

    private async Task<UserProfile> Register(NewAccount administrator)
    {
        AccountValidation.Check(administrator);
        var account = GrainFactory.GetGrain<IAccountGrain>(Normalise.Email(administrator.Email));
        var profile = await account.Register(administrator, isAdministrator: true);

        // The administrator runs the server: their organisation is verified, and they are its confirmed contact.
        if (profile.OrganisationId is { } organisationId)
        {
            var organisation = GrainFactory.GetGrain<IOrganisationGrain>(organisationId);
            await organisation.Verify();
            await organisation.Confirm(profile.Id);
            await organisation.SetContact(profile.Id, true);
            profile = await GrainFactory.GetGrain<IUserGrain>(profile.Id).GetProfile() ?? profile;
        }

        state.State.SetupComplete = true;
        state.State.AdministratorId = profile.Id;
        state.State.SetupToken = null;
        await state.WriteStateAsync();
        return profile;
    }

    private static bool FixedTimeEquals(string expected, string? actual) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

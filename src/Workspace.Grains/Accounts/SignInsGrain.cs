using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;
using Workspace.Contracts.Accounts;
using Workspace.Grains.Live;

namespace Workspace.Grains.Accounts;

/// <summary>
/// The authority for one person's sign-ins. Ending one is stored first, then every node that holds
/// live connections of the person is told (all at once, each with a short deadline) before the call
/// returns: when sign-out answers, no node still serves a connection of an ended sign-in. A node
/// that misses the news (unreachable, or this grain moved) learns it at its next renewal.
/// </summary>
public sealed partial class SignInsGrain(
    [PersistentState("signins", StorageNames.Default)] IPersistentState<SignInsState> state,
    IOptions<AccountOptions> options,
    TimeProvider clock,
    ILogger<SignInsGrain> logger) : Grain, ISignInsGrain
{
    /// <summary>How long a node's subscription lasts without renewal (nodes renew well within it).</summary>
    public static readonly TimeSpan WatchExpiry = TimeSpan.FromSeconds(90);

    /// <summary>How long one node may take to hear that sign-ins ended before it is left to its renewal.</summary>
    private static readonly TimeSpan NotifyDeadline = TimeSpan.FromSeconds(2);

    /// <summary>Sign-ins kept per person; beyond it the oldest ends (a browser that signs in again and again).</summary>
    public const int MaxSignIns = 50;

    private readonly ObserverManager<string, ISignInObserver> _nodes = new(WatchExpiry, logger);

    private Guid UserId => this.GetPrimaryKey();

    public async Task<SignInTicket> Start()
    {
        var now = clock.GetUtcNow();
        var ended = state.State.Active.Where(s => s.Value.ExpiresAt <= now).Select(s => s.Key).ToList();
        ended.AddRange(state.State.Active
            .Where(s => s.Value.ExpiresAt > now)
            .OrderByDescending(s => s.Value.StartedAt)
            .Skip(MaxSignIns - 1)
            .Select(s => s.Key));
        foreach (var id in ended)
        {
            state.State.Active.Remove(id);
        }

        var ticket = new SignInTicket(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), now + options.Value.SignInMaxLifetime);
        state.State.Active[ticket.Id] = new SignInRecord(now, ticket.ExpiresAt);
        await state.WriteStateAsync();
        await Tell(ended);
        return ticket;
    }

    public Task<bool> IsActive(string signInId) => Task.FromResult(Active(signInId));

    public async Task End(string signInId)
    {
        if (state.State.Active.Remove(signInId))
        {
            await state.WriteStateAsync();
        }

        await Tell([signInId]);
    }

    public async Task EndAll()
    {
        var ended = state.State.Active.Keys.ToArray();
        if (ended.Length > 0)
        {
            state.State.Active.Clear();
            await state.WriteStateAsync();
        }

        await Tell(ended);
    }

    public Task<IReadOnlyList<string>> Watch(string nodeKey, ISignInObserver node, IReadOnlyList<string> signInIds)
    {
        _nodes.Subscribe(nodeKey, node);
        return Task.FromResult<IReadOnlyList<string>>(signInIds.Where(id => !Active(id)).Distinct(StringComparer.Ordinal).ToArray());
    }

    public Task Unwatch(string nodeKey)
    {
        _nodes.Unsubscribe(nodeKey);
        return Task.CompletedTask;
    }

    private bool Active(string signInId) =>
        state.State.Active.TryGetValue(signInId, out var record) && record.ExpiresAt > clock.GetUtcNow();

    /// <summary>Tells every watching node, in parallel; one that does not answer in time is dropped (it renews).</summary>
    private async Task Tell(IReadOnlyList<string> ended)
    {
        if (ended.Count == 0)
        {
            return;
        }

        await NodeCalls.TellEvery(_nodes, node => node.Ended(UserId, ended), NotifyDeadline, (e, key) => LogNodeMissed(logger, e, key));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeKey} did not hear that sign-ins ended; it learns at its next renewal.")]
    private static partial void LogNodeMissed(ILogger logger, Exception exception, string nodeKey);
}

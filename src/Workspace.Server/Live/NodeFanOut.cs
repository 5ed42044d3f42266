using System.Diagnostics;
using Microsoft.Extensions.Options;
using Workspace.Grains;
using Workspace.Grains.Live;

namespace Workspace.Server.Live;

/// <summary>
/// This node's subscriptions to grains of one kind (documents, groups, sessions): one observer per grain
/// however many local connections follow it, subscribed with the first connection, renewed every
/// <see cref="NodeOptions.RenewEvery"/>, ended with the last. A renewal also finds the connections a grain
/// no longer knows (it was reactivated since they joined) and has them join again. Each kind keeps only its
/// own part: how it talks to its grain, and what it delivers to which connections.
/// </summary>
/// <typeparam name="TObserver">The grain observer interface the grain calls.</typeparam>
/// <typeparam name="TNode">This node's observer of one grain (it holds what the kind keeps per grain).</typeparam>
/// <typeparam name="TConnection">What the kind keeps per local connection.</typeparam>
public abstract class NodeFanOut<TObserver, TNode, TConnection>(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<NodeOptions> options,
    ILogger logger) : BackgroundService
    where TObserver : IGrainObserver
    where TNode : TObserver
{
    private readonly Dictionary<Guid, Subscription> _subscriptions = [];

    /// <summary>
    /// Ended subscriptions whose observer a grain may still call (guarded by <see cref="Sync"/>): kept alive until
    /// the grain has certainly forgotten them, then deleted. An observer deleted while a grain still holds it makes
    /// every call of that grain fail in the node's Orleans client ("Unexpected target grain").
    /// </summary>
    private readonly List<Ended> _ended = [];

    /// <summary>Identifies this node to grains: its silo address (so a grain sees when it died), new every process start.</summary>
    public string NodeKey { get; } = NodeKeys.For(silo.SiloAddress);

    /// <summary>How many grains of this kind the node follows.</summary>
    public int Count
    {
        get
        {
            lock (Sync)
            {
                return _subscriptions.Count;
            }
        }
    }

    /// <summary>Guards the subscriptions and their connections: a kind takes it to change a connection together with what it mirrors.</summary>
    protected Lock Sync { get; } = new();

    protected IGrainFactory Grains => grains;

    /// <summary>What one grain of this kind is called in the log (document, group, session).</summary>
    protected abstract string Kind { get; }

    /// <summary>
    /// True when a grain of this kind forgets a node only once it stops renewing, never when told (sessions): the
    /// node's observer then outlives its last connection until the grain's expiry has passed, and a connection that
    /// follows the grain again meanwhile takes the same observer up again, so the grain sees no new one.
    /// </summary>
    protected virtual bool ForgottenOnlyOnExpiry => false;

    /// <summary>The node's observer of one grain (the first local connection is joining it).</summary>
    protected abstract TNode CreateObserver(Guid targetId);

    /// <summary>
    /// Renews the node's subscription to a grain, telling it the node's <paramref name="connections"/>
    /// (as listed just before this call set out); returns those of them it did not know.
    /// </summary>
    protected abstract Task<IReadOnlyCollection<string>> Renew(Guid targetId, TObserver reference, IReadOnlyList<KeyValuePair<string, TConnection>> connections);

    /// <summary>Connections a grain no longer knew (it was reactivated) join it again.</summary>
    protected abstract Task Rejoin(Guid targetId, TObserver reference, IReadOnlyCollection<string> connectionIds);

    /// <summary>Ends the node's subscription at the grain: its last local connection left.</summary>
    protected abstract Task Unsubscribe(Guid targetId, TObserver reference);

    /// <summary>The subscription to a grain, begun if there is none. Call holding <see cref="Sync"/>.</summary>
    protected Subscription Attach(Guid targetId)
    {
        if (!_subscriptions.TryGetValue(targetId, out var subscription))
        {
            var kept = _ended.FindIndex(e => e.Reusable && e.Subscription.TargetId == targetId);
            if (kept >= 0)
            {
                subscription = _ended[kept].Subscription;
                _ended.RemoveAt(kept);
                _subscriptions[targetId] = subscription;
                return subscription;
            }

            var observer = CreateObserver(targetId);
            subscription = new Subscription(targetId, observer, grains.CreateObjectReference<TObserver>(observer));
            _subscriptions[targetId] = subscription;
        }

        return subscription;
    }

    /// <summary>The subscription to a grain, if the node has one. Call holding <see cref="Sync"/>.</summary>
    protected Subscription? Find(Guid targetId) => _subscriptions.GetValueOrDefault(targetId);

    /// <summary>
    /// A local connection stops following a grain (<paramref name="detached"/> runs under the lock with
    /// what was kept for it); the last one ends the node's subscription. False if it was not following.
    /// </summary>
    protected async Task<bool> Detach(Guid targetId, string connectionId, Action<string, TConnection>? detached = null)
    {
        Subscription? ended = null;
        lock (Sync)
        {
            if (!_subscriptions.TryGetValue(targetId, out var subscription) || !subscription.Connections.Remove(connectionId, out var connection))
            {
                return false;
            }

            detached?.Invoke(connectionId, connection);
            if (subscription.Connections.Count == 0)
            {
                _subscriptions.Remove(targetId);
                if (ForgottenOnlyOnExpiry)
                {
                    // Nothing to tell the grain; it still calls this observer until it expires the node.
                    _ended.Add(new Ended(subscription, Stopwatch.GetTimestamp(), Reusable: true));
                    return true;
                }

                ended = subscription;
            }
        }

        if (ended is not null)
        {
            try
            {
                await Unsubscribe(targetId, ended.Reference);
                grains.DeleteObjectReference<TObserver>(ended.Reference);
            }
            catch (Exception e)
            {
                // The grain may still call the observer until it expires the node: kept alive until then.
                NodeFanOutLog.UnsubscribeFailed(logger, e, Kind, targetId);
                lock (Sync)
                {
                    _ended.Add(new Ended(ended, Stopwatch.GetTimestamp(), Reusable: false));
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Deletes the observers of ended subscriptions that every grain has certainly forgotten: twice the expiry after
    /// the end (a grain forgets a node one expiry after its last renewal, which may arrive just after the end, and
    /// looks for expired nodes every few seconds).
    /// </summary>
    private void DeleteForgotten()
    {
        var forgotten = options.Value.Expiry * 2;
        var now = Stopwatch.GetTimestamp();
        Ended[] gone;
        lock (Sync)
        {
            gone = [.. _ended.Where(e => Stopwatch.GetElapsedTime(e.Since, now) >= forgotten)];
            _ended.RemoveAll(e => Stopwatch.GetElapsedTime(e.Since, now) >= forgotten);
        }

        foreach (var e in gone)
        {
            grains.DeleteObjectReference<TObserver>(e.Subscription.Reference);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RenewAll(stoppingToken);
        }
    }

    /// <summary>Renews every subscription of the node once (the node does so every <see cref="NodeOptions.RenewEvery"/>), first deleting the observers every grain has forgotten.</summary>
    public async Task RenewAll(CancellationToken stopping = default)
    {
        DeleteForgotten();
        Guid[] current;
        lock (Sync)
        {
            current = [.. _subscriptions.Keys];
        }

        foreach (var targetId in current)
        {
            await RenewNow(targetId, stopping);
        }
    }

    /// <summary>Renews one subscription now (a grain that meets the node anew asks for it), and has the connections it forgot join again.</summary>
    protected async Task RenewNow(Guid targetId, CancellationToken stopping = default)
    {
        TObserver reference;
        KeyValuePair<string, TConnection>[] connections;
        lock (Sync)
        {
            if (!_subscriptions.TryGetValue(targetId, out var subscription))
            {
                return;
            }

            reference = subscription.Reference;
            connections = [.. subscription.Connections];
        }

        try
        {
            var unknown = await Renew(targetId, reference, connections);
            if (unknown.Count > 0)
            {
                lock (Sync)
                {
                    // The subscription ended while the renewal was under way: its observer is not to be given out again.
                    if (Find(targetId) is not { } current || !ReferenceEquals(current.Reference, reference))
                    {
                        return;
                    }
                }

                await Rejoin(targetId, reference, unknown);
            }
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            NodeFanOutLog.RenewFailed(logger, e, Kind, targetId);
        }
    }

    /// <summary>A subscription that ended (its last local connection left) and when, kept while its grain may still call it.</summary>
    private sealed record Ended(Subscription Subscription, long Since, bool Reusable);

    /// <summary>The node's subscription to one grain.</summary>
    protected sealed class Subscription(Guid targetId, TNode observer, TObserver reference)
    {
        public Guid TargetId { get; } = targetId;

        // Held strongly: Orleans keeps only a weak reference to observer objects.
        public TNode Observer { get; } = observer;

        public TObserver Reference { get; } = reference;

        /// <summary>The local connections following the grain (guarded by <see cref="Sync"/>).</summary>
        public Dictionary<string, TConnection> Connections { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>Log lines of every node fan-out.</summary>
internal static partial class NodeFanOutLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not end this node's subscription to {Kind} {TargetId}; it expires on its own.")]
    public static partial void UnsubscribeFailed(ILogger logger, Exception exception, string kind, Guid targetId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew this node's subscription to {Kind} {TargetId}.")]
    public static partial void RenewFailed(ILogger logger, Exception exception, string kind, Guid targetId);
}

namespace Workspace.Grains.Live;

/// <summary>
/// The nodes that follow one grain's live events (a document's readers, a group's boards, a session's
/// room): node key → the node's observer, when it last renewed, and what the grain keeps per node
/// (<typeparamref name="TNode"/>). One expiry for every kind of grain; a node the cluster declared dead
/// (by the silo address in its key, see <see cref="NodeKeys"/>) goes at the next sweep without waiting
/// for it. Pure: the clock and the membership are passed in, the grain owns the timer that sweeps.
/// <para>
/// Not Orleans' <c>ObserverManager</c>, though it is the same idea: its <c>Notify</c> awaits the nodes one
/// after another (one slow node delays the rest and holds the grain's turn), <c>ClearExpired</c> does not
/// say which nodes it dropped (a grain must drop their connections with them), it keeps nothing per node
/// (a document numbers each node's broadcasts) and it knows nothing of dead silos.
/// </para>
/// </summary>
public class NodeWatchers<TObserver, TNode>(TimeSpan expiry, TimeProvider clock, IClusterMembershipService? membership, Func<string, TNode> create)
    where TObserver : class
{
    private readonly Dictionary<string, NodeWatcher<TObserver, TNode>> _nodes = new(StringComparer.Ordinal);

    public int Count => _nodes.Count;

    /// <summary>The nodes known now (copy it before changing the watchers while going through it).</summary>
    public IReadOnlyCollection<NodeWatcher<TObserver, TNode>> Nodes => _nodes.Values;

    public NodeWatcher<TObserver, TNode>? Find(string nodeKey) => _nodes.GetValueOrDefault(nodeKey);

    /// <summary>
    /// A node subscribes, or renews; true when it is new here: a node not known, or a new observer of
    /// a known node (it ended its subscription and began another), whose state starts afresh.
    /// </summary>
    public bool Subscribe(string nodeKey, TObserver observer)
    {
        var now = clock.GetUtcNow();
        if (_nodes.TryGetValue(nodeKey, out var known) && known.Observer.Equals(observer))
        {
            known.RenewedAt = now;
            return false;
        }

        _nodes[nodeKey] = new NodeWatcher<TObserver, TNode>(nodeKey, NodeKeys.Silo(nodeKey), observer, create(nodeKey), now);
        return true;
    }

    /// <summary>Renews a node only if it is known; false when it is not (the grain was reactivated since): the node subscribes again.</summary>
    public bool Renew(string nodeKey, TObserver observer)
    {
        if (!_nodes.ContainsKey(nodeKey))
        {
            return false;
        }

        Subscribe(nodeKey, observer);
        return true;
    }

    /// <summary>
    /// A node ends its subscription. With <paramref name="observer"/>, only if it is still that one (a newer
    /// subscription of the node, begun while this ending was on its way, stays). Returns the node forgotten.
    /// </summary>
    public NodeWatcher<TObserver, TNode>? Unsubscribe(string nodeKey, TObserver? observer = null)
    {
        if (!_nodes.TryGetValue(nodeKey, out var known) || (observer is not null && !known.Observer.Equals(observer)))
        {
            return null;
        }

        _nodes.Remove(nodeKey);
        return known;
    }

    /// <summary>Forgets the nodes that stopped renewing or that the cluster declared dead; returns them, so the grain drops what they held.</summary>
    public IReadOnlyList<NodeWatcher<TObserver, TNode>> Sweep()
    {
        var cutoff = clock.GetUtcNow() - expiry;
        List<NodeWatcher<TObserver, TNode>>? gone = null;
        foreach (var node in _nodes.Values)
        {
            if (node.RenewedAt < cutoff || NodeKeys.IsDead(node.Silo, membership))
            {
                (gone ??= []).Add(node);
            }
        }

        if (gone is null)
        {
            return [];
        }

        foreach (var node in gone)
        {
            _nodes.Remove(node.Key);
        }

        return gone;
    }

    /// <summary>
    /// Tells every node, all at once, without waiting for any: live events are hints to refresh, never
    /// the record, so a node that does not hear is left to its renewal (or its expiry).
    /// </summary>
    public void Notify(Func<NodeWatcher<TObserver, TNode>, Task> tell) => _ = Told(tell);

    /// <summary>
    /// Tells every node at once, as <see cref="Notify(Func{NodeWatcher{TObserver, TNode}, Task})"/>; the task
    /// ends when every node has answered or failed (a document paces its next broadcast on it).
    /// </summary>
    public Task Told(Func<NodeWatcher<TObserver, TNode>, Task> tell)
    {
        if (_nodes.Count == 0)
        {
            return Task.CompletedTask;
        }

        var told = new Task[_nodes.Count];
        var i = 0;
        foreach (var node in _nodes.Values)
        {
            told[i++] = Quietly(node, tell);
        }

        return Task.WhenAll(told);
    }

    /// <summary>Tells every node's observer, as <see cref="Notify(Func{NodeWatcher{TObserver, TNode}, Task})"/>.</summary>
    public void Notify(Func<TObserver, Task> tell) => Notify(node => tell(node.Observer));

    private static async Task Quietly(NodeWatcher<TObserver, TNode> node, Func<NodeWatcher<TObserver, TNode>, Task> tell)
    {
        try
        {
            await tell(node);
        }
        catch (Exception)
        {
            // A node that is gone cannot be told; it stops renewing and is forgotten.
        }
    }
}

/// <summary>Watchers that keep nothing per node but the node itself.</summary>
public sealed class NodeWatchers<TObserver>(TimeSpan expiry, TimeProvider clock, IClusterMembershipService? membership)
    : NodeWatchers<TObserver, NoNodeState>(expiry, clock, membership, _ => default)
    where TObserver : class;

/// <summary>Nothing kept per node.</summary>
public readonly record struct NoNodeState;

/// <summary>One node following a grain: its observer, when it last renewed, and what the grain keeps for it.</summary>
public sealed class NodeWatcher<TObserver, TNode>(string key, SiloAddress? silo, TObserver observer, TNode state, DateTimeOffset renewedAt)
{
    public string Key { get; } = key;

    /// <summary>The node's silo (from its key), by which the cluster says whether it is dead.</summary>
    public SiloAddress? Silo { get; } = silo;

    public TObserver Observer { get; } = observer;

    /// <summary>What the grain keeps for this node (for a document: the numbering of the node's broadcasts, its sessions).</summary>
    public TNode State { get; } = state;

    public DateTimeOffset RenewedAt { get; internal set; } = renewedAt;
}

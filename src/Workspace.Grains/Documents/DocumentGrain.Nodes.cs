using Workspace.Contracts.Documents;
using Workspace.Grains.Live;

namespace Workspace.Grains.Documents;

/// <summary>The nodes subscribed to this document: the shared <see cref="NodeWatchers{TObserver,TNode}"/>, each node with its own numbered stream of broadcasts.</summary>
public sealed partial class DocumentGrain
{
    private readonly NodeWatchers<IDocumentObserver, NodeStream> _nodes = new(nodeOptions.Value.Expiry, clock, membership, _ => new NodeStream());

    public Task<IReadOnlyList<string>> Renew(string nodeKey, IDocumentObserver node, IReadOnlyList<string> connectionIds)
    {
        Subscribe(nodeKey, node);
        IReadOnlyList<string> unknown = connectionIds
            .Where(c => !_sessions.TryGetValue(c, out var session) || session.NodeKey != nodeKey)
            .ToArray();
        return Task.FromResult(unknown);
    }

    public Task Unsubscribe(string nodeKey, IDocumentObserver node)
    {
        if (_nodes.Unsubscribe(nodeKey, node) is null)
        {
            return Task.CompletedTask; // a newer subscription of the node (its next reader opened first): it stays
        }

        DropSessions(nodeKey);
        Flush();
        return Task.CompletedTask;
    }

    /// <summary>Keeps a node's subscription; true when it is new (a new node, or a new observer of a node), with broadcasts numbered afresh.</summary>
    private bool Subscribe(string nodeKey, IDocumentObserver observer) => _nodes.Subscribe(nodeKey, observer);

    private Task SweepNodes()
    {
        foreach (var node in _nodes.Sweep())
        {
            DropSessions(node.Key);
        }

        Flush();
        return Task.CompletedTask;
    }

    /// <summary>Forgets the sessions a node's connections held (they leave everyone's list with the next broadcast).</summary>
    private void DropSessions(string nodeKey)
    {
        foreach (var session in _sessions.Values.Where(s => s.NodeKey == nodeKey).ToArray())
        {
            _sessions.Remove(session.ConnectionId);
            _outbox.Leave(session.Participant.SessionId);
        }
    }

    /// <summary>A node's broadcasts form one stream, numbered from 1 without gaps.</summary>
    private sealed class NodeStream
    {
        public Guid Stream { get; } = Guid.NewGuid();

        public long Sent { get; set; }
    }
}

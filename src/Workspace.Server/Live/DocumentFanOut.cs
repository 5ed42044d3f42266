using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Workspace.Contracts.Documents;
using Workspace.Grains.Documents;

namespace Workspace.Server.Live;

/// <summary>
/// This node's subscriptions to open documents: one observer per document however many local
/// connections have it open, renewed before the document forgets the node, dropped with the
/// last local reader. What a document publishes reaches its local readers as one group message.
/// Renewals list the local readers, so that those a reactivated document no longer knows reopen it.
/// </summary>
public sealed partial class DocumentFanOut(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IHubContext<DocumentHub, IDocumentClient> hub,
    ConnectionRegistry connections,
    IOptions<DocumentOptions> options,
    ILogger<DocumentFanOut> logger) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Subscription> _subscriptions = [];

    /// <summary>Identifies this node to documents; new every process start.</summary>
    public string NodeKey { get; } = Grains.NodeKeys.For(silo.SiloAddress);

    public int OpenDocuments
    {
        get
        {
            lock (_lock)
            {
                return _subscriptions.Count;
            }
        }
    }

    /// <summary>
    /// A local connection is opening the document (again, perhaps); returns the node's observer to
    /// hand to the document. Call before the document's Open, so nothing it publishes in between is missed.
    /// </summary>
    public IDocumentObserver Join(Guid documentId, string connectionId)
    {
        lock (_lock)
        {
            if (!_subscriptions.TryGetValue(documentId, out var subscription))
            {
                var observer = new NodeObserver(this, documentId);
                subscription = new Subscription(observer, grains.CreateObjectReference<IDocumentObserver>(observer));
                _subscriptions[documentId] = subscription;
            }

            subscription.Readers.TryAdd(connectionId, false);
            return subscription.Reference;
        }
    }

    /// <summary>The document answered the connection's open: from now on renewals list it.</summary>
    public void Opened(Guid documentId, string connectionId)
    {
        lock (_lock)
        {
            if (_subscriptions.TryGetValue(documentId, out var subscription) && subscription.Readers.ContainsKey(connectionId))
            {
                subscription.Readers[connectionId] = true;
            }
        }
    }

    /// <summary>A local connection no longer has the document open; the last one ends the node's subscription.</summary>
    public async Task Leave(Guid documentId, string connectionId)
    {
        Subscription? ended = null;
        lock (_lock)
        {
            if (_subscriptions.TryGetValue(documentId, out var subscription) && subscription.Readers.Remove(connectionId) && subscription.Readers.Count == 0)
            {
                _subscriptions.Remove(documentId);
                ended = subscription;
            }
        }

        if (ended is null)
        {
            return;
        }

        try
        {
            await grains.GetGrain<IDocumentGrain>(documentId).Unsubscribe(NodeKey, ended.Reference);
        }
        catch (Exception e)
        {
            LogUnsubscribeFailed(logger, e, documentId);
        }
        finally
        {
            grains.DeleteObjectReference<IDocumentObserver>(ended.Reference);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.NodeExpiry / 3);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Guid[] current;
            lock (_lock)
            {
                current = [.. _subscriptions.Keys];
            }

            foreach (var documentId in current)
            {
                await Renew(documentId, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Keeps the node's subscription alive; connections the document does not know (it was
    /// reactivated since they opened it) are told to open it again.
    /// </summary>
    private async Task Renew(Guid documentId, CancellationToken stopping)
    {
        IDocumentObserver reference;
        string[] opened;
        lock (_lock)
        {
            if (!_subscriptions.TryGetValue(documentId, out var subscription))
            {
                return;
            }

            reference = subscription.Reference;
            opened = [.. subscription.Readers.Where(r => r.Value).Select(r => r.Key)]; // an open under way registers itself
        }

        try
        {
            var unknown = await grains.GetGrain<IDocumentGrain>(documentId).Renew(NodeKey, reference, opened);
            if (unknown.Count > 0)
            {
                await hub.Clients.Clients(unknown).Reopen(documentId);
            }
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            LogRenewFailed(logger, e, documentId);
        }
    }

    private async Task Deliver(Guid documentId, DocumentBroadcast broadcast)
    {
        if (broadcast.Operations.Count > 0 || broadcast.Presence.Count > 0 || broadcast.Left.Count > 0 || broadcast.Summary is not null)
        {
            await hub.Clients.Group(DocumentHub.GroupName(documentId))
                .Changes(new DocumentChanges(documentId, broadcast.Operations, broadcast.Presence, broadcast.Left, broadcast.Summary));
        }

        foreach (var access in broadcast.Access)
        {
            if (connections.Get(access.ConnectionId) is not null)
            {
                await hub.Clients.Client(access.ConnectionId).Access(documentId, access.Role, access.CanEdit);
            }
        }

        foreach (var closed in broadcast.Closed)
        {
            if (connections.Get(closed.ConnectionId) is not { } connection)
            {
                continue;
            }

            await hub.Groups.RemoveFromGroupAsync(closed.ConnectionId, DocumentHub.GroupName(documentId));
            await hub.Clients.Client(closed.ConnectionId).Closed(documentId, closed.Reason);
            if (connection.Documents.TryRemove(documentId, out _))
            {
                await Leave(documentId, closed.ConnectionId);
            }

            if (closed.Reason == ClosedReason.Removed)
            {
                // Out of the group: the connection goes, and with it every document it had open
                // (a moment later, so the reason reaches the browser first; the grain already refuses them).
                _ = AbortSoon(connection);
            }
        }
    }

    private static async Task AbortSoon(LiveConnection connection)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        connection.Context.Abort();
    }

    /// <summary>How long a node waits for a broadcast missing from a document's stream before it skips it.</summary>
    private static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(1);

    private void DeliveryFailed(Exception e, Guid documentId) => LogDeliveryFailed(logger, e, documentId);

    private void GapSkipped(Guid documentId, long first, long last) => LogGapSkipped(logger, documentId, first, last);

    private Task ReopenAll(Guid documentId) => hub.Clients.Group(DocumentHub.GroupName(documentId)).Reopen(documentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not end this node's subscription to document {DocumentId}; it expires on its own.")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, Guid documentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew this node's subscription to document {DocumentId}.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, Guid documentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcasts {First} to {Last} of document {DocumentId} never reached this node; its readers reopen the document to catch up.")]
    private static partial void LogGapSkipped(ILogger logger, Guid documentId, long first, long last);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a broadcast of document {DocumentId} to this node's connections.")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, Guid documentId);

    private sealed class Subscription(NodeObserver observer, IDocumentObserver reference)
    {
        // Held strongly: Orleans keeps only a weak reference to observer objects.
        public NodeObserver Observer { get; } = observer;

        public IDocumentObserver Reference { get; } = reference;

        /// <summary>The local connections that have the document open: true once the document answered their open.</summary>
        public Dictionary<string, bool> Readers { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The node's end of one document's broadcasts: delivered in the order the document numbered them.</summary>
    private sealed class NodeObserver : IDocumentObserver
    {
        private readonly DocumentFanOut _fanOut;
        private readonly Guid _documentId;
        private readonly BroadcastStream _stream;

        public NodeObserver(DocumentFanOut fanOut, Guid documentId)
        {
            _fanOut = fanOut;
            _documentId = documentId;
            _stream = new BroadcastStream(
                broadcast => broadcast is null ? fanOut.ReopenAll(documentId) : fanOut.Deliver(documentId, broadcast),
                (first, last) => fanOut.GapSkipped(documentId, first, last),
                e => fanOut.DeliveryFailed(e, documentId),
                GapTimeout);
        }

        public Task Publish(DocumentBroadcast broadcast) => _stream.Add(broadcast);

        public Task ListReaders()
        {
            _ = _fanOut.Renew(_documentId, CancellationToken.None);
            return Task.CompletedTask;
        }
    }
}

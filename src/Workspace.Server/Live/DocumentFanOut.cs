using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Workspace.Contracts.Documents;
using Workspace.Grains.Documents;

namespace Workspace.Server.Live;

/// <summary>
/// This node's subscriptions to open documents: one observer per document however many local
/// connections have it open, renewed before the document forgets the node, dropped with the
/// last local reader. What a document publishes reaches its local readers as one group message.
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

    /// <summary>One more local reader of the document; returns the node's observer to hand to the document.</summary>
    public IDocumentObserver Join(Guid documentId)
    {
        lock (_lock)
        {
            if (!_subscriptions.TryGetValue(documentId, out var subscription))
            {
                var observer = new NodeObserver(this, documentId);
                subscription = new Subscription(observer, grains.CreateObjectReference<IDocumentObserver>(observer));
                _subscriptions[documentId] = subscription;
            }

            subscription.Readers++;
            return subscription.Reference;
        }
    }

    /// <summary>The node's observer of a document one of its connections already has open.</summary>
    public IDocumentObserver? Existing(Guid documentId)
    {
        lock (_lock)
        {
            return _subscriptions.GetValueOrDefault(documentId)?.Reference;
        }
    }

    /// <summary>One reader fewer; the last one ends the node's subscription.</summary>
    public async Task Leave(Guid documentId)
    {
        Subscription? ended = null;
        lock (_lock)
        {
            if (_subscriptions.TryGetValue(documentId, out var subscription) && --subscription.Readers <= 0)
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
            await grains.GetGrain<IDocumentGrain>(documentId).Unsubscribe(NodeKey);
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
            KeyValuePair<Guid, Subscription>[] current;
            lock (_lock)
            {
                current = [.. _subscriptions];
            }

            foreach (var (documentId, subscription) in current)
            {
                try
                {
                    if (!await grains.GetGrain<IDocumentGrain>(documentId).Renew(NodeKey, subscription.Reference))
                    {
                        // The document was reactivated and no longer knows these readers.
                        await hub.Clients.Group(DocumentHub.GroupName(documentId)).Reopen(documentId);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRenewFailed(logger, e, documentId);
                }
            }
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
                await Leave(documentId);
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

    private void DeliveryFailed(Exception e, Guid documentId) => LogDeliveryFailed(logger, e, documentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not end this node's subscription to document {DocumentId}; it expires on its own.")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, Guid documentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew this node's subscription to document {DocumentId}.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, Guid documentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a broadcast of document {DocumentId} to this node's connections.")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, Guid documentId);

    private sealed class Subscription(NodeObserver observer, IDocumentObserver reference)
    {
        // Held strongly: Orleans keeps only a weak reference to observer objects.
        public NodeObserver Observer { get; } = observer;

        public IDocumentObserver Reference { get; } = reference;

        public int Readers { get; set; }
    }

    private sealed class NodeObserver(DocumentFanOut fanOut, Guid documentId) : IDocumentObserver
    {
        public async Task Publish(DocumentBroadcast broadcast)
        {
            try
            {
                await fanOut.Deliver(documentId, broadcast);
            }
            catch (Exception e)
            {
                fanOut.DeliveryFailed(e, documentId);
            }
        }
    }
}

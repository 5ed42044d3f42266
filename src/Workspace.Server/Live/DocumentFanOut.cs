using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;
using Workspace.Grains.Documents;

namespace Workspace.Server.Live;

/// <summary>
/// This node's subscriptions to open documents: one observer per document however many local
/// connections have it open, renewed before the document forgets the node, dropped with the
/// last local reader. What a document publishes reaches its local readers as one group message.
/// Renewals list the local readers, so that those a reactivated document no longer knows reopen it.
/// <para>
/// Each reader is in one audience: everyone who may see it all (members, facilitators), or observers,
/// who receive each broadcast projected for them (<see cref="DocumentProjection.ForObservers"/>: nothing
/// from before the document became visible to them, and people only as the group lets them see them).
/// A reader's audience is what the document answered its open with (or says in the broadcast that
/// follows it, which may overtake the answer), and follows its role changes; while it opens, a
/// connection receives nothing — the answer holds all of that.
/// </para>
/// <para>
/// Each audience is a SignalR group of this node (<see cref="GroupName"/>), so a broadcast is serialised
/// once per audience and written to its members only: sending to a list of connections instead makes the
/// default lifetime manager look at every connection of the node for every broadcast (+35 % server CPU at
/// 300 documents). Membership changes under the lock, with the audience it mirrors; the node-local
/// lifetime manager applies them at once.
/// </para>
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

    /// <summary>The SignalR group of a document's readers in one audience on this node.</summary>
    public static string GroupName(Guid documentId, bool observers) => observers ? $"doc:{documentId:N}:observers" : $"doc:{documentId:N}";

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

            if (subscription.Readers.TryGetValue(connectionId, out var reader))
            {
                Move(documentId, connectionId, reader, Audience.None); // opening again: the document decides anew
            }
            else
            {
                subscription.Readers[connectionId] = new Reader();
            }

            return subscription.Reference;
        }
    }

    /// <summary>
    /// The document answered the connection's open with <paramref name="role"/>: from now on renewals
    /// list it, and it receives broadcasts in that role's audience — unless a broadcast already said
    /// where (it overtook the answer, and may carry a later role change).
    /// </summary>
    public void Opened(Guid documentId, string connectionId, GroupRole role)
    {
        lock (_lock)
        {
            if (_subscriptions.TryGetValue(documentId, out var subscription) && subscription.Readers.TryGetValue(connectionId, out var reader))
            {
                reader.Opened = true;
                if (reader.Audience == Audience.None)
                {
                    Move(documentId, connectionId, reader, AudienceOf(role));
                }
            }
        }
    }

    /// <summary>A local connection no longer has the document open; the last one ends the node's subscription.</summary>
    public async Task Leave(Guid documentId, string connectionId)
    {
        Subscription? ended = null;
        lock (_lock)
        {
            if (_subscriptions.TryGetValue(documentId, out var subscription) && subscription.Readers.Remove(connectionId, out var reader))
            {
                Move(documentId, connectionId, reader, Audience.None);
                if (subscription.Readers.Count == 0)
                {
                    _subscriptions.Remove(documentId);
                    ended = subscription;
                }
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
            opened = [.. subscription.Readers.Where(r => r.Value.Opened).Select(r => r.Key)]; // an open under way registers itself
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
        // Audiences as of this broadcast: readers it says opened, then role changes.
        lock (_lock)
        {
            if (_subscriptions.TryGetValue(documentId, out var subscription))
            {
                foreach (var update in broadcast.Opened.Concat(broadcast.Access))
                {
                    if (subscription.Readers.TryGetValue(update.ConnectionId, out var reader))
                    {
                        Move(documentId, update.ConnectionId, reader, AudienceOf(update.Role));
                    }
                }
            }
        }

        // Closed views first: what else this broadcast carries may already be beyond them (a document
        // made members-only, a member removed).
        foreach (var closed in broadcast.Closed)
        {
            if (connections.Get(closed.ConnectionId) is not { } connection)
            {
                continue;
            }

            Silence(documentId, closed.ConnectionId);
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

        foreach (var access in broadcast.Access)
        {
            if (connections.Get(access.ConnectionId) is not null)
            {
                await hub.Clients.Client(access.ConnectionId).Access(documentId, access.Role, access.CanEdit);
            }
        }

        if (!HasChanges(broadcast))
        {
            return;
        }

        var (everything, observers) = Audiences(documentId);
        if (everything)
        {
            await hub.Clients.Group(GroupName(documentId, observers: false)).Changes(Changes(broadcast));
        }

        if (observers && broadcast.ForObservers() is var projected && HasChanges(projected))
        {
            await hub.Clients.Group(GroupName(documentId, observers: true)).Changes(Changes(projected));
        }
    }

    private static bool HasChanges(DocumentBroadcast b) => b.Operations.Count > 0 || b.Presence.Count > 0 || b.Left.Count > 0 || b.Summary is not null;

    private static DocumentChanges Changes(DocumentBroadcast b) => new(b.DocumentId, b.Operations, b.Presence, b.Left, b.Summary);

    private static Audience AudienceOf(GroupRole role) => role == GroupRole.Observer ? Audience.Observers : Audience.Everything;

    /// <summary>Whether the document has local readers in each audience (readers still opening are in neither).</summary>
    private (bool Everything, bool Observers) Audiences(Guid documentId)
    {
        lock (_lock)
        {
            if (!_subscriptions.TryGetValue(documentId, out var subscription))
            {
                return (false, false);
            }

            var (everything, observers) = (false, false);
            foreach (var reader in subscription.Readers.Values)
            {
                everything |= reader.Audience == Audience.Everything;
                observers |= reader.Audience == Audience.Observers;
            }

            return (everything, observers);
        }
    }

    /// <summary>
    /// Puts a reader in an audience and its connection in that audience's SignalR group (out of the other);
    /// called under the lock, so membership never disagrees with the audience it mirrors.
    /// </summary>
    private void Move(Guid documentId, string connectionId, Reader reader, Audience to)
    {
        if (reader.Audience == to)
        {
            return;
        }

        if (reader.Audience != Audience.None)
        {
            Observe(hub.Groups.RemoveFromGroupAsync(connectionId, GroupName(documentId, reader.Audience == Audience.Observers)), documentId);
        }

        if (to != Audience.None)
        {
            Observe(hub.Groups.AddToGroupAsync(connectionId, GroupName(documentId, to == Audience.Observers)), documentId);
        }

        reader.Audience = to;
    }

    /// <summary>Group changes complete at once on a node's own lifetime manager; a failure is logged, never lost silently.</summary>
    private void Observe(Task change, Guid documentId)
    {
        if (!change.IsCompletedSuccessfully)
        {
            _ = change.ContinueWith(t => DeliveryFailed(t.Exception!, documentId), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>A reader whose view was closed receives nothing more of the document.</summary>
    private void Silence(Guid documentId, string connectionId)
    {
        lock (_lock)
        {
            if (_subscriptions.TryGetValue(documentId, out var subscription) && subscription.Readers.TryGetValue(connectionId, out var reader))
            {
                Move(documentId, connectionId, reader, Audience.None);
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

    private Task ReopenAll(Guid documentId)
    {
        string[] readers;
        lock (_lock)
        {
            readers = _subscriptions.TryGetValue(documentId, out var subscription) ? [.. subscription.Readers.Keys] : [];
        }

        return readers.Length == 0 ? Task.CompletedTask : hub.Clients.Clients(readers).Reopen(documentId);
    }

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

        /// <summary>The local connections that have the document open.</summary>
        public Dictionary<string, Reader> Readers { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Who may receive what of a document: everything, or what observers may see; None while opening or once closed.</summary>
    private enum Audience
    {
        None,
        Everything,
        Observers,
    }

    private sealed class Reader
    {
        /// <summary>True once the document answered the open: renewals list it.</summary>
        public bool Opened { get; set; }

        public Audience Audience { get; set; }
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

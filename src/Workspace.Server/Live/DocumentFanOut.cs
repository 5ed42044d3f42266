using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;
using Workspace.Grains.Documents;
using Workspace.Grains.Live;

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
    IHubContext<LiveHub, ILiveClient> hub,
    ConnectionRegistry connections,
    IOptions<NodeOptions> options,
    ILogger<DocumentFanOut> logger) : NodeFanOut<IDocumentObserver, DocumentFanOut.NodeObserver, DocumentFanOut.Reader>(grains, silo, options, logger)
{
    /// <summary>The SignalR group of a document's readers in one audience on this node.</summary>
    public static string GroupName(Guid documentId, bool observers) => observers ? $"doc:{documentId:N}:observers" : $"doc:{documentId:N}";

    protected override string Kind => "document";

    /// <summary>
    /// A local connection is opening the document (again, perhaps); returns the node's observer to
    /// hand to the document. Call before the document's Open, so nothing it publishes in between is missed.
    /// </summary>
    public IDocumentObserver Join(Guid documentId, string connectionId)
    {
        lock (Sync)
        {
            var subscription = Attach(documentId);
            if (subscription.Connections.TryGetValue(connectionId, out var reader))
            {
                Move(documentId, connectionId, reader, Audience.None); // opening again: the document decides anew
            }
            else
            {
                subscription.Connections[connectionId] = new Reader();
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
        lock (Sync)
        {
            if (Find(documentId) is { } subscription && subscription.Connections.TryGetValue(connectionId, out var reader))
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
    public Task Leave(Guid documentId, string connectionId) =>
        Detach(documentId, connectionId, (id, reader) => Move(documentId, id, reader, Audience.None));

    protected override NodeObserver CreateObserver(Guid documentId) => new(this, documentId);

    protected override Task Unsubscribe(Guid documentId, IDocumentObserver reference) =>
        Grains.GetGrain<IDocumentGrain>(documentId).Unsubscribe(NodeKey, reference);

    /// <summary>Lists the readers whose open the document answered (an open under way registers itself).</summary>
    protected override async Task<IReadOnlyCollection<string>> Renew(Guid documentId, IDocumentObserver reference, IReadOnlyList<KeyValuePair<string, Reader>> readers) =>
        await Grains.GetGrain<IDocumentGrain>(documentId).Renew(NodeKey, reference, [.. readers.Where(r => r.Value.Opened).Select(r => r.Key)]);

    /// <summary>Readers the document does not know (it was reactivated since they opened it) open it again.</summary>
    protected override Task Rejoin(Guid documentId, IDocumentObserver reference, IReadOnlyCollection<string> connectionIds) =>
        hub.Clients.Clients(connectionIds.ToArray()).Reopen(documentId);

    private async Task Deliver(Guid documentId, DocumentBroadcast broadcast)
    {
        // Audiences as of this broadcast: readers it says opened, then role changes.
        lock (Sync)
        {
            if (Find(documentId) is { } subscription)
            {
                foreach (var update in broadcast.Opened.Concat(broadcast.Access))
                {
                    if (subscription.Connections.TryGetValue(update.ConnectionId, out var reader))
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

    private static DocumentChanges Changes(DocumentBroadcast b) => new(b.DocumentId, b.Operations, b.Presence, b.Left, b.Summary, b.Epoch);

    private static Audience AudienceOf(GroupRole role) => role == GroupRole.Observer ? Audience.Observers : Audience.Everything;

    /// <summary>Whether the document has local readers in each audience (readers still opening are in neither).</summary>
    private (bool Everything, bool Observers) Audiences(Guid documentId)
    {
        lock (Sync)
        {
            if (Find(documentId) is not { } subscription)
            {
                return (false, false);
            }

            var (everything, observers) = (false, false);
            foreach (var reader in subscription.Connections.Values)
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
        lock (Sync)
        {
            if (Find(documentId) is { } subscription && subscription.Connections.TryGetValue(connectionId, out var reader))
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
        lock (Sync)
        {
            readers = Find(documentId) is { } subscription ? [.. subscription.Connections.Keys] : [];
        }

        return readers.Length == 0 ? Task.CompletedTask : hub.Clients.Clients(readers).Reopen(documentId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcasts {First} to {Last} of document {DocumentId} never reached this node; its readers reopen the document to catch up.")]
    private static partial void LogGapSkipped(ILogger logger, Guid documentId, long first, long last);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a broadcast of document {DocumentId} to this node's connections.")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, Guid documentId);

    /// <summary>Who may receive what of a document: everything, or what observers may see; None while opening or once closed.</summary>
    internal enum Audience
    {
        None,
        Everything,
        Observers,
    }

    /// <summary>A local connection that has the document open.</summary>
    public sealed class Reader
    {
        internal Reader()
        {
        }

        /// <summary>True once the document answered the open: renewals list it.</summary>
        internal bool Opened { get; set; }

        internal Audience Audience { get; set; }
    }

    /// <summary>The node's end of one document's broadcasts: delivered in the order the document numbered them.</summary>
    public sealed class NodeObserver : IDocumentObserver
    {
        private readonly DocumentFanOut _fanOut;
        private readonly Guid _documentId;
        private readonly BroadcastStream _stream;

        internal NodeObserver(DocumentFanOut fanOut, Guid documentId)
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
            _ = _fanOut.RenewNow(_documentId);
            return Task.CompletedTask;
        }
    }
}

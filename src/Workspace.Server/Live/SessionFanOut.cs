using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Live;

namespace Workspace.Server.Live;

/// <summary>
/// This node's part in live sessions. The session grain says only "changed"; for each person
/// in the session on this node the node reads that person's own view and sends it to their
/// connections — so an observer's socket never carries anything the grain would not show them.
/// Bursts of changes coalesce into one read per person. A person whose view can no longer be
/// read (removed by a facilitator, gone from the group) is told and dropped at once.
/// </summary>
public sealed partial class SessionFanOut(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IHubContext<LiveHub, ILiveClient> hub,
    IOptions<NodeOptions> options,
    ILogger<SessionFanOut> logger) : NodeFanOut<ISessionObserver, SessionFanOut.Room, Guid>(grains, silo, options, logger)
{
    protected override string Kind => "session";

    public async Task<SessionView> Join(LiveConnection connection, Guid userId, Guid sessionId)
    {
        var connectionId = connection.Context.ConnectionId;
        ISessionObserver reference;
        lock (Sync)
        {
            var room = Attach(sessionId);
            reference = room.Reference;

            // Listed before the session knows it, so nothing announced in between is missed.
            room.Connections[connectionId] = userId;
        }

        try
        {
            var view = await Session(sessionId).Join(userId, connectionId, NodeKey, reference);
            connection.Sessions[sessionId] = 0;
            if (connection.IsClosed)
            {
                // The connection went while joining: its goodbye did not see this session yet, and the
                // node's renewals would otherwise keep it in the room.
                await Leave(connection, sessionId);
            }

            return view;
        }
        catch
        {
            await Detach(sessionId, connectionId);
            throw;
        }
    }

    public async Task Leave(LiveConnection connection, Guid sessionId)
    {
        if (connection.Sessions.TryRemove(sessionId, out _))
        {
            await Detach(sessionId, connection.Context.ConnectionId);
            await Tell(sessionId, connection.Context.ConnectionId);
        }
    }

    public async Task Disconnected(LiveConnection connection)
    {
        foreach (var sessionId in connection.Sessions.Keys.ToArray())
        {
            await Leave(connection, sessionId);
        }
    }

    /// <summary>The session forgets each connection as it leaves, but the node only when it stops renewing.</summary>
    protected override bool ForgottenOnlyOnExpiry => true;

    protected override Room CreateObserver(Guid sessionId) => new(this, sessionId);

    /// <summary>Never called (see <see cref="ForgottenOnlyOnExpiry"/>): the session forgets the node when it stops renewing.</summary>
    protected override Task Unsubscribe(Guid sessionId, ISessionObserver reference) => Task.CompletedTask;

    /// <summary>Lists the node's connections and their people: the session learns those it did not know (it was reactivated), and drops those no longer listed.</summary>
    protected override async Task<IReadOnlyCollection<string>> Renew(Guid sessionId, ISessionObserver reference, IReadOnlyList<KeyValuePair<string, Guid>> connections)
    {
        await Session(sessionId).Renew(NodeKey, reference, [.. connections.Select(c => new SessionConnection(c.Key, c.Value))]);
        return [];
    }

    /// <summary>Never needed: the renewal itself tells the session who is here.</summary>
    protected override Task Rejoin(Guid sessionId, ISessionObserver reference, IReadOnlyCollection<string> connectionIds) => Task.CompletedTask;

    /// <summary>Sends every local person in the session their current view; repeats while changes keep coming.</summary>
    private async Task Refresh(Room room)
    {
        lock (room)
        {
            room.Dirty = true;
            if (room.Refreshing)
            {
                return;
            }

            room.Refreshing = true;
        }

        while (true)
        {
            lock (room)
            {
                if (!room.Dirty)
                {
                    room.Refreshing = false;
                    return;
                }

                room.Dirty = false;
            }

            IGrouping<Guid, string>[] people;
            lock (Sync)
            {
                people = Find(room.SessionId) is { } subscription ? [.. subscription.Connections.GroupBy(c => c.Value, c => c.Key)] : [];
            }

            await Task.WhenAll(people.Select(person => Send(room, person.Key, [.. person])));
        }
    }

    private async Task Send(Room room, Guid userId, IReadOnlyList<string> connectionIds)
    {
        try
        {
            var view = await Session(room.SessionId).Get(userId);
            await hub.Clients.Clients(connectionIds).Session(view);
        }
        catch (WorkspaceException e)
        {
            // They may no longer see the session: nothing more reaches them from it.
            var reason = e.Code == ErrorCodes.SessionRemoved ? SessionClosedReason.Removed : SessionClosedReason.Gone;
            foreach (var connectionId in connectionIds)
            {
                await Detach(room.SessionId, connectionId);
                await Tell(room.SessionId, connectionId);
                await hub.Clients.Client(connectionId).SessionClosed(room.SessionId, reason);
            }
        }
        catch (Exception e)
        {
            LogRefreshFailed(logger, e, room.SessionId);
        }
    }

    /// <summary>Tells the session a connection left (it forgets the node's connections on its own if this fails).</summary>
    private async Task Tell(Guid sessionId, string connectionId)
    {
        try
        {
            await Session(sessionId).Leave(connectionId);
        }
        catch (Exception e)
        {
            LogLeaveFailed(logger, e, sessionId);
        }
    }

    private ISessionGrain Session(Guid sessionId) => Grains.GetGrain<ISessionGrain>(sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send session {SessionId} to this node's connections.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, Guid sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell session {SessionId} that a connection left; the session forgets it on its own.")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception, Guid sessionId);

    /// <summary>The node's end of one session: it says only "changed", and bursts of changes coalesce into one refresh.</summary>
    public sealed class Room : ISessionObserver
    {
        private readonly SessionFanOut _fanOut;

        internal Room(SessionFanOut fanOut, Guid sessionId) => (_fanOut, SessionId) = (fanOut, sessionId);

        internal Guid SessionId { get; }

        internal bool Dirty { get; set; }

        internal bool Refreshing { get; set; }

        public Task Changed(Guid sessionId)
        {
            _ = _fanOut.Refresh(this);
            return Task.CompletedTask;
        }
    }
}

/// <summary>Why a session stopped on this connection.</summary>
public enum SessionClosedReason
{
    /// <summary>A facilitator removed the person from the session.</summary>
    Removed,

    /// <summary>The person is no longer in the group (or the session cannot be read).</summary>
    Gone,
}

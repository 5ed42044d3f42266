using Microsoft.AspNetCore.SignalR;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Sessions;

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
    IHubContext<DocumentHub, IDocumentClient> hub,
    ILogger<SessionFanOut> logger) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Room> _rooms = [];

    public string NodeKey { get; } = Grains.NodeKeys.For(silo.SiloAddress);

    /// <summary>
    /// How often this node re-announces its connections to each session: well inside the grain's
    /// expiry, and often enough that a session reactivated on another node (its node died) learns
    /// its room again within seconds. Sessions are few; this costs one call per session per node.
    /// </summary>
    public static TimeSpan RenewEvery => TimeSpan.FromSeconds(5);

    public async Task<SessionView> Join(LiveConnection connection, Guid userId, Guid sessionId)
    {
        var connectionId = connection.Context.ConnectionId;
        Room room;
        lock (_lock)
        {
            if (!_rooms.TryGetValue(sessionId, out room!))
            {
                var observer = new NodeObserver(this);
                room = new Room(sessionId, observer, grains.CreateObjectReference<ISessionObserver>(observer));
                _rooms[sessionId] = room;
            }

            // Listed before the session knows it, so nothing announced in between is missed.
            room.Connections[connectionId] = userId;
        }

        try
        {
            var view = await Session(sessionId).Join(userId, connectionId, NodeKey, room.Reference);
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
            Forget(sessionId, connectionId);
            throw;
        }
    }

    public async Task Leave(LiveConnection connection, Guid sessionId)
    {
        if (connection.Sessions.TryRemove(sessionId, out _))
        {
            Forget(sessionId, connection.Context.ConnectionId);
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
            lock (_lock)
            {
                people = [.. room.Connections.GroupBy(c => c.Value, c => c.Key)];
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
                Forget(room.SessionId, connectionId);
                await Tell(room.SessionId, connectionId);
                await hub.Clients.Client(connectionId).SessionClosed(room.SessionId, reason);
            }
        }
        catch (Exception e)
        {
            LogRefreshFailed(logger, e, room.SessionId);
        }
    }

    private void Forget(Guid sessionId, string connectionId)
    {
        lock (_lock)
        {
            if (_rooms.TryGetValue(sessionId, out var room) && room.Connections.Remove(connectionId) && room.Connections.Count == 0)
            {
                _rooms.Remove(sessionId);
                grains.DeleteObjectReference<ISessionObserver>(room.Reference);
            }
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            (Room Room, SessionConnection[] Connections)[] rooms;
            lock (_lock)
            {
                rooms = [.. _rooms.Values.Select(r => (r, r.Connections.Select(c => new SessionConnection(c.Key, c.Value)).ToArray()))];
            }

            foreach (var (room, connections) in rooms)
            {
                try
                {
                    await Session(room.SessionId).Renew(NodeKey, room.Reference, connections);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRenewFailed(logger, e, room.SessionId);
                }
            }
        }
    }

    private ISessionGrain Session(Guid sessionId) => grains.GetGrain<ISessionGrain>(sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send session {SessionId} to this node's connections.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, Guid sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell session {SessionId} that a connection left; the session forgets it on its own.")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception, Guid sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew this node's connections in session {SessionId}.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, Guid sessionId);

    private sealed class Room(Guid sessionId, NodeObserver observer, ISessionObserver reference)
    {
        public Guid SessionId { get; } = sessionId;

        // Held strongly: Orleans keeps only a weak reference to observer objects.
        public NodeObserver Observer { get; } = observer;

        public ISessionObserver Reference { get; } = reference;

        /// <summary>This node's connections in the session → their person (guarded by the fan-out's lock).</summary>
        public Dictionary<string, Guid> Connections { get; } = new(StringComparer.Ordinal);

        public bool Dirty { get; set; }

        public bool Refreshing { get; set; }
    }

    private sealed class NodeObserver(SessionFanOut fanOut) : ISessionObserver
    {
        public Task Changed(Guid sessionId)
        {
            Room? room;
            lock (fanOut._lock)
            {
                room = fanOut._rooms.GetValueOrDefault(sessionId);
            }

            if (room is not null)
            {
                _ = fanOut.Refresh(room);
            }

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

using System.Diagnostics;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Workspace.Server.Live;

/// <summary>
/// One live connection as the wire sees it, below the hub: when it last sent anything (a ping
/// included), and how to close it with a reason. SignalR's own client timeout starts only after a
/// client's first ping and an unreadable message either wedges a connection or closes it with an
/// error logged as a server fault; this closes both kinds with a SignalR close message that says why.
/// </summary>
public sealed class LiveWire
{
    /// <summary>The close reason for a frame that is not a message this hub understands.</summary>
    public const string Malformed = "request.malformed";

    /// <summary>The close reason for a frame over <c>Workspace:Documents:MaxMessageBytes</c>.</summary>
    public const string TooLarge = "request.message-too-large";

    /// <summary>The close reason for a connection silent for longer than <see cref="LiveOptions.ClientTimeout"/>.</summary>
    public const string TimedOut = "connection.timed-out";

    private static readonly AsyncLocal<LiveWire?> Reading = new();

    // Weak: timers and background work started during a hub call capture this flow (and so this wire) and may
    // outlive the connection; they must not keep it in memory.
    private readonly WeakReference<HubConnectionContext> _connection;
    private readonly TimeSpan _timeout;
    private readonly LiveRefusals _refusals;
    private long _lastReceived = Stopwatch.GetTimestamp();
    private int _closing;

    private LiveWire(HubConnectionContext connection, TimeSpan timeout, LiveRefusals refusals)
    {
        _connection = new(connection);
        _timeout = timeout;
        _refusals = refusals;
    }

    /// <summary>The connection whose messages the code running now is reading (set for its whole receive loop).</summary>
    public static LiveWire? Current => Reading.Value;

    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>
    /// Follows a connection from the moment SignalR accepts it. Must be called synchronously from the
    /// connection's receive flow (the lifetime manager's <c>OnConnectedAsync</c>), so that what it
    /// sets is seen by the protocol while it reads this connection's messages.
    /// </summary>
    public static LiveWire Attach(HubConnectionContext connection, TimeSpan timeout, LiveRefusals refusals)
    {
        var wire = new LiveWire(connection, timeout, refusals);
        Reading.Value = wire;
        connection.Features.Get<IConnectionHeartbeatFeature>()?.OnHeartbeat(static state => ((LiveWire)state).CheckSilence(), wire);
        return wire;
    }

    /// <summary>Something (a message or a ping) arrived.</summary>
    public void Received() => Volatile.Write(ref _lastReceived, Stopwatch.GetTimestamp());

    /// <summary>Closes the connection once, telling the client <paramref name="code"/> and why; counted and logged once.</summary>
    public void Close(string code, string why, bool allowReconnect = false)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        if (_connection.TryGetTarget(out var connection))
        {
            _refusals.Closed(connection, code, why);
            _ = CloseAsync(connection, $"{code}: {why}", allowReconnect);
        }
    }

    private static async Task CloseAsync(HubConnectionContext connection, string reason, bool allowReconnect)
    {
        try
        {
            await connection.WriteAsync(new CloseMessage(reason, allowReconnect));
        }
        finally
        {
            connection.Abort();
        }
    }

    private void CheckSilence()
    {
        if (!IsClosing && Stopwatch.GetElapsedTime(Volatile.Read(ref _lastReceived)) > _timeout)
        {
            Close(TimedOut, $"nothing received for {_timeout.TotalSeconds:0.#} s", allowReconnect: true);
        }
    }
}

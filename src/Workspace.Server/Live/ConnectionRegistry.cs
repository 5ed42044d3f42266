using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Workspace.Server.Live;

/// <summary>
/// The live connections held by this node — only its own sockets, so that a document's
/// instruction to close one can be carried out here. Nothing about documents lives here.
/// </summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new(StringComparer.Ordinal);
    /// <summary>
    /// How long a person's budgets outlive their last connection here. Longer than a bucket takes to
    /// fill again (two seconds), so reconnecting never starts anyone with more than waiting would.
    /// </summary>
    public static readonly TimeSpan KeepIdle = TimeSpan.FromSeconds(10);

    private readonly Dictionary<Guid, PersonLimits> _people = [];
    private long _lastSweep = System.Diagnostics.Stopwatch.GetTimestamp();

    public int Count => _connections.Count;

    /// <summary>
    /// Adds a connection of <paramref name="userId"/>. Its rate limits are the person's on this node,
    /// shared by all their connections here: a second tab does not double what one person may send.
    /// </summary>
    public LiveConnection Add(HubCallerContext context, Guid userId, int submitsPerSecond, int presencePerSecond, int actionsPerSecond)
    {
        PersonLimits limits;
        lock (_people)
        {
            if (!_people.TryGetValue(userId, out limits!))
            {
                limits = new PersonLimits(new TokenBucket(submitsPerSecond), new TokenBucket(presencePerSecond), new TokenBucket(actionsPerSecond));
                _people[userId] = limits;
            }

            limits.Connections++;
            SweepIdle();
        }

        var connection = new LiveConnection(context, userId, limits.Submits, limits.Presence, limits.Actions);
        _connections[context.ConnectionId] = connection;
        return connection;
    }

    public IEnumerable<LiveConnection> All() => _connections.Values;

    public LiveConnection? Get(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public LiveConnection? Remove(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var connection))
        {
            return null;
        }

        lock (_people)
        {
            // Kept a while after the last connection goes: a reconnection must not reset the budgets.
            if (_people.TryGetValue(connection.UserId, out var limits) && --limits.Connections == 0)
            {
                limits.IdleSince = System.Diagnostics.Stopwatch.GetTimestamp();
            }

            SweepIdle();
        }

        connection.MarkClosed();
        return connection;
    }

    /// <summary>Forgets (at most every <see cref="KeepIdle"/>) the budgets of people gone longer than that. Under the lock.</summary>
    private void SweepIdle()
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (System.Diagnostics.Stopwatch.GetElapsedTime(_lastSweep, now) < KeepIdle)
        {
            return;
        }

        _lastSweep = now;
        foreach (var (userId, limits) in _people.Where(p => p.Value.Connections == 0 && System.Diagnostics.Stopwatch.GetElapsedTime(p.Value.IdleSince, now) >= KeepIdle).ToList())
        {
            _people.Remove(userId);
        }
    }

    /// <summary>One person's budgets on this node, and how many of their connections share them.</summary>
    private sealed class PersonLimits(TokenBucket submits, TokenBucket presence, TokenBucket actions)
    {
        public TokenBucket Submits { get; } = submits;

        public TokenBucket Presence { get; } = presence;

        public TokenBucket Actions { get; } = actions;

        public int Connections { get; set; }

        /// <summary>When the last of their connections went (while <see cref="Connections"/> is 0).</summary>
        public long IdleSince { get; set; }
    }
}

/// <summary>One connection: its context (to abort it), its person, the documents it has open, and its person's rate limits.</summary>
public sealed class LiveConnection(HubCallerContext context, Guid userId, TokenBucket submits, TokenBucket presence, TokenBucket actions)
{
    private bool _closed;

    public HubCallerContext Context { get; } = context;

    public Guid UserId { get; } = userId;

    /// <summary>
    /// The documents open on this connection, with their grains: every keystroke calls one, and building
    /// a grain reference per call cost ~3.5 % of a busy server's CPU.
    /// </summary>
    public ConcurrentDictionary<Guid, Contracts.Documents.IDocumentGrain> Documents { get; } = new();

    /// <summary>The working groups whose live events this connection follows, with the audience it is in.</summary>
    public ConcurrentDictionary<Guid, Contracts.Groups.GroupRole> Groups { get; } = new();

    /// <summary>The live sessions this connection is in.</summary>
    public ConcurrentDictionary<Guid, byte> Sessions { get; } = new();

    /// <summary>
    /// True once the connection is gone. A call still under way when it went (a join, say) checks this
    /// after its awaits: the connection's goodbye has already run and did not see what the call added.
    /// </summary>
    public bool IsClosed => Volatile.Read(ref _closed);

    /// <summary>Edits: the person's budget on this node, shared by their connections.</summary>
    public TokenBucket Submits { get; } = submits;

    /// <summary>Cursor moves: the person's budget on this node, shared by their connections.</summary>
    public TokenBucket Presence { get; } = presence;

    /// <summary>Session actions (hands, votes, questions…): people act at human speed, floods are refused.</summary>
    public TokenBucket Actions { get; } = actions;

    /// <summary>Called by the registry as the connection goes, before its goodbye runs.</summary>
    public void MarkClosed() => Volatile.Write(ref _closed, true);
}

/// <summary>A rate limit: <c>rate</c> tokens a second, bursts of twice that.</summary>
public sealed class TokenBucket(int rate)
{
    private readonly Lock _lock = new();
    private readonly double _capacity = rate * 2.0;
    private double _tokens = rate * 2.0;
    private long _last = System.Diagnostics.Stopwatch.GetTimestamp();

    public bool TryTake()
    {
        lock (_lock)
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + (System.Diagnostics.Stopwatch.GetElapsedTime(_last, now).TotalSeconds * rate));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Workspace.Contracts.Accounts;
using Workspace.Grains.Accounts;
using Workspace.Server.Web;

namespace Workspace.Server.Live;

/// <summary>
/// Closes this node's live connections whose sign-in ended, wherever it was ended. For each person
/// with connections here, the node subscribes to their <see cref="ISignInsGrain"/> (one observer for
/// the node, renewed before the grain forgets it); told that sign-ins ended, it marks their connections
/// (every later hub call on them is refused, see <see cref="SignInFilter"/>) and aborts them at once.
/// </summary>
public sealed partial class SignInWatch : BackgroundService, ISignInObserver
{
    private readonly IGrainFactory _grains;
    private readonly ILogger<SignInWatch> _logger;
    private readonly ISignInObserver _reference;
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Dictionary<string, Watched>> _people = [];
    private readonly ConcurrentDictionary<string, Watched> _connections = new(StringComparer.Ordinal);

    public SignInWatch(IGrainFactory grains, ILogger<SignInWatch> logger)
    {
        _grains = grains;
        _logger = logger;
        _reference = grains.CreateObjectReference<ISignInObserver>(this); // this singleton holds itself strongly
    }

    public string NodeKey { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>True once the connection's sign-in has ended: the hub refuses its calls even before it is gone.</summary>
    public bool HasEnded(string connectionId) => _connections.TryGetValue(connectionId, out var watched) && watched.Ended;

    /// <summary>Follows a new connection's sign-in; aborts it if the sign-in ended since its cookie was checked.</summary>
    public async Task Connected(HubCallerContext context)
    {
        if (context.User is not { } user || user.SignInId() is not { } signInId)
        {
            context.Abort();
            return;
        }

        var userId = user.UserId();
        var watched = new Watched(context, userId, signInId);
        lock (_lock)
        {
            _connections[context.ConnectionId] = watched;
            Person(userId)[context.ConnectionId] = watched;
        }

        // The grain answers this and ends sign-ins one call at a time: either it says the sign-in has
        // already ended, or its later news reaches this node, which now lists the connection.
        try
        {
            var ended = await _grains.GetGrain<ISignInsGrain>(userId).Watch(NodeKey, _reference, [signInId]);
            End(userId, ended);
        }
        catch (Exception e)
        {
            LogWatchFailed(_logger, e, userId);
        }
    }

    public async Task Disconnected(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var watched))
        {
            return;
        }

        bool last;
        lock (_lock)
        {
            var person = Person(watched.UserId);
            person.Remove(connectionId);
            last = person.Count == 0;
            if (last)
            {
                _people.Remove(watched.UserId);
            }
        }

        if (last)
        {
            try
            {
                await _grains.GetGrain<ISignInsGrain>(watched.UserId).Unwatch(NodeKey);
            }
            catch (Exception e)
            {
                LogWatchFailed(_logger, e, watched.UserId);
            }

            // A connection of the same person that arrived meanwhile may have subscribed before this unsubscribed.
            string[] again;
            lock (_lock)
            {
                again = _people.TryGetValue(watched.UserId, out var person) ? [.. person.Values.Select(w => w.SignInId)] : [];
            }

            if (again.Length > 0)
            {
                await Renew(watched.UserId, again);
            }
        }
    }

    /// <summary>Told by a person's sign-ins grain (from any node's sign-out) which sign-ins ended.</summary>
    public Task Ended(Guid userId, IReadOnlyList<string> signInIds)
    {
        End(userId, signInIds);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SignInsGrain.WatchExpiry / 3);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            KeyValuePair<Guid, string[]>[] current;
            lock (_lock)
            {
                current = [.. _people.Select(p => KeyValuePair.Create(p.Key, p.Value.Values.Select(w => w.SignInId).Distinct(StringComparer.Ordinal).ToArray()))];
            }

            foreach (var (userId, signInIds) in current)
            {
                await Renew(userId, signInIds);
            }
        }
    }

    /// <summary>Renews the subscription; a sign-in that ended unheard (the grain moved, a call was lost) or expired ends here too.</summary>
    private async Task Renew(Guid userId, IReadOnlyList<string> signInIds)
    {
        try
        {
            End(userId, await _grains.GetGrain<ISignInsGrain>(userId).Watch(NodeKey, _reference, signInIds));
        }
        catch (Exception e)
        {
            LogWatchFailed(_logger, e, userId);
        }
    }

    private void End(Guid userId, IReadOnlyList<string> signInIds)
    {
        if (signInIds.Count == 0)
        {
            return;
        }

        Watched[] ending;
        lock (_lock)
        {
            ending = _people.TryGetValue(userId, out var person)
                ? [.. person.Values.Where(w => signInIds.Contains(w.SignInId, StringComparer.Ordinal))]
                : [];
        }

        foreach (var watched in ending)
        {
            watched.Ended = true; // before the abort: calls already queued on the socket are refused
            watched.Context.Abort();
        }

        if (ending.Length > 0)
        {
            LogClosed(_logger, ending.Length, userId);
        }
    }

    private Dictionary<string, Watched> Person(Guid userId)
    {
        if (!_people.TryGetValue(userId, out var person))
        {
            person = new Dictionary<string, Watched>(StringComparer.Ordinal);
            _people[userId] = person;
        }

        return person;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not follow the sign-ins of user {UserId}; the next renewal tries again.")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} live connections of user {UserId}: their sign-in ended.")]
    private static partial void LogClosed(ILogger logger, int count, Guid userId);

    private sealed class Watched(HubCallerContext context, Guid userId, string signInId)
    {
        private bool _ended;

        public HubCallerContext Context { get; } = context;

        public Guid UserId { get; } = userId;

        public string SignInId { get; } = signInId;

        public bool Ended
        {
            get => Volatile.Read(ref _ended);
            set => Volatile.Write(ref _ended, value);
        }
    }
}

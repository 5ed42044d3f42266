using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Workspace.Grains.Telemetry;

namespace Workspace.Server.Live;

/// <summary>
/// What the live hub refuses, said once: each refusal and each connection closed for what it sent is
/// counted (<c>workspace.live.refusals</c>, by code) and logged at Information without a stack trace.
/// A flood repeats one refusal many times a second, so one connection's repeats of a code are logged
/// at most once per <see cref="Quiet"/>, with how many went unlogged since.
/// </summary>
public sealed partial class LiveRefusals(ILogger<LiveRefusals> logger, WorkspaceMetrics? metrics = null)
{
    /// <summary>The shortest time between two log lines for the same connection and code.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(10);

    // By connection, then code: a connection that goes is forgotten in one step, whatever the number of others.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Repeats>> _repeats = new(StringComparer.Ordinal);

    /// <summary>A hub call of <paramref name="method"/> was refused with <paramref name="code"/>.</summary>
    public void Refused(HubCallerContext context, string method, string code)
    {
        metrics?.LiveRefused(code, "refused");
        if (ShouldLog(context.ConnectionId, code, out var unlogged))
        {
            LogRefused(logger, method, code, context.ConnectionId, context.UserIdentifier, unlogged);
        }
    }

    /// <summary>A connection was closed for what it sent (or for its silence).</summary>
    public void Closed(HubConnectionContext connection, string code, string why)
    {
        metrics?.LiveRefused(code, "closed");
        LogClosed(logger, connection.ConnectionId, connection.UserIdentifier, code, why);
    }

    /// <summary>Forgets a connection that went.</summary>
    public void Forget(string connectionId) => _repeats.TryRemove(connectionId, out _);

    private bool ShouldLog(string connectionId, string code, out long unlogged)
    {
        var repeats = _repeats.GetOrAdd(connectionId, _ => new ConcurrentDictionary<string, Repeats>(StringComparer.Ordinal))
            .GetOrAdd(code, _ => new Repeats());
        return repeats.ShouldLog(out unlogged);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} with {Code} (connection {ConnectionId}, user {UserId}; {Unlogged} more like it since the last line)")]
    private static partial void LogRefused(ILogger logger, string method, string code, string connectionId, string? userId, long unlogged);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed live connection {ConnectionId} of user {UserId}: {Code}, {Why}")]
    private static partial void LogClosed(ILogger logger, string connectionId, string? userId, string code, string why);

    private sealed class Repeats
    {
        private readonly Lock _lock = new();
        private long _lastLogged;
        private long _unlogged;

        public bool ShouldLog(out long unlogged)
        {
            lock (_lock)
            {
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                if (_lastLogged != 0 && System.Diagnostics.Stopwatch.GetElapsedTime(_lastLogged, now) < Quiet)
                {
                    _unlogged++;
                    unlogged = 0;
                    return false;
                }

                unlogged = _unlogged;
                _unlogged = 0;
                _lastLogged = now;
                return true;
            }
        }
    }
}

namespace Workspace.Server.Live;

/// <summary>How long a live connection may stay silent (section <c>Workspace:Live</c>).</summary>
public sealed class LiveOptions
{
    public const string Section = "Workspace:Live";

    /// <summary>
    /// A connection that sends nothing (not even a ping) for this long is closed and leaves every
    /// presence list. The clients ping every 15 s; keep this well above that in production.
    /// </summary>
    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the server pings a quiet connection (below <see cref="ClientTimeout"/>), so clients see the server alive.
    /// The browser client learns it from <c>GET /api/session</c> and counts the connection lost after three intervals
    /// of silence (at least 3 s): with the default of 1 s, a page shows a dropped network within about three seconds
    /// instead of SignalR's 30, while an idle connection costs one ping of a few bytes a second.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The problems with these settings, if any.</summary>
    public IEnumerable<string> Problems()
    {
        if (ClientTimeout <= TimeSpan.Zero || KeepAliveInterval <= TimeSpan.Zero || KeepAliveInterval >= ClientTimeout)
        {
            yield return "Workspace:Live: ClientTimeout and KeepAliveInterval must be positive, and KeepAliveInterval shorter than ClientTimeout.";
        }
    }
}

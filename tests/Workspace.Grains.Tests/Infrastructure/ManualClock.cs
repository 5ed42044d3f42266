namespace Workspace.Grains.Tests.Infrastructure;

/// <summary>A clock the tests move forward, so expiry and lockout are tested without waiting.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    /// <summary>For tests whose output carries dates (compared with checked-in files).</summary>
    public void Set(DateTimeOffset now) => _now = now;
}

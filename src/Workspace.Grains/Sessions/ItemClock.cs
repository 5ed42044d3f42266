using Workspace.Contracts.Errors;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Sessions;

/// <summary>
/// The current agenda item's time box and the speaker's turn, as rules over the stored session:
/// a pause stops the countdown (its length is added to the end when it resumes), an extension adds
/// minutes, moving to another item starts afresh. Whether the session is live and who may ask is the grain's to check.
/// </summary>
public sealed class ItemClock(SessionState session)
{
    /// <summary>The most minutes one extension may add.</summary>
    public const int ExtendMax = 240;

    /// <summary>The shortest and longest speaking-time limits, in seconds.</summary>
    public const int SpeakingLimitMin = 10, SpeakingLimitMax = 3600;

    public bool Paused => session.ItemPausedAt is not null;

    /// <summary>Starts item <paramref name="index"/>'s countdown from <paramref name="now"/>: no pause, no extension.</summary>
    public void Restart(int index, DateTimeOffset now)
    {
        (session.CurrentItem, session.ItemStartedAt) = (index, now);
        (session.ItemPausedAt, session.ItemPausedFor, session.ItemExtraMinutes) = (null, TimeSpan.Zero, 0);
    }

    public void Pause(DateTimeOffset now)
    {
        RequireItem();
        if (Paused)
        {
            throw WorkspaceException.Conflict(ErrorCodes.ItemAlreadyPaused);
        }

        session.ItemPausedAt = now;
    }

    public void Resume(DateTimeOffset now)
    {
        RequireItem();
        if (session.ItemPausedAt is not { } since)
        {
            throw WorkspaceException.Conflict(ErrorCodes.ItemNotPaused);
        }

        session.ItemPausedFor += now > since ? now - since : TimeSpan.Zero;
        session.ItemPausedAt = null;
    }

    /// <summary>Adds 1 to <see cref="ExtendMax"/> minutes; all extensions of one item together stay within an agenda item's longest time box.</summary>
    public void Extend(int minutes)
    {
        OutOfRangeUnless(minutes is >= 1 and <= ExtendMax, "minutes", ExtendMax);
        RequireItem();
        OutOfRangeUnless(session.ItemExtraMinutes + minutes <= Limits.AgendaMinutesMax, "minutes", Limits.AgendaMinutesMax - session.ItemExtraMinutes);
        session.ItemExtraMinutes += minutes;
    }

    /// <summary>Sets (or, with null, removes) the limit of one turn at the floor.</summary>
    public static void CheckSpeakingLimit(int? seconds)
    {
        if (seconds is { } s)
        {
            OutOfRangeUnless(s is >= SpeakingLimitMin and <= SpeakingLimitMax, "seconds", SpeakingLimitMax);
        }
    }

    /// <summary>
    /// When the current item's time box ends, counting the pauses so far. While paused it is the end as of the
    /// moment of pausing (the time left is <c>end − paused at</c>, frozen); resuming moves it by the pause's length.
    /// </summary>
    public DateTimeOffset? ItemEndsAt()
    {
        if (session.CurrentItem is not { } index || session.ItemStartedAt is not { } started)
        {
            return null;
        }

        return started.AddMinutes(session.Agenda[index].Minutes + session.ItemExtraMinutes) + session.ItemPausedFor;
    }

    /// <summary>When the current speaker's turn ends under the limit; null without a speaker or a limit.</summary>
    public DateTimeOffset? FloorEndsAt() =>
        session.Floor is not null && session.FloorSince is { } since && session.SpeakingLimitSeconds is { } limit ? since.AddSeconds(limit) : null;

    /// <summary>
    /// A number out of range is refused with the range's own code (not the generic "fields need attention"), so a hub
    /// caller, who receives one code and its limit, reads "out of range (at most N)".
    /// </summary>
    private static void OutOfRangeUnless(bool valid, string field, int max)
    {
        if (!valid)
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.OutOfRange, [new FieldError(field, ErrorCodes.OutOfRange, max)]);
        }
    }

    private void RequireItem()
    {
        if (session.CurrentItem is null)
        {
            throw WorkspaceException.Conflict(ErrorCodes.NoItemUnderWay);
        }
    }
}

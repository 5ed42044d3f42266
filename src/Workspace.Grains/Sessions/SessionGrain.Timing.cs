using Workspace.Contracts.Errors;
using Workspace.Contracts.Sessions;

namespace Workspace.Grains.Sessions;

/// <summary>Pausing and extending the current item, and the speaking-time limit (rules in <see cref="ItemClock"/>).</summary>
public sealed partial class SessionGrain
{
    public async Task<SessionView> PauseItem(Guid actorId)
    {
        var actor = await Facilitator(actorId);
        RequireLive();
        Clock.Pause(clock.GetUtcNow());
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> ResumeItem(Guid actorId)
    {
        var actor = await Facilitator(actorId);
        RequireLive();
        Clock.Resume(clock.GetUtcNow());
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> ExtendItem(Guid actorId, int minutes)
    {
        var actor = await Facilitator(actorId);
        RequireLive();
        Clock.Extend(minutes);
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> SetSpeakingLimit(Guid actorId, int? seconds)
    {
        var actor = await Facilitator(actorId);
        ItemClock.CheckSpeakingLimit(seconds);
        if (S.Status == SessionStatus.Ended)
        {
            throw WorkspaceException.Conflict(ErrorCodes.SessionNotLive);
        }

        S.SpeakingLimitSeconds = seconds;
        await Save();
        return await View(actor);
    }

    /// <summary>The current item's time box and the speaker's turn, as rules over the stored session.</summary>
    private ItemClock Clock => new(S);
}

namespace Workspace.Contracts.Sessions;

/// <summary>
/// The authority for one facilitated session: its agenda, live state (current item and its
/// timer), speaker queue and attendance. Every call names the acting user; the grain asks the
/// group who they are.
/// </summary>
[Alias("Workspace.ISessionGrain")]
public interface ISessionGrain : IGrainWithGuidKey
{
    /// <summary>Called by the group that plans it, once (the group has checked the agenda's targets).</summary>
    [Alias("Initialise")] Task Initialise(Guid groupId, SessionPlan plan);

    [Alias("Get")] Task<SessionView> Get(Guid actorId);

    [Alias("Start")] Task<SessionView> Start(Guid actorId);

    [Alias("End")] Task<SessionView> End(Guid actorId);

    /// <summary>Moves everyone to agenda item <paramref name="index"/> and restarts its countdown.</summary>
    [Alias("Focus")] Task<SessionView> Focus(Guid actorId, int index);

    /// <summary>Someone's connection joins the live session (attendance, presence).</summary>
    [Alias("Join")] Task<SessionView> Join(Guid actorId, string connectionId);

    [Alias("Leave")] Task Leave(string connectionId);

    [Alias("RaiseHand")] Task<SessionView> RaiseHand(Guid actorId, bool pointOfOrder);

    [Alias("LowerHand")] Task<SessionView> LowerHand(Guid actorId);

    /// <summary>Gives the floor to <paramref name="userId"/>, or (null) to the first in the queue.</summary>
    [Alias("GiveFloor")] Task<SessionView> GiveFloor(Guid actorId, Guid? userId);

    [Alias("AllowObserversInQueue")] Task<SessionView> AllowObserversInQueue(Guid actorId, bool allowed);
}

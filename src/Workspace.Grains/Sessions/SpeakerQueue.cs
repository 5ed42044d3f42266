using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;

namespace Workspace.Grains.Sessions;

/// <summary>
/// The hands raised in a session and who has the floor, kept in the session's stored state. Points
/// of order go before ordinary hands (in the order they were raised); one hand per person; observers
/// queue only while a facilitator allows it. Whether the session is live and who is present is the
/// grain's to know: it checks those first and tells this class who is still here.
/// </summary>
public sealed class SpeakerQueue(SessionState session)
{
    public IReadOnlyList<HandRecord> Hands => session.Queue;

    public HandRecord? Floor => session.Floor;

    /// <summary>Adds a hand: a point of order before every ordinary hand and after earlier points of order; anything else at the end.</summary>
    public void Raise(HandRecord hand)
    {
        if (hand.Role == GroupRole.Observer && !session.ObserversMayQueue)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.ObserversMayNotQueue);
        }

        if (HandOf(hand.Person.Id) is not null)
        {
            throw WorkspaceException.Conflict(ErrorCodes.HandAlreadyRaised);
        }

        var at = hand.PointOfOrder ? session.Queue.FindIndex(h => !h.PointOfOrder) : -1;
        session.Queue.Insert(at < 0 ? session.Queue.Count : at, hand);
    }

    public void Lower(Guid userId)
    {
        if (session.Queue.RemoveAll(h => h.Person.Id == userId) == 0)
        {
            throw WorkspaceException.Conflict(ErrorCodes.HandNotRaised);
        }
    }

    public HandRecord? HandOf(Guid userId) => session.Queue.FirstOrDefault(h => h.Person.Id == userId);

    /// <summary>The hand first in line, for a facilitator who gives the floor without naming anyone.</summary>
    public HandRecord Next() => session.Queue.FirstOrDefault() ?? throw WorkspaceException.Conflict(ErrorCodes.QueueEmpty);

    /// <summary>Gives the floor (to a hand in the queue or to anyone present the facilitator names); their hand leaves the queue.</summary>
    public void Give(HandRecord floor)
    {
        session.Queue.RemoveAll(h => h.Person.Id == floor.Person.Id);
        session.Floor = floor;
    }

    /// <summary>The speaker yields the floor, or a facilitator takes it back; nobody else may end someone's turn.</summary>
    public void ClearFloor(Guid actorId, GroupRole actorRole)
    {
        if (session.Floor is null || (session.Floor.Person.Id != actorId && actorRole != GroupRole.Facilitator))
        {
            throw WorkspaceException.Forbidden(ErrorCodes.NotSpeaking);
        }

        session.Floor = null;
    }

    /// <summary>Allowing or stopping observers' hands; stopping takes down the ones already raised.</summary>
    public void AllowObservers(bool allowed)
    {
        session.ObserversMayQueue = allowed;
        if (!allowed)
        {
            session.Queue.RemoveAll(h => h.Role == GroupRole.Observer);
        }
    }

    /// <summary>Someone removed from the session loses their hand and the floor.</summary>
    public void Remove(Guid userId)
    {
        session.Queue.RemoveAll(h => h.Person.Id == userId);
        if (session.Floor?.Person.Id == userId)
        {
            session.Floor = null;
        }
    }

    /// <summary>
    /// Hands of people no longer present go down; true if any did. The floor is not touched: a speaker
    /// who leaves keeps it until they yield it or a facilitator clears it.
    /// </summary>
    public bool DropAbsent(IReadOnlySet<Guid> present) => session.Queue.RemoveAll(h => !present.Contains(h.Person.Id)) > 0;

    /// <summary>An ended session has neither queue nor speaker.</summary>
    public void Close()
    {
        session.Queue.Clear();
        session.Floor = null;
    }
}

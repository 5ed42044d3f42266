using Orleans.Concurrency;
using Workspace.Contracts.Recommendations;

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

    /// <summary>Someone's connection (held by node <paramref name="nodeKey"/>) joins the session (attendance, presence).</summary>
    [Alias("Join")] Task<SessionView> Join(Guid actorId, string connectionId, string nodeKey, ISessionObserver node);

    [Alias("Leave")] Task Leave(string connectionId);

    /// <summary>
    /// A node re-announces every connection it holds in the session. Nodes that stop renewing are
    /// forgotten with their connections (a dead node's people leave the room); a reactivated grain
    /// learns its room again this way.
    /// </summary>
    [Alias("Renew")] Task Renew(string nodeKey, ISessionObserver node, IReadOnlyList<SessionConnection> connections);

    /// <summary>The group says someone's role changed or they left: everyone's view is refreshed (theirs may close).</summary>
    [Alias("MemberChanged")] Task MemberChanged(Guid userId);

    /// <summary>A facilitator removes someone from the live session at once; they cannot rejoin it.</summary>
    [Alias("Remove")] Task<SessionView> Remove(Guid actorId, Guid userId);

    [Alias("RaiseHand")] Task<SessionView> RaiseHand(Guid actorId, bool pointOfOrder);

    [Alias("LowerHand")] Task<SessionView> LowerHand(Guid actorId);

    /// <summary>Gives the floor to <paramref name="userId"/>, or (null) to the first in the queue.</summary>
    [Alias("GiveFloor")] Task<SessionView> GiveFloor(Guid actorId, Guid? userId);

    /// <summary>The speaker (or a facilitator) ends the current turn.</summary>
    [Alias("ClearFloor")] Task<SessionView> ClearFloor(Guid actorId);

    [Alias("AllowObserversInQueue")] Task<SessionView> AllowObserversInQueue(Guid actorId, bool allowed);

    /// <summary>Opens a consensus poll on the current item (on a thread: the thread's own poll).</summary>
    [Alias("OpenPoll")] Task<SessionView> OpenPoll(Guid actorId, string? question);

    [Alias("Vote")] Task<SessionView> Vote(Guid actorId, PollChoice choice);

    [Alias("ClosePoll")] Task<SessionView> ClosePoll(Guid actorId);

    [Alias("Ask")] Task<SessionView> Ask(Guid actorId, string text);

    [Alias("Upvote")] Task<SessionView> Upvote(Guid actorId, Guid questionId);

    /// <summary>A facilitator marks a question answered or dismissed (or open again).</summary>
    [Alias("MarkQuestion")] Task<SessionView> MarkQuestion(Guid actorId, Guid questionId, QuestionStatus status);

    /// <summary>A facilitator writes (or, empty, removes) a short note of the answer to an answered question; the minutes print it.</summary>
    [Alias("NoteAnswer")] Task<SessionView> NoteAnswer(Guid actorId, Guid questionId, string? note);

    [Alias("PinQuestion")] Task<SessionView> PinQuestion(Guid actorId, Guid questionId, bool pinned);

    /// <summary>A facilitator opens or closes the Q&amp;A (closed: no new questions or upvotes).</summary>
    [Alias("SetQuestionsOpen")] Task<SessionView> SetQuestionsOpen(Guid actorId, bool open);

    /// <summary>A facilitator stops the current item's countdown (its time left is kept until it resumes).</summary>
    [Alias("PauseItem")] Task<SessionView> PauseItem(Guid actorId);

    [Alias("ResumeItem")] Task<SessionView> ResumeItem(Guid actorId);

    /// <summary>A facilitator adds 1–240 minutes to the current item's time box.</summary>
    [Alias("ExtendItem")] Task<SessionView> ExtendItem(Guid actorId, int minutes);

    /// <summary>A facilitator sets how long one turn at the floor may last (10–3600 seconds), or removes the limit (null); shown to all, never enforced.</summary>
    [Alias("SetSpeakingLimit")] Task<SessionView> SetSpeakingLimit(Guid actorId, int? seconds);

    /// <summary>Gives each attendance recorded before organisations were entities its organisation's id (the organisations upgrade).</summary>
    [Alias("UpgradeOrganisations")] Task<int> UpgradeOrganisations();
}

/// <summary>
/// A node's link to a live session. The session only says that it changed; the node then reads
/// each of its people's own view, so nothing is ever sent to someone who may not see it.
/// </summary>
[Alias("Workspace.ISessionObserver")]
public interface ISessionObserver : IGrainObserver
{
    [OneWay, Alias("Changed")] Task Changed(Guid sessionId);
}

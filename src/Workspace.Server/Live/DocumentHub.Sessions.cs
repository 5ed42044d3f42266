using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Sessions;

namespace Workspace.Server.Live;

/// <summary>
/// Live sessions on the same connection as documents. Each call returns the caller's own view;
/// everyone else in the session receives theirs through <see cref="SessionFanOut"/>. The session
/// grain decides who may do what.
/// </summary>
public sealed partial class DocumentHub
{
    /// <summary>Enters a session (attendance once it is live); returns the caller's view. Call again after reconnecting.</summary>
    public Task<SessionView> JoinSession(Guid sessionId) => sessionFanOut.Join(Connection(), UserId, sessionId);

    public Task LeaveSession(Guid sessionId) => sessionFanOut.Leave(Connection(), sessionId);

    public Task<SessionView> StartSession(Guid sessionId) => Session(sessionId).Start(UserId);

    public Task<SessionView> EndSession(Guid sessionId) => Session(sessionId).End(UserId);

    public Task<SessionView> FocusItem(Guid sessionId, int index) => Session(sessionId).Focus(UserId, index);

    public Task<SessionView> RaiseHand(Guid sessionId, bool pointOfOrder) => Session(sessionId).RaiseHand(UserId, pointOfOrder);

    public Task<SessionView> LowerHand(Guid sessionId) => Session(sessionId).LowerHand(UserId);

    public Task<SessionView> GiveFloor(Guid sessionId, Guid? userId) => Session(sessionId).GiveFloor(UserId, userId);

    public Task<SessionView> ClearFloor(Guid sessionId) => Session(sessionId).ClearFloor(UserId);

    public Task<SessionView> AllowObserversInQueue(Guid sessionId, bool allowed) => Session(sessionId).AllowObserversInQueue(UserId, allowed);

    public Task<SessionView> OpenSessionPoll(Guid sessionId, string? question) => Session(sessionId).OpenPoll(UserId, question);

    public Task<SessionView> VoteInSession(Guid sessionId, PollChoice choice) => Session(sessionId).Vote(UserId, choice);

    public Task<SessionView> CloseSessionPoll(Guid sessionId) => Session(sessionId).ClosePoll(UserId);

    public Task<SessionView> AskQuestion(Guid sessionId, string text) => Session(sessionId).Ask(UserId, text ?? string.Empty);

    public Task<SessionView> UpvoteQuestion(Guid sessionId, Guid questionId) => Session(sessionId).Upvote(UserId, questionId);

    public Task<SessionView> MarkQuestion(Guid sessionId, Guid questionId, QuestionStatus status) => Session(sessionId).MarkQuestion(UserId, questionId, status);

    public Task<SessionView> PinQuestion(Guid sessionId, Guid questionId, bool pinned) => Session(sessionId).PinQuestion(UserId, questionId, pinned);

    public Task<SessionView> SetQuestionsOpen(Guid sessionId, bool open) => Session(sessionId).SetQuestionsOpen(UserId, open);

    public Task<SessionView> RemoveFromSession(Guid sessionId, Guid userId) => Session(sessionId).Remove(UserId, userId);

    private ISessionGrain Session(Guid sessionId) => grains.GetGrain<ISessionGrain>(sessionId);
}

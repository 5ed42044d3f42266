using Workspace.Contracts.Errors;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Sessions;

namespace Workspace.Server.Live;

/// <summary>
/// Live sessions on the same connection as documents. Each call returns the caller's own view;
/// everyone else in the session receives theirs through <see cref="SessionFanOut"/> (<see cref="ISessionClient"/>). The session
/// grain decides who may do what.
/// </summary>
public sealed partial class LiveHub
{
    /// <summary>Enters a session (attendance once it is live); returns the caller's view. Call again after reconnecting.</summary>
    public Task<SessionView> JoinSession(Guid sessionId) => sessionFanOut.Join(Connection(), UserId, sessionId);

    public Task LeaveSession(Guid sessionId) => sessionFanOut.Leave(Connection(), sessionId);

    public Task<SessionView> StartSession(Guid sessionId) => Act(() => Session(sessionId).Start(UserId));

    public Task<SessionView> EndSession(Guid sessionId) => Act(() => Session(sessionId).End(UserId));

    public Task<SessionView> FocusItem(Guid sessionId, int index) => Act(() => Session(sessionId).Focus(UserId, index));

    public Task<SessionView> RaiseHand(Guid sessionId, bool pointOfOrder) => Act(() => Session(sessionId).RaiseHand(UserId, pointOfOrder));

    public Task<SessionView> LowerHand(Guid sessionId) => Act(() => Session(sessionId).LowerHand(UserId));

    public Task<SessionView> GiveFloor(Guid sessionId, Guid? userId) => Act(() => Session(sessionId).GiveFloor(UserId, userId));

    public Task<SessionView> ClearFloor(Guid sessionId) => Act(() => Session(sessionId).ClearFloor(UserId));

    public Task<SessionView> AllowObserversInQueue(Guid sessionId, bool allowed) => Act(() => Session(sessionId).AllowObserversInQueue(UserId, allowed));

    public Task<SessionView> OpenSessionPoll(Guid sessionId, string? question) => Act(() => Session(sessionId).OpenPoll(UserId, question));

    public Task<SessionView> VoteInSession(Guid sessionId, PollChoice choice) => Act(() => Session(sessionId).Vote(UserId, choice));

    public Task<SessionView> CloseSessionPoll(Guid sessionId) => Act(() => Session(sessionId).ClosePoll(UserId));

    public Task<SessionView> AskQuestion(Guid sessionId, string text) => Act(() => Session(sessionId).Ask(UserId, text ?? string.Empty));

    public Task<SessionView> UpvoteQuestion(Guid sessionId, Guid questionId) => Act(() => Session(sessionId).Upvote(UserId, questionId));

    public Task<SessionView> MarkQuestion(Guid sessionId, Guid questionId, QuestionStatus status) => Act(() => Session(sessionId).MarkQuestion(UserId, questionId, status));

    public Task<SessionView> NoteAnswer(Guid sessionId, Guid questionId, string? note) => Act(() => Session(sessionId).NoteAnswer(UserId, questionId, note));

    public Task<SessionView> PinQuestion(Guid sessionId, Guid questionId, bool pinned) => Act(() => Session(sessionId).PinQuestion(UserId, questionId, pinned));

    public Task<SessionView> SetQuestionsOpen(Guid sessionId, bool open) => Act(() => Session(sessionId).SetQuestionsOpen(UserId, open));

    public Task<SessionView> RemoveFromSession(Guid sessionId, Guid userId) => Act(() => Session(sessionId).Remove(UserId, userId));

    public Task<SessionView> PauseItem(Guid sessionId) => Act(() => Session(sessionId).PauseItem(UserId));

    public Task<SessionView> ResumeItem(Guid sessionId) => Act(() => Session(sessionId).ResumeItem(UserId));

    public Task<SessionView> ExtendItem(Guid sessionId, int minutes) => Act(() => Session(sessionId).ExtendItem(UserId, minutes));

    /// <summary>Seconds one turn at the floor may last (10–3600), or null for no limit.</summary>
    public Task<SessionView> SetSpeakingLimit(Guid sessionId, int? seconds) => Act(() => Session(sessionId).SetSpeakingLimit(UserId, seconds));

    private ISessionGrain Session(Guid sessionId) => grains.GetGrain<ISessionGrain>(sessionId);

    private Task<SessionView> Act(Func<Task<SessionView>> action) =>
        Connection().Actions.TryTake() ? action() : throw RateLimited();
}

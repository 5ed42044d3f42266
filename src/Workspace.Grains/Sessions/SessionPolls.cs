using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Recommendations;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Sessions;

/// <summary>
/// The polls of a session and their count: one open poll at a time, on the current agenda item;
/// members and facilitators vote (a second vote replaces the first); closing freezes the count.
/// A poll on a recommendation is the thread's own: the thread keeps its votes, and this class keeps
/// only its record and, once closed, the count the thread gave. (Named apart from the contract
/// record <see cref="PollTally"/>, the count itself.)
/// </summary>
public sealed class SessionPolls(SessionState session)
{
    /// <summary>The agenda item a new poll goes on; refused without a current item or while another poll is open.</summary>
    public int ItemForNewPoll()
    {
        var index = session.CurrentItem ?? throw WorkspaceException.Conflict(ErrorCodes.NoCurrentItem);
        if (session.Polls.Any(p => p.ClosedAt is null))
        {
            throw WorkspaceException.Conflict(ErrorCodes.PollAlreadyOpen);
        }

        return index;
    }

    /// <summary>A poll the session holds itself; without a question of its own it asks the agenda item's title.</summary>
    public SessionPollRecord OpenOwn(int index, string? question, DateTimeOffset now)
    {
        var text = RecommendationValidation.Question(question);
        return Add(new SessionPollRecord(Guid.NewGuid(), index, null, text.Length == 0 ? session.Agenda[index].Title : text, now, null, [], null));
    }

    /// <summary>The record of a recommendation thread's poll opened from the session (the thread keeps its votes).</summary>
    public SessionPollRecord OpenOnThread(int index, Guid pollId, Guid recommendationId, string question, DateTimeOffset openedAt) =>
        Add(new SessionPollRecord(pollId, index, recommendationId, question, openedAt, null, [], null));

    private SessionPollRecord Add(SessionPollRecord poll)
    {
        session.Polls.Add(poll);
        return poll;
    }

    /// <summary>
    /// The poll a vote goes to: the latest one, if it is still open and the voter is a member or facilitator.
    /// Refusals, in this order: an unknown choice, no poll at all, an observer, a closed poll.
    /// </summary>
    public SessionPollRecord ForVote(GroupRole role, PollChoice choice)
    {
        new Validator().Check(Enum.IsDefined(choice), "choice", ErrorCodes.InvalidStatus).ThrowIfInvalid();
        var poll = session.Polls.LastOrDefault() ?? throw WorkspaceException.Conflict(ErrorCodes.NoOpenPoll);
        if (role < GroupRole.Member)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.MembersOnly);
        }

        if (poll.ClosedAt is not null)
        {
            throw WorkspaceException.Conflict(ErrorCodes.PollClosed);
        }

        return poll;
    }

    /// <summary>Records a vote on a poll the session holds; someone who votes again changes their vote, never counts twice.</summary>
    public static void Record(SessionPollRecord poll, Guid voterId, PollChoice choice) => poll.Votes[voterId] = choice;

    /// <summary>The poll a facilitator may close.</summary>
    public SessionPollRecord Open() =>
        session.Polls.LastOrDefault(p => p.ClosedAt is null) ?? throw WorkspaceException.Conflict(ErrorCodes.NoOpenPoll);

    /// <summary>The latest poll on the current item, open or closed.</summary>
    public SessionPollRecord? Current() =>
        session.CurrentItem is { } index ? session.Polls.LastOrDefault(p => p.Item == index) : null;

    /// <summary>Closes a poll with its final count: the session's own count, or the one its thread gave (none if the thread lost it).</summary>
    public void Close(SessionPollRecord poll, PollTally? threadTally, DateTimeOffset now) =>
        session.Polls[session.Polls.IndexOf(poll)] = poll with
        {
            ClosedAt = now,
            FinalTally = poll.RecommendationId is null ? Tally(poll.Votes.Values) : threadTally ?? Empty,
        };

    /// <summary>The count of a poll the session holds: final once closed, running while open.</summary>
    public static PollTally CountOf(SessionPollRecord poll) => poll.FinalTally ?? Tally(poll.Votes.Values);

    public static PollTally Empty { get; } = new(0, 0, 0, 0);

    public static PollTally Tally(IEnumerable<PollChoice> votes)
    {
        var all = votes.ToArray();
        return new PollTally(
            all.Count(v => v == PollChoice.Agree), all.Count(v => v == PollChoice.Abstain),
            all.Count(v => v == PollChoice.Disagree), all.Count(v => v == PollChoice.Block));
    }
}

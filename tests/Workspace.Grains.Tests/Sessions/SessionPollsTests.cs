using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Sessions;

namespace Workspace.Grains.Tests.Sessions;

/// <summary>Opening, voting on, closing and counting a session's polls without a cluster.</summary>
public sealed class SessionPollsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly SessionState _session = new()
    {
        Exists = true,
        Status = SessionStatus.Live,
        Agenda =
        [
            new AgendaItemRecord(Guid.NewGuid(), "Budget", AgendaTarget.Document, Guid.NewGuid(), 10),
            new AgendaItemRecord(Guid.NewGuid(), "Water access", AgendaTarget.Recommendation, Guid.NewGuid(), 10),
        ],
        CurrentItem = 0,
    };

    private SessionPolls Polls => new(_session);

    [Fact]
    public void A_poll_goes_on_the_current_item_and_asks_its_title_unless_given_a_question()
    {
        var poll = Polls.OpenOwn(Polls.ItemForNewPoll(), null, Now);
        Assert.Equal((0, "Budget", (Guid?)null), (poll.Item, poll.Question, poll.RecommendationId));
        Assert.Same(poll, Polls.Current());
        Polls.Close(poll, null, Now);

        var asked = Polls.OpenOwn(Polls.ItemForNewPoll(), "  Shall we cut it?  ", Now);
        Assert.Equal("Shall we cut it?", asked.Question);
        Assert.Equal(2, _session.Polls.Count);
    }

    [Fact]
    public void No_poll_without_a_current_item_and_never_two_open_at_once()
    {
        _session.CurrentItem = null;
        Refused(ErrorKind.Conflict, ErrorCodes.NoCurrentItem, () => Polls.ItemForNewPoll());

        _session.CurrentItem = 0;
        Polls.OpenOwn(Polls.ItemForNewPoll(), null, Now);
        Refused(ErrorKind.Conflict, ErrorCodes.PollAlreadyOpen, () => Polls.ItemForNewPoll());

        // Not on another item either, while the first is open.
        _session.CurrentItem = 1;
        Refused(ErrorKind.Conflict, ErrorCodes.PollAlreadyOpen, () => Polls.ItemForNewPoll());
    }

    [Fact]
    public void A_question_that_is_too_long_is_refused_and_nothing_is_opened()
    {
        var e = Assert.Throws<WorkspaceException>(() => Polls.OpenOwn(0, new string('x', 10_000), Now));
        Assert.Equal(ErrorKind.Validation, e.Kind);
        Assert.Contains(e.FieldErrors, f => f.Field == "question");
        Assert.Empty(_session.Polls);
    }

    [Fact]
    public void Members_and_facilitators_vote_and_a_second_vote_replaces_the_first()
    {
        var poll = Polls.OpenOwn(0, null, Now);
        var (alice, bob, carol) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        SessionPolls.Record(Polls.ForVote(GroupRole.Member, PollChoice.Agree), alice, PollChoice.Agree);
        SessionPolls.Record(Polls.ForVote(GroupRole.Facilitator, PollChoice.Block), bob, PollChoice.Block);
        SessionPolls.Record(Polls.ForVote(GroupRole.Member, PollChoice.Disagree), carol, PollChoice.Disagree);
        SessionPolls.Record(Polls.ForVote(GroupRole.Member, PollChoice.Abstain), alice, PollChoice.Abstain);

        Assert.Equal(new PollTally(0, 1, 1, 1), SessionPolls.CountOf(poll));
        Assert.Equal(3, SessionPolls.CountOf(poll).Total);
    }

    [Fact]
    public void An_observer_may_not_vote()
    {
        Polls.OpenOwn(0, null, Now);
        Refused(ErrorKind.Forbidden, ErrorCodes.MembersOnly, () => Polls.ForVote(GroupRole.Observer, PollChoice.Agree));
    }

    [Fact]
    public void Vote_refusals_come_in_order_choice_then_poll_then_role_then_closed()
    {
        var e = Assert.Throws<WorkspaceException>(() => Polls.ForVote(GroupRole.Observer, (PollChoice)9));
        Assert.Equal(ErrorKind.Validation, e.Kind);
        Assert.Contains(e.FieldErrors, f => f.Field == "choice" && f.Code == ErrorCodes.InvalidStatus);

        Refused(ErrorKind.Conflict, ErrorCodes.NoOpenPoll, () => Polls.ForVote(GroupRole.Observer, PollChoice.Agree));

        Polls.Close(Polls.OpenOwn(0, null, Now), null, Now);
        Refused(ErrorKind.Forbidden, ErrorCodes.MembersOnly, () => Polls.ForVote(GroupRole.Observer, PollChoice.Agree));
        Refused(ErrorKind.Conflict, ErrorCodes.PollClosed, () => Polls.ForVote(GroupRole.Member, PollChoice.Agree));
    }

    [Fact]
    public void Closing_freezes_the_count_and_later_votes_cannot_change_it()
    {
        var voter = Guid.NewGuid();
        var poll = Polls.OpenOwn(0, null, Now);
        SessionPolls.Record(poll, voter, PollChoice.Agree);
        Assert.Same(poll, Polls.Open());

        Polls.Close(poll, null, Now.AddMinutes(2));
        var closed = _session.Polls.Single();
        Assert.Equal((Now.AddMinutes(2), new PollTally(1, 0, 0, 0)), (closed.ClosedAt, closed.FinalTally));
        Refused(ErrorKind.Conflict, ErrorCodes.NoOpenPoll, () => Polls.Open());

        // Even if a vote reached the record, the closed count is the one shown.
        closed.Votes[Guid.NewGuid()] = PollChoice.Block;
        Assert.Equal(new PollTally(1, 0, 0, 0), SessionPolls.CountOf(closed));
    }

    [Fact]
    public void A_poll_on_a_recommendation_keeps_the_threads_count_or_none_if_the_thread_has_none()
    {
        _session.CurrentItem = 1;
        var threadPoll = Guid.NewGuid();
        var recommendation = _session.Agenda[1].TargetId;
        var poll = Polls.OpenOnThread(Polls.ItemForNewPoll(), threadPoll, recommendation, "Adopt?", Now);
        Assert.Equal((threadPoll, recommendation, 1), (poll.Id, poll.RecommendationId, poll.Item));

        // Votes the session might hold for it do not count: the thread keeps them.
        poll.Votes[Guid.NewGuid()] = PollChoice.Agree;
        Polls.Close(poll, new PollTally(3, 1, 0, 0), Now);
        Assert.Equal(new PollTally(3, 1, 0, 0), _session.Polls.Single().FinalTally);

        var lost = Polls.OpenOnThread(Polls.ItemForNewPoll(), Guid.NewGuid(), recommendation, "Again?", Now);
        Polls.Close(lost, null, Now);
        Assert.Equal(SessionPolls.Empty, _session.Polls[1].FinalTally);
    }

    [Fact]
    public void The_current_poll_is_the_latest_on_the_current_item_open_or_closed()
    {
        Assert.Null(Polls.Current());
        var first = Polls.OpenOwn(0, "first", Now);
        Polls.Close(first, null, Now);
        var second = Polls.OpenOwn(0, "second", Now);
        Assert.Same(second, Polls.Current());
        Polls.Close(second, null, Now);
        Assert.Equal("second", Polls.Current()!.Question);

        _session.CurrentItem = 1;
        Assert.Null(Polls.Current());
        _session.CurrentItem = null;
        Assert.Null(Polls.Current());
    }

    [Fact]
    public void Votes_go_to_the_latest_poll_even_after_the_facilitator_moved_on_to_another_item()
    {
        var poll = Polls.OpenOwn(0, null, Now);
        _session.CurrentItem = 1;
        Assert.Same(poll, Polls.ForVote(GroupRole.Member, PollChoice.Agree));
    }

    [Fact]
    public void The_tally_counts_each_choice()
    {
        Assert.Equal(new PollTally(0, 0, 0, 0), SessionPolls.Tally([]));
        Assert.Equal(new PollTally(2, 1, 0, 3), SessionPolls.Tally(
            [PollChoice.Block, PollChoice.Agree, PollChoice.Abstain, PollChoice.Block, PollChoice.Agree, PollChoice.Block]));
    }

    private static void Refused(ErrorKind kind, string code, Action act)
    {
        var e = Assert.Throws<WorkspaceException>(act);
        Assert.Equal((kind, code), (e.Kind, e.Code));
    }
}

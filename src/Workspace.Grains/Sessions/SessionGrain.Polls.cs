using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Recommendations;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Sessions;

/// <summary>Polls on the current agenda item and the session's Q&amp;A.</summary>
public sealed partial class SessionGrain
{
    public async Task<SessionView> OpenPoll(Guid actorId, string? question)
    {
        var actor = await Facilitator(actorId);
        RequireLive();
        var index = Polls.ItemForNewPoll();
        var item = S.Agenda[index];
        if (item.Target == AgendaTarget.Recommendation)
        {
            // The thread's own consensus poll: it validates, refuses a second open poll and keeps the votes.
            var thread = await Recommendation(item.TargetId).OpenPoll(actorId, question);
            var opened = thread.Polls.Last(p => p.Open);
            Polls.OpenOnThread(index, opened.Id, item.TargetId, opened.Question, opened.OpenedAt);
        }
        else
        {
            Polls.OpenOwn(index, question, clock.GetUtcNow());
        }

        await Save();
        return await View(actor);
    }

    public async Task<SessionView> Vote(Guid actorId, PollChoice choice)
    {
        var actor = await Reader(actorId);
        RequireLive();
        var poll = Polls.ForVote(actor.Role, choice);
        if (poll.RecommendationId is { } recommendationId)
        {
            await Recommendation(recommendationId).Vote(actorId, poll.Id, choice, null);
            Announce();
        }
        else
        {
            SessionPolls.Record(poll, actorId, choice);
            await Save();
        }

        return await View(actor);
    }

    public async Task<SessionView> ClosePoll(Guid actorId)
    {
        var actor = await Facilitator(actorId);
        RequireLive();
        await ClosePollRecord(actor, Polls.Open());
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> Ask(Guid actorId, string text)
    {
        var actor = await Reader(actorId);
        RequireLive();
        RequireQuestionsOpen();
        new Validator().Line("text", text, Limits.QuestionMax).ThrowIfInvalid();
        S.Questions.Add(new QuestionRecord(Guid.NewGuid(), Person(actor), actor.Role, Normalise.Text(text), clock.GetUtcNow(), [], QuestionStatus.Open, false));
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> Upvote(Guid actorId, Guid questionId)
    {
        var actor = await Reader(actorId);
        RequireLive();
        RequireQuestionsOpen();
        var question = QuestionOf(questionId);
        if (question.Author.Id == actorId)
        {
            throw WorkspaceException.Conflict(ErrorCodes.QuestionOwn);
        }

        if (!question.Upvoters.Add(actorId))
        {
            throw WorkspaceException.Conflict(ErrorCodes.QuestionAlreadyUpvoted);
        }

        await Save();
        return await View(actor);
    }

    public async Task<SessionView> MarkQuestion(Guid actorId, Guid questionId, QuestionStatus status)
    {
        var actor = await Facilitator(actorId);
        new Validator().Check(Enum.IsDefined(status), "status", ErrorCodes.InvalidStatus).ThrowIfInvalid();
        var question = QuestionOf(questionId);
        // The minutes list an answered question under the item under way when it was marked.
        Replace(question, question with
        {
            Status = status,
            Pinned = status == QuestionStatus.Open && question.Pinned,
            AnsweredDuring = status == QuestionStatus.Answered ? S.CurrentItem : null,
            AnswerNote = status == QuestionStatus.Answered ? question.AnswerNote : null,
        });
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> NoteAnswer(Guid actorId, Guid questionId, string? note)
    {
        var actor = await Facilitator(actorId);
        new Validator().Text("note", note, Limits.QuestionMax, required: false).ThrowIfInvalid();
        var question = QuestionOf(questionId);
        if (question.Status != QuestionStatus.Answered)
        {
            throw WorkspaceException.Conflict(ErrorCodes.QuestionNotAnswered);
        }

        var text = Normalise.Text(note);
        Replace(question, question with { AnswerNote = text.Length == 0 ? null : text });
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> PinQuestion(Guid actorId, Guid questionId, bool pinned)
    {
        var actor = await Facilitator(actorId);
        var question = QuestionOf(questionId);
        Replace(question, question with { Pinned = pinned });
        await Save();
        return await View(actor);
    }

    public async Task<SessionView> SetQuestionsOpen(Guid actorId, bool open)
    {
        var actor = await Facilitator(actorId);
        S.QuestionsClosed = !open;
        await Save();
        return await View(actor);
    }

    private SessionPolls Polls => new(S);

    /// <summary>The latest poll on the current item, open or closed.</summary>
    private SessionPollRecord? CurrentPoll() => Polls.Current();

    /// <summary>Closes a poll; a thread's poll is closed on the thread first, and its count is the thread's.</summary>
    private async Task ClosePollRecord(GroupMemberAccess actor, SessionPollRecord poll)
    {
        PollTally? threadTally = null;
        if (poll.RecommendationId is { } recommendationId)
        {
            var thread = await Recommendation(recommendationId).Get(actor.UserId);
            var held = thread.Polls.FirstOrDefault(p => p.Id == poll.Id);
            if (held is { Open: true })
            {
                thread = await Recommendation(recommendationId).ClosePoll(actor.UserId, poll.Id);
                held = thread.Polls.First(p => p.Id == poll.Id);
            }

            threadTally = held?.Tally;
        }

        Polls.Close(poll, threadTally, clock.GetUtcNow());
    }

    /// <summary>A poll as one reader sees it; a thread's open poll is read from the thread, so votes cast there count too.</summary>
    private async Task<SessionPollView> PollView(SessionPollRecord poll, GroupMemberAccess reader)
    {
        if (poll.RecommendationId is { } recommendationId)
        {
            var held = (await Recommendation(recommendationId).Get(reader.UserId)).Polls.FirstOrDefault(p => p.Id == poll.Id);
            return new SessionPollView(poll.Id, poll.Item, recommendationId, poll.Question, poll.ClosedAt is null && held is { Open: true },
                poll.FinalTally ?? held?.Tally ?? SessionPolls.Empty, held?.MyChoice);
        }

        return new SessionPollView(poll.Id, poll.Item, null, poll.Question, poll.ClosedAt is null,
            SessionPolls.CountOf(poll), poll.Votes.TryGetValue(reader.UserId, out var mine) ? mine : null);
    }

    /// <summary>Pinned first, then open questions by upvotes (earliest first on a tie), then answered and dismissed ones.</summary>
    private IEnumerable<QuestionRecord> OrderedQuestions() =>
        S.Questions.OrderByDescending(q => q.Pinned).ThenBy(q => q.Status).ThenByDescending(q => q.Upvoters.Count).ThenBy(q => q.At);

    private static QuestionView Question(QuestionRecord q, Disclosure disclosure, Guid readerId) =>
        new(q.Id, P(q.Author, disclosure), q.AuthorRole, q.Text, q.At, q.Upvoters.Count, q.Upvoters.Contains(readerId), q.Author.Id == readerId, q.Status, q.Pinned, q.AnswerNote);

    private QuestionRecord QuestionOf(Guid questionId) =>
        S.Questions.FirstOrDefault(q => q.Id == questionId) ?? throw WorkspaceException.NotFound(ErrorCodes.QuestionNotFound);

    private void Replace(QuestionRecord before, QuestionRecord after) => S.Questions[S.Questions.IndexOf(before)] = after;

    private void RequireQuestionsOpen()
    {
        if (S.QuestionsClosed)
        {
            throw WorkspaceException.Conflict(ErrorCodes.QuestionsClosed);
        }
    }

    private IRecommendationGrain Recommendation(Guid id) => GrainFactory.GetGrain<IRecommendationGrain>(id);
}

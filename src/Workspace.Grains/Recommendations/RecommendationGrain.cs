using Microsoft.Extensions.Options;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Grains.Groups;
using Workspace.Grains.Organisations;

namespace Workspace.Grains.Recommendations;

/// <summary>
/// The authority for one recommendation thread. Who someone is comes from the group on every
/// call; what they may do, and which transition is legal, is decided here. The body is a live
/// document of its own; this grain freezes it at adoption and changes it afterwards only by
/// applying accepted amendments.
/// </summary>
public sealed partial class RecommendationGrain(
    [PersistentState("recommendation", StorageNames.Default)] IPersistentState<RecommendationState> state,
    IOptions<RecommendationOptions> options,
    TimeProvider clock) : Grain, IRecommendationGrain, IRemindable
{
    public const string ReviewReminder = "follow-up-review";

    private RecommendationState S => state.State;

    private Guid RecommendationId => this.GetPrimaryKey();

    public async Task Initialise(RecommendationSetup setup)
    {
        if (S.Exists)
        {
            throw WorkspaceException.Conflict(ErrorCodes.GroupAlreadyExists);
        }

        S.Exists = true;
        S.GroupId = setup.GroupId;
        S.BodyId = setup.BodyId;
        S.Facts = setup.Facts;
        S.Status = RecommendationStatus.Draft;
        S.CreatedBy = new Person(setup.CreatedBy, setup.CreatedByName, setup.CreatedByOrganisation);
        S.CreatedAt = S.UpdatedAt = setup.CreatedAt;
        await state.WriteStateAsync();
    }

    public async Task<RecommendationView> Get(Guid actorId) => await View(await Reader(actorId));

    public async Task<RecommendationView> UpdateFacts(Guid actorId, RecommendationFacts facts)
    {
        var actor = await Participant(actorId);
        RequireOpen();
        var clean = RecommendationValidation.Clean(facts);
        if (S.Status == RecommendationStatus.Adopted && actor.Role != GroupRole.Facilitator)
        {
            throw new WorkspaceException(ErrorKind.Locked, ErrorCodes.RecommendationAdopted);
        }

        if (clean.Visibility != S.Facts.Visibility && actor.Role != GroupRole.Facilitator)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.FacilitatorOnly);
        }

        S.Facts = clean;
        return await Changed(actor, RecommendationChange.Updated);
    }

    public async Task<RecommendationView> Transition(Guid actorId, RecommendationStatus to)
    {
        var actor = await Participant(actorId);
        if (!Enum.IsDefined(to))
        {
            throw WorkspaceException.Invalid([new FieldError("status", ErrorCodes.InvalidStatus)]);
        }

        var from = S.Status;
        if (!Lifecycle.IsLegal(from, to))
        {
            throw WorkspaceException.Conflict(ErrorCodes.TransitionIllegal);
        }

        if (Lifecycle.NeedsFacilitator(from, to) && actor.Role != GroupRole.Facilitator)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.TransitionFacilitatorOnly);
        }

        var now = clock.GetUtcNow();
        var person = Person(actor);
        if (to is RecommendationStatus.Adopted or RecommendationStatus.Withdrawn)
        {
            // An open poll closes with the decision; the last poll's result is part of an adoption's record.
            var poll = S.Polls.LastOrDefault();
            if (poll is { ClosedAt: null })
            {
                ReplacePoll(poll with { ClosedAt = now });
            }

            if (to == RecommendationStatus.Adopted)
            {
                S.Adoption = new AdoptionRecord(person, now, poll is null ? null : Tally(poll));
            }
        }

        S.Status = to;
        S.Transitions.Add(new TransitionRecord(from, to, person, now));
        return await Changed(actor, RecommendationChange.Status);
    }

    public async Task<RecommendationView> AddComment(Guid actorId, Guid? parentId, string markdown)
    {
        var actor = await Participant(actorId);
        RequireOpen();
        var text = RecommendationValidation.Comment(markdown);
        if (parentId is { } parent && S.Comments.All(c => c.Id != parent))
        {
            throw WorkspaceException.NotFound(ErrorCodes.CommentNotFound);
        }

        S.Comments.Add(new CommentRecord(Guid.NewGuid(), parentId, Person(actor), text, clock.GetUtcNow(), null, false, null, null));
        return await Changed(actor, RecommendationChange.Comment);
    }

    public async Task<RecommendationView> EditComment(Guid actorId, Guid commentId, string markdown)
    {
        var actor = await Participant(actorId);
        var comment = OwnComment(actor, commentId);
        var text = RecommendationValidation.Comment(markdown);
        ReplaceComment(comment with { Markdown = text, EditedAt = clock.GetUtcNow() });
        return await Changed(actor, RecommendationChange.Comment);
    }

    public async Task<RecommendationView> DeleteComment(Guid actorId, Guid commentId)
    {
        var actor = await Participant(actorId);
        var comment = OwnComment(actor, commentId);
        ReplaceComment(comment with { Markdown = string.Empty, Deleted = true, EditedAt = clock.GetUtcNow() });
        return await Changed(actor, RecommendationChange.Comment);
    }

    public async Task<RecommendationView> HideComment(Guid actorId, Guid commentId, string reason)
    {
        var actor = await Facilitator(actorId);
        var comment = Comment(commentId);
        var why = RecommendationValidation.Reason("reason", reason, required: true);
        ReplaceComment(comment with { HiddenBy = Person(actor), HiddenReason = why });
        return await Changed(actor, RecommendationChange.Comment);
    }

    public async Task<RecommendationView> ProposeAmendment(Guid actorId, AmendmentProposal proposal)
    {
        var actor = await Participant(actorId);
        RequireOpen();
        RecommendationValidation.Check(proposal);
        // The text around the range as it was then: readers see the amendment in its sentence, even once the body moved on.
        var around = await Body.ReadAround(new RangeAt(proposal.Revision, proposal.From, proposal.To), AmendmentContext);
        var original = around.Text;
        if (original == proposal.Replacement)
        {
            throw WorkspaceException.Invalid([new FieldError("replacement", ErrorCodes.AmendmentNoChange)]);
        }

        S.Amendments.Add(new AmendmentRecord(
            Guid.NewGuid(), Person(actor), clock.GetUtcNow(), proposal.Revision, proposal.From, proposal.To,
            original, proposal.Replacement, proposal.Reason.Trim(), AmendmentStatus.Open, null, null, null, null, around.Before, around.After));
        return await Changed(actor, RecommendationChange.Amendment);
    }

    public async Task<RecommendationView> AcceptAmendment(Guid actorId, Guid amendmentId)
    {
        var actor = await Facilitator(actorId);
        RequireOpen();
        var amendment = OpenAmendment(amendmentId);

        // Applied to the body as an operation by its proposer; refused, changing nothing, if its text was edited since.
        var revision = await Body.ApplyAmendment(
            amendment.Id, amendment.ProposedBy.Id, new RangeAt(amendment.Revision, amendment.From, amendment.To), amendment.Replacement);
        ReplaceAmendment(amendment with
        {
            Status = AmendmentStatus.Accepted, DecidedBy = Person(actor), DecidedAt = clock.GetUtcNow(), AppliedRevision = revision,
        });
        return await Changed(actor, RecommendationChange.Amendment);
    }

    public async Task<RecommendationView> RejectAmendment(Guid actorId, Guid amendmentId, string reason)
    {
        var actor = await Facilitator(actorId);
        var amendment = OpenAmendment(amendmentId);
        var why = RecommendationValidation.Reason("reason", reason, required: true);
        ReplaceAmendment(amendment with
        {
            Status = AmendmentStatus.Rejected, DecidedBy = Person(actor), DecidedAt = clock.GetUtcNow(), DecisionReason = why,
        });
        return await Changed(actor, RecommendationChange.Amendment);
    }

    public async Task<RecommendationView> SetStance(Guid actorId, Stance stance, string? note)
    {
        var actor = await Participant(actorId);
        RequireOpen();
        var clean = RecommendationValidation.Note(note);
        new Validation.Validator().Check(Enum.IsDefined(stance), "stance", ErrorCodes.InvalidStatus).ThrowIfInvalid();
        var organisation = await SpeakingFor.Require(GrainFactory, actorId);
        S.Stances.Add(new StanceRecord(
            organisation.Name, stance, clean, Person(actor) with { Organisation = organisation.Name }, clock.GetUtcNow(), organisation.OrganisationId));
        return await Changed(actor, RecommendationChange.Stance);
    }

    public async Task<RecommendationView> OpenPoll(Guid actorId, string? question)
    {
        var actor = await Facilitator(actorId);
        RequireOpen();
        var text = RecommendationValidation.Question(question);
        if (S.Status == RecommendationStatus.Adopted)
        {
            throw new WorkspaceException(ErrorKind.Locked, ErrorCodes.RecommendationAdopted);
        }

        if (S.Polls.Any(p => p.ClosedAt is null))
        {
            throw WorkspaceException.Conflict(ErrorCodes.PollAlreadyOpen);
        }

        S.Polls.Add(new PollRecord(Guid.NewGuid(), text, Person(actor), clock.GetUtcNow(), null, []));
        return await Changed(actor, RecommendationChange.Poll);
    }

    public async Task<RecommendationView> Vote(Guid actorId, Guid pollId, PollChoice choice, string? reason)
    {
        var actor = await Participant(actorId);
        RequireOpen();
        var poll = Poll(pollId);
        var why = RecommendationValidation.Reason("reason", reason, required: false);
        new Validation.Validator().Check(Enum.IsDefined(choice), "choice", ErrorCodes.InvalidStatus).ThrowIfInvalid();
        if (poll.ClosedAt is not null)
        {
            throw WorkspaceException.Conflict(ErrorCodes.PollClosed);
        }

        poll.Votes[actor.UserId] = new VoteRecord(Person(actor), choice, why.Length == 0 ? null : why, clock.GetUtcNow());
        return await Changed(actor, RecommendationChange.Poll);
    }

    public async Task<RecommendationView> ClosePoll(Guid actorId, Guid pollId)
    {
        var actor = await Facilitator(actorId);
        var poll = Poll(pollId);
        if (poll.ClosedAt is not null)
        {
            throw WorkspaceException.Conflict(ErrorCodes.PollClosed);
        }

        ReplacePoll(poll with { ClosedAt = clock.GetUtcNow() });
        return await Changed(actor, RecommendationChange.Poll);
    }

    public async Task<RecommendationView> ReportFollowUp(Guid actorId, FollowUpReport report)
    {
        var actor = await Participant(actorId);
        RequireAdopted();
        var now = clock.GetUtcNow();

        // A day's grace for reporters in time zones ahead of UTC.
        var clean = RecommendationValidation.Clean(report, S.Facts.Countries, DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)));
        S.FollowUp.Add(new FollowUpRecord(Guid.NewGuid(), clean.Country, clean.Status, clean.Date, clean.Note, clean.Evidence, Person(actor), now));
        return await Changed(actor, RecommendationChange.FollowUp);
    }

    public async Task<RecommendationView> SetReviewDate(Guid actorId, DateOnly? reviewDate)
    {
        var actor = await Facilitator(actorId);
        RequireAdopted();
        S.ReviewDate = reviewDate;
        if (reviewDate is null)
        {
            await StopReminder();
        }
        else
        {
            // Checked every period from now (the first check soon), so a date already past is reminded at once.
            var period = options.Value.ReviewCheckPeriod;
            await this.RegisterOrUpdateReminder(ReviewReminder, TimeSpan.FromSeconds(Math.Min(1, period.TotalSeconds)), period);
        }

        return await Changed(actor, RecommendationChange.FollowUp);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReviewReminder)
        {
            return;
        }

        if (!S.Exists || S.ReviewDate is not { } review || S.Status != RecommendationStatus.Adopted)
        {
            await StopReminder();
            return;
        }

        var now = clock.GetUtcNow();
        if (DateOnly.FromDateTime(now.UtcDateTime) < review)
        {
            return;
        }

        if (S.Reminders.All(r => r.ReviewDate != review))
        {
            // Due: the countries not implemented yet and with no update since the review date.
            var due = S.Facts.Countries
                .Where(c => CurrentStatus(c) != FollowUpStatus.Implemented && !S.FollowUp.Any(f => f.Country == c && f.Date >= review))
                .ToArray();
            S.Reminders.Add(new ReminderRecord(review, now, due));
            await Publish(RecommendationChange.Reminder, null);
        }

        await StopReminder();
    }

    private async Task StopReminder()
    {
        if (await this.GetReminder(ReviewReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Stores the change, tells the group (board, body document, live updates) and returns the actor's new view.</summary>
    private async Task<RecommendationView> Changed(GroupMemberAccess actor, RecommendationChange change)
    {
        await Publish(change, Person(actor));
        return await View(actor);
    }

    private async Task Publish(RecommendationChange change, Person? by)
    {
        S.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        await Group.RecommendationChanged(Summary(), change, by?.Id ?? Guid.Empty, by?.Name ?? string.Empty);
    }

    private RecommendationSummary Summary()
    {
        var followUp = S.Status == RecommendationStatus.Adopted
            ? S.Facts.Countries.ToDictionary(c => c, CurrentStatus)
            : new Dictionary<string, FollowUpStatus>();
        var lastReminder = S.Reminders.LastOrDefault();
        var due = lastReminder is not null && lastReminder.ReviewDate == S.ReviewDate
            && lastReminder.Countries.Any(c => !S.FollowUp.Any(f => f.Country == c && f.RecordedAt >= lastReminder.RemindedAt));
        return new RecommendationSummary(
            RecommendationId, S.GroupId, S.BodyId, S.Facts, S.Status, S.CreatedAt, S.UpdatedAt, followUp, S.ReviewDate, due);
    }

    /// <summary>A country's status: that of its latest-dated update (the later recorded one on the same date).</summary>
    private FollowUpStatus CurrentStatus(string country) =>
        S.FollowUp.Where(f => f.Country == country).OrderBy(f => f.Date).ThenBy(f => f.RecordedAt).LastOrDefault()?.Status
        ?? FollowUpStatus.NotStarted;

    private async Task<RecommendationView> View(GroupMemberAccess reader)
    {
        var disclosure = reader.Disclosure;
        PersonView P(Person p) => disclosure.Person(p.Id, p.Name, p.Organisation);

        var open = S.Amendments.Where(a => a.Status == AmendmentStatus.Open).ToArray();
        var mapped = open.Length == 0
            ? []
            : await Body.MapRanges(open.Select(a => new RangeAt(a.Revision, a.From, a.To)).ToArray());
        var outdated = open.Zip(mapped).Where(p => p.Second.Touched).Select(p => p.First.Id).ToHashSet();

        var latestStances = LatestStances.Of(S.Stances, await SpeakingFor.Names(GrainFactory, S.Stances.Select(s => s.OrganisationId)));

        var facilitator = reader.Role == GroupRole.Facilitator;
        return new RecommendationView(
            Summary(),
            P(S.CreatedBy),
            S.Transitions.Select(t => new TransitionView(t.From, t.To, P(t.By), t.At)).ToArray(),
            S.Adoption is { } adoption ? new AdoptionView(P(adoption.By), adoption.At, adoption.Poll) : null,
            S.Comments.Select(c => new CommentView(
                c.Id, c.ParentId, P(c.Author),
                c.Deleted || (c.HiddenBy is not null && !facilitator) ? null : c.Markdown,
                c.At, c.EditedAt, c.Deleted, c.HiddenBy is not null, c.HiddenReason,
                c.Author.Id == reader.UserId)).ToArray(),
            S.Amendments.Select(a => new AmendmentView(
                a.Id, P(a.ProposedBy), a.At, a.Revision, a.From, a.To, a.Original, a.Replacement, a.Reason, a.Status,
                outdated.Contains(a.Id), a.DecidedBy is null ? null : P(a.DecidedBy), a.DecidedAt, a.DecisionReason, a.AppliedRevision,
                a.ContextBefore, a.ContextAfter)).ToArray(),
            latestStances.Select(s => new StanceView(s.Organisation, s.Stance, s.Note, P(s.By), s.At, s.OrganisationId)).ToArray(),
            new StanceTally(
                latestStances.Count(s => s.Stance == Stance.Support),
                latestStances.Count(s => s.Stance == Stance.SupportWithReservations),
                latestStances.Count(s => s.Stance == Stance.Oppose)),
            S.Polls.Select(p => new PollView(
                p.Id, p.Question, p.OpenedAt, p.ClosedAt, Tally(p),
                p.Votes.Values.OrderBy(v => v.At).Select(v => new VoteView(P(v.By), v.Choice, v.Reason, v.At)).ToArray(),
                p.Votes.TryGetValue(reader.UserId, out var mine) ? mine.Choice : null)).ToArray(),
            S.Facts.Countries.Select(c => new CountryFollowUpView(
                c, CurrentStatus(c),
                S.FollowUp.Where(f => f.Country == c).OrderByDescending(f => f.Date).ThenByDescending(f => f.RecordedAt)
                    .Select(f => new FollowUpUpdateView(f.Id, f.Status, f.Date, f.Note, f.Evidence, P(f.ReportedBy), f.RecordedAt)).ToArray()))
                .ToArray(),
            facilitator || reader.Role == GroupRole.Member
                ? S.Reminders.Select(r => new FollowUpReminderView(r.ReviewDate, r.RemindedAt, r.Countries)).ToArray()
                : [],
            reader.Role,
            Lifecycle.Targets(S.Status).Where(t => reader.Role == GroupRole.Facilitator || (reader.Role == GroupRole.Member && !Lifecycle.NeedsFacilitator(S.Status, t))).ToArray());
    }

    private static PollTally Tally(PollRecord poll) => new(
        poll.Votes.Values.Count(v => v.Choice == PollChoice.Agree),
        poll.Votes.Values.Count(v => v.Choice == PollChoice.Abstain),
        poll.Votes.Values.Count(v => v.Choice == PollChoice.Disagree),
        poll.Votes.Values.Count(v => v.Choice == PollChoice.Block));

    /// <summary>Anyone in the group who may see this recommendation; to anyone else it does not exist.</summary>
    private async Task<GroupMemberAccess> Reader(Guid actorId)
    {
        var notFound = WorkspaceException.NotFound(ErrorCodes.RecommendationNotFound);
        if (!S.Exists)
        {
            throw notFound;
        }

        var access = await GroupAccess.Of(Group, actorId, ErrorCodes.RecommendationNotFound);
        return GroupPolicy.MayRead(S.Facts, access.Role) ? access : throw notFound;
    }

    /// <summary>Members and facilitators: observers follow, they do not draft, endorse or vote.</summary>
    private async Task<GroupMemberAccess> Participant(Guid actorId)
    {
        var access = await Reader(actorId);
        return access.Role >= GroupRole.Member ? access : throw WorkspaceException.Forbidden(ErrorCodes.MembersOnly);
    }

    private async Task<GroupMemberAccess> Facilitator(Guid actorId) => (await Reader(actorId)).RequireFacilitator();

    private void RequireOpen()
    {
        if (S.Status == RecommendationStatus.Withdrawn)
        {
            throw WorkspaceException.Conflict(ErrorCodes.RecommendationClosed);
        }
    }

    private void RequireAdopted()
    {
        if (S.Status != RecommendationStatus.Adopted)
        {
            throw WorkspaceException.Conflict(ErrorCodes.FollowUpNotAdopted);
        }
    }

    private CommentRecord Comment(Guid commentId) =>
        S.Comments.FirstOrDefault(c => c.Id == commentId) ?? throw WorkspaceException.NotFound(ErrorCodes.CommentNotFound);

    private CommentRecord OwnComment(GroupMemberAccess actor, Guid commentId)
    {
        var comment = Comment(commentId);
        if (comment.Author.Id != actor.UserId)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.CommentNotYours);
        }

        return comment.Deleted ? throw WorkspaceException.Conflict(ErrorCodes.CommentDeleted) : comment;
    }

    private void ReplaceComment(CommentRecord comment) => S.Comments[S.Comments.FindIndex(c => c.Id == comment.Id)] = comment;

    private AmendmentRecord OpenAmendment(Guid amendmentId)
    {
        var amendment = S.Amendments.FirstOrDefault(a => a.Id == amendmentId) ?? throw WorkspaceException.NotFound(ErrorCodes.AmendmentNotFound);
        return amendment.Status == AmendmentStatus.Open ? amendment : throw WorkspaceException.Conflict(ErrorCodes.AmendmentDecided);
    }

    private void ReplaceAmendment(AmendmentRecord amendment) => S.Amendments[S.Amendments.FindIndex(a => a.Id == amendment.Id)] = amendment;

    private PollRecord Poll(Guid pollId) =>
        S.Polls.FirstOrDefault(p => p.Id == pollId) ?? throw WorkspaceException.NotFound(ErrorCodes.PollNotFound);

    private void ReplacePoll(PollRecord poll) => S.Polls[S.Polls.FindIndex(p => p.Id == poll.Id)] = poll;

    private static Person Person(GroupMemberAccess access) => new(access.UserId, access.DisplayName, access.Organisation);

    private IWorkingGroupGrain Group => GrainFactory.GetGrain<IWorkingGroupGrain>(S.GroupId);

    /// <summary>How much of the text on either side of an amendment's range it keeps (the browser cuts it to the sentence).</summary>
    private const int AmendmentContext = 200;

    private IDocumentGrain Body => GrainFactory.GetGrain<IDocumentGrain>(S.BodyId);
}

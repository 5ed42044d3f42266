using Workspace.Contracts.Errors;
using Workspace.Contracts.Recommendations;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Recommendations;

/// <summary>Comments, amendments, stances and polls on a thread.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConversationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Comments_thread_edit_delete_and_hide_as_people_expect()
    {
        var s = await RecommendationScenario.Create(fixture);
        var r = await s.Start();
        var first = (await r.AddComment(s.Group.Member.Id, null, "Should we cite **Art. 33**?")).Comments.Single();
        var reply = (await r.AddComment(s.SecondMember.Id, first.Id, "Yes.")).Comments[^1];
        await r.EditComment(s.Group.Member.Id, first.Id, "Should we cite Art. 33 and 8.4?");

        var notYours = await Assert.ThrowsAsync<WorkspaceException>(() => r.EditComment(s.SecondMember.Id, first.Id, "Hijack"));
        var orphan = await Assert.ThrowsAsync<WorkspaceException>(() => r.AddComment(s.Group.Member.Id, Guid.NewGuid(), "Lost"));
        var observer = await Assert.ThrowsAsync<WorkspaceException>(() => r.AddComment(s.Group.Observer.Id, null, "Hello"));
        var tooLong = await Assert.ThrowsAsync<WorkspaceException>(() => r.AddComment(s.Group.Member.Id, null, new string('x', 10_001)));
        var hideByMember = await Assert.ThrowsAsync<WorkspaceException>(() => r.HideComment(s.Group.Member.Id, reply.Id, "Off topic"));
        var noReason = await Assert.ThrowsAsync<WorkspaceException>(() => r.HideComment(s.Group.Facilitator.Id, reply.Id, " "));

        await r.DeleteComment(s.SecondMember.Id, reply.Id);
        await r.AddComment(s.SecondMember.Id, null, "Personal attack");
        var attack = (await r.Get(s.Group.Member.Id)).Comments[^1];
        await r.HideComment(s.Group.Facilitator.Id, attack.Id, "Personal attack");

        var memberView = await r.Get(s.Group.Member.Id);
        var facilitatorView = await r.Get(s.Group.Facilitator.Id);
        Assert.Equal((ErrorCodes.CommentNotYours, ErrorCodes.CommentNotFound, ErrorCodes.MembersOnly, ErrorCodes.FacilitatorOnly),
            (notYours.Code, orphan.Code, observer.Code, hideByMember.Code));
        Assert.Equal(ErrorCodes.TooLong, tooLong.FieldErrors.Single().Code);
        Assert.Equal("reason", noReason.FieldErrors.Single().Field);
        Assert.Equal(3, memberView.Comments.Count);
        Assert.Equal("Should we cite Art. 33 and 8.4?", memberView.Comments[0].Markdown);
        Assert.NotNull(memberView.Comments[0].EditedAt);
        Assert.True(memberView.Comments[0].Mine);
        Assert.Equal((first.Id, true, (string?)null), (memberView.Comments[1].ParentId, memberView.Comments[1].Deleted, memberView.Comments[1].Markdown));
        Assert.Equal((true, (string?)null, "Personal attack"), (memberView.Comments[2].Hidden, memberView.Comments[2].Markdown, memberView.Comments[2].HiddenReason));
        Assert.Equal("Personal attack", facilitatorView.Comments[2].Markdown); // facilitators still see what they hid
    }

    [Fact]
    public async Task An_accepted_amendment_replaces_exactly_its_range_after_other_changes_elsewhere()
    {
        var s = await RecommendationScenario.Create(fixture);
        var r = await s.Start();
        var revision = await s.BodyRevision(r);
        var text = RecommendationScenario.Body;
        AmendmentProposal Replace(string old, string replacement) => new(revision, text.IndexOf(old, StringComparison.Ordinal), text.IndexOf(old, StringComparison.Ordinal) + old.Length, replacement, "Clearer");

        // Three amendments proposed on the same revision: one at the start, one in the middle, one overlapping the middle.
        await r.ProposeAmendment(s.SecondMember.Id, Replace("The State shall", "Each State Party shall"));
        await r.ProposeAmendment(s.Group.Member.Id, Replace("may be anonymous", "may be made anonymously"));
        var view = await r.ProposeAmendment(s.SecondMember.Id, Replace("Reports may be", "Reports can be"));
        var (start, middle, overlapping) = (view.Amendments[0], view.Amendments[1], view.Amendments[2]);
        Assert.Equal("may be anonymous", middle.Original);

        await r.AcceptAmendment(s.Group.Facilitator.Id, start.Id);
        var accepted = await r.AcceptAmendment(s.Group.Facilitator.Id, middle.Id);

        Assert.Equal(
            "Each State Party shall protect reporting persons. Reports may be made anonymously. Retaliation is an offence.",
            await s.BodyText(r));
        Assert.Equal(AmendmentStatus.Accepted, accepted.Amendments[1].Status);
        Assert.Equal("Fabiola", accepted.Amendments[1].DecidedBy!.Name);
        Assert.Equal(revision + 2, accepted.Amendments[1].AppliedRevision);

        // The third one's text was changed by the second: it shows as outdated and cannot be accepted.
        Assert.True(accepted.Amendments[2].Outdated);
        Assert.False(accepted.Amendments[0].Outdated);
        var error = await Assert.ThrowsAsync<WorkspaceException>(() => r.AcceptAmendment(s.Group.Facilitator.Id, overlapping.Id));
        Assert.Equal(ErrorCodes.AmendmentOutdated, error.Code);
        Assert.Equal(AmendmentStatus.Open, (await r.Get(s.Group.Member.Id)).Amendments[2].Status);
        Assert.Equal(revision + 2, await s.BodyRevision(r));

        // The accepted text is the proposer's, in the body's authorship.
        var body = fixture.Grains.GetGrain<Workspace.Contracts.Documents.IDocumentGrain>(view.Summary.BodyId);
        var runs = await body.GetAuthorship(s.Group.Member.Id);
        Assert.Contains(runs, run => run.AuthorId == s.SecondMember.Id && run.Length == "Each State Party shall".Length);
    }

    [Fact]
    public async Task After_adoption_only_accepted_amendments_change_the_body()
    {
        var s = await RecommendationScenario.Create(fixture);
        var r = await s.StartIn(RecommendationStatus.Adopted);
        var revision = await s.BodyRevision(r);
        var at = RecommendationScenario.Body.IndexOf("an offence", StringComparison.Ordinal);

        var view = await r.ProposeAmendment(s.Group.Member.Id, new AmendmentProposal(revision, at, at + "an offence".Length, "a criminal offence", "Align with Art. 33"));
        var byMember = await Assert.ThrowsAsync<WorkspaceException>(() => r.AcceptAmendment(s.Group.Member.Id, view.Amendments[0].Id));
        await r.AcceptAmendment(s.Group.Facilitator.Id, view.Amendments[0].Id);
        var twice = await Assert.ThrowsAsync<WorkspaceException>(() => r.AcceptAmendment(s.Group.Facilitator.Id, view.Amendments[0].Id));

        Assert.Equal(ErrorCodes.FacilitatorOnly, byMember.Code);
        Assert.Equal(ErrorCodes.AmendmentDecided, twice.Code);
        Assert.EndsWith("Retaliation is a criminal offence.", await s.BodyText(r));
    }

    [Fact]
    public async Task Amendments_are_rejected_with_a_reason_and_bad_proposals_change_nothing()
    {
        var s = await RecommendationScenario.Create(fixture);
        var r = await s.Start();
        var revision = await s.BodyRevision(r);

        var future = await Assert.ThrowsAsync<WorkspaceException>(() => r.ProposeAmendment(s.Group.Member.Id, new AmendmentProposal(revision + 5, 0, 3, "A", "Why")));
        var outside = await Assert.ThrowsAsync<WorkspaceException>(() => r.ProposeAmendment(s.Group.Member.Id, new AmendmentProposal(revision, 10, 10_000, "A", "Why")));
        var same = await Assert.ThrowsAsync<WorkspaceException>(() => r.ProposeAmendment(s.Group.Member.Id, new AmendmentProposal(revision, 0, 3, "The", "Why")));
        var noReason = await Assert.ThrowsAsync<WorkspaceException>(() => r.ProposeAmendment(s.Group.Member.Id, new AmendmentProposal(revision, 0, 3, "A", "")));
        var observer = await Assert.ThrowsAsync<WorkspaceException>(() => r.ProposeAmendment(s.Group.Observer.Id, new AmendmentProposal(revision, 0, 3, "A", "Why")));
        Assert.Equal(
            (ErrorCodes.RevisionNotFound, ErrorCodes.AmendmentRangeInvalid, ErrorCodes.AmendmentNoChange, "reason", ErrorCodes.MembersOnly),
            (future.Code, outside.Code, same.FieldErrors.Single().Code, noReason.FieldErrors.Single().Field, observer.Code));
        Assert.Empty((await r.Get(s.Group.Member.Id)).Amendments);

        var proposed = await r.ProposeAmendment(s.Group.Member.Id, new AmendmentProposal(revision, 0, 3, "A", "Shorter"));
        var noRejectReason = await Assert.ThrowsAsync<WorkspaceException>(() => r.RejectAmendment(s.Group.Facilitator.Id, proposed.Amendments[0].Id, ""));
        var rejected = await r.RejectAmendment(s.Group.Facilitator.Id, proposed.Amendments[0].Id, "The subject is the State");

        Assert.Equal("reason", noRejectReason.FieldErrors.Single().Field);
        Assert.Equal((AmendmentStatus.Rejected, "The subject is the State"), (rejected.Amendments[0].Status, rejected.Amendments[0].DecisionReason));
        Assert.Equal(RecommendationScenario.Body, await s.BodyText(r));
    }

    [Fact]
    public async Task Each_organisation_has_one_stance_the_latest()
    {
        var s = await RecommendationScenario.Create(fixture);
        var r = await s.Start();
        var colleague = await fixture.NewUser("Mateo"); // "Mateo Org", like the member
        await Groups.GroupScenario.Join(s.G, s.Group.Facilitator.Id, colleague.Id, Contracts.Groups.GroupRole.Member);

        await r.SetStance(s.Group.Member.Id, Stance.Support, null);
        await r.SetStance(s.SecondMember.Id, Stance.Oppose, "Too vague");
        var view = await r.SetStance(colleague.Id, Stance.SupportWithReservations, "Needs a budget line");

        Assert.Equal(new StanceTally(0, 1, 1), view.StanceTally);
        Assert.Equal(
            [("Lucia Org", Stance.Oppose), ("Mateo Org", Stance.SupportWithReservations)],
            view.Stances.Select(x => (x.Organisation, x.Stance)).ToArray());
        Assert.Equal("Needs a budget line", view.Stances[1].Note);

        var observer = await Assert.ThrowsAsync<WorkspaceException>(() => r.SetStance(s.Group.Observer.Id, Stance.Support, null));
        var email = $"expert.{Guid.NewGuid():N}@example.org";
        var expert = await fixture.Grains.GetGrain<Contracts.Accounts.IAccountGrain>(email)
            .Register(new Contracts.Accounts.NewAccount(email, "correct horse battery", "Ines", "", "AR"), false);
        await Groups.GroupScenario.Join(s.G, s.Group.Facilitator.Id, expert.Id, Contracts.Groups.GroupRole.Member);
        var noOrganisation = await Assert.ThrowsAsync<WorkspaceException>(() => r.SetStance(expert.Id, Stance.Support, null));

        Assert.Equal(ErrorCodes.MembersOnly, observer.Code);
        Assert.Equal((ErrorKind.Forbidden, ErrorCodes.NoOrganisation), (noOrganisation.Kind, noOrganisation.Code));
        Assert.Equal(2, (await r.Get(s.Group.Member.Id)).Stances.Count);
    }

    [Fact]
    public async Task Polls_open_take_changeable_votes_and_close()
    {
        var s = await RecommendationScenario.Create(fixture);
        var r = await s.StartIn(RecommendationStatus.UnderDiscussion);

        var byMember = await Assert.ThrowsAsync<WorkspaceException>(() => r.OpenPoll(s.Group.Member.Id, null));
        var poll = (await r.OpenPoll(s.Group.Facilitator.Id, "Ready to propose?")).Polls.Single();
        var second = await Assert.ThrowsAsync<WorkspaceException>(() => r.OpenPoll(s.Group.Facilitator.Id, null));
        await r.Vote(s.Group.Member.Id, poll.Id, PollChoice.Block, "Not yet");
        await r.Vote(s.Group.Member.Id, poll.Id, PollChoice.Agree, null);
        var live = await r.Vote(s.SecondMember.Id, poll.Id, PollChoice.Disagree, "Too vague");
        var observer = await Assert.ThrowsAsync<WorkspaceException>(() => r.Vote(s.Group.Observer.Id, poll.Id, PollChoice.Agree, null));
        var unknown = await Assert.ThrowsAsync<WorkspaceException>(() => r.Vote(s.Group.Member.Id, Guid.NewGuid(), PollChoice.Agree, null));
        await r.ClosePoll(s.Group.Facilitator.Id, poll.Id);
        var late = await Assert.ThrowsAsync<WorkspaceException>(() => r.Vote(s.Group.Member.Id, poll.Id, PollChoice.Block, null));
        var closedTwice = await Assert.ThrowsAsync<WorkspaceException>(() => r.ClosePoll(s.Group.Facilitator.Id, poll.Id));

        Assert.Equal(new PollTally(1, 0, 1, 0), live.Polls[0].Tally);
        Assert.Equal(PollChoice.Disagree, live.Polls[0].MyChoice);
        Assert.Equal(
            (ErrorCodes.FacilitatorOnly, ErrorCodes.PollAlreadyOpen, ErrorCodes.MembersOnly, ErrorCodes.PollNotFound, ErrorCodes.PollClosed, ErrorCodes.PollClosed),
            (byMember.Code, second.Code, observer.Code, unknown.Code, late.Code, closedTwice.Code));
        var final = (await r.Get(s.Group.Member.Id)).Polls.Single();
        Assert.False(final.Open);
        Assert.Equal(new PollTally(1, 0, 1, 0), final.Tally);
    }
}

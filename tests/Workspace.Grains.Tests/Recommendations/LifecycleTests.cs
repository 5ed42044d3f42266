using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Recommendations;

[Collection(ClusterCollection.Name)]
public sealed class LifecycleTests(ClusterFixture fixture)
{
    /// <summary>The lifecycle as the product describes it, written out by hand (not read from the implementation).</summary>
    private static readonly (RecommendationStatus From, RecommendationStatus To, GroupRole Needs)[] Legal =
    [
        (RecommendationStatus.Draft, RecommendationStatus.UnderDiscussion, GroupRole.Member),
        (RecommendationStatus.Draft, RecommendationStatus.Withdrawn, GroupRole.Facilitator),
        (RecommendationStatus.UnderDiscussion, RecommendationStatus.ProposedForAdoption, GroupRole.Member),
        (RecommendationStatus.UnderDiscussion, RecommendationStatus.Withdrawn, GroupRole.Facilitator),
        (RecommendationStatus.ProposedForAdoption, RecommendationStatus.Adopted, GroupRole.Facilitator),
        (RecommendationStatus.ProposedForAdoption, RecommendationStatus.UnderDiscussion, GroupRole.Facilitator),
        (RecommendationStatus.ProposedForAdoption, RecommendationStatus.Withdrawn, GroupRole.Facilitator),
    ];

    public static TheoryData<RecommendationStatus, RecommendationStatus, GroupRole> EveryMove()
    {
        var data = new TheoryData<RecommendationStatus, RecommendationStatus, GroupRole>();
        foreach (var from in Enum.GetValues<RecommendationStatus>())
        {
            foreach (var to in Enum.GetValues<RecommendationStatus>())
            {
                data.Add(from, to, GroupRole.Member);
                data.Add(from, to, GroupRole.Facilitator);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryMove))]
    public async Task Every_move_is_allowed_to_the_right_role_and_refused_with_its_reason_otherwise(
        RecommendationStatus from, RecommendationStatus to, GroupRole actorRole)
    {
        var s = await RecommendationScenario.Create(fixture);
        var recommendation = await s.StartIn(from);
        var actor = actorRole == GroupRole.Facilitator ? s.Group.Facilitator : s.Group.Member;
        var legal = Legal.Where(l => l.From == from && l.To == to).ToArray();

        if (legal.Length == 1 && actorRole >= legal[0].Needs)
        {
            var view = await recommendation.Transition(actor.Id, to);
            Assert.Equal(to, view.Summary.Status);
            Assert.Equal((from, to, actor.DisplayName), (view.Transitions[^1].From, view.Transitions[^1].To, view.Transitions[^1].By.Name));
            return;
        }

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => recommendation.Transition(actor.Id, to));
        Assert.Equal(legal.Length == 1 ? ErrorCodes.TransitionFacilitatorOnly : ErrorCodes.TransitionIllegal, error.Code);
        Assert.Equal(from, (await recommendation.Get(actor.Id)).Summary.Status);
    }

    [Fact]
    public async Task Observers_and_strangers_move_nothing()
    {
        var s = await RecommendationScenario.Create(fixture);
        var recommendation = await s.Start();

        var observer = await Assert.ThrowsAsync<WorkspaceException>(() => recommendation.Transition(s.Group.Observer.Id, RecommendationStatus.UnderDiscussion));
        var stranger = await Assert.ThrowsAsync<WorkspaceException>(() => recommendation.Transition(s.Group.Stranger.Id, RecommendationStatus.UnderDiscussion));

        Assert.Equal(ErrorCodes.MembersOnly, observer.Code);
        Assert.Equal(ErrorKind.NotFound, stranger.Kind);
        Assert.Equal(RecommendationStatus.Draft, (await recommendation.Get(s.Group.Member.Id)).Summary.Status);
    }

    [Fact]
    public async Task The_view_offers_only_the_moves_its_reader_may_make()
    {
        var s = await RecommendationScenario.Create(fixture);
        var recommendation = await s.StartIn(RecommendationStatus.ProposedForAdoption);

        Assert.Empty((await recommendation.Get(s.Group.Member.Id)).AllowedTransitions);
        Assert.Equal(
            [RecommendationStatus.Adopted, RecommendationStatus.UnderDiscussion, RecommendationStatus.Withdrawn],
            (await recommendation.Get(s.Group.Facilitator.Id)).AllowedTransitions);
        Assert.Empty((await recommendation.Get(s.Group.Observer.Id)).AllowedTransitions);
    }

    [Fact]
    public async Task Adoption_records_who_when_and_the_poll_and_freezes_the_body()
    {
        var s = await RecommendationScenario.Create(fixture);
        var recommendation = await s.StartIn(RecommendationStatus.ProposedForAdoption);
        var poll = (await recommendation.OpenPoll(s.Group.Facilitator.Id, "Consensus?")).Polls.Single();
        await recommendation.Vote(s.Group.Member.Id, poll.Id, PollChoice.Agree, null);
        await recommendation.Vote(s.SecondMember.Id, poll.Id, PollChoice.Abstain, "Needs budget");

        var adopted = await recommendation.Transition(s.Group.Facilitator.Id, RecommendationStatus.Adopted);

        Assert.Equal("Fabiola", adopted.Adoption!.By.Name);
        Assert.Equal(fixture.Clock.GetUtcNow(), adopted.Adoption.At);
        Assert.Equal(new PollTally(1, 1, 0, 0), adopted.Adoption.Poll);
        Assert.False(adopted.Polls.Single().Open); // the open poll closed with the adoption

        // Nobody types into an adopted body, not even a facilitator; restoring an old revision is an edit too.
        var body = fixture.Grains.GetGrain<IDocumentGrain>(adopted.Summary.BodyId);
        Assert.True((await body.GetSummary(s.Group.Member.Id)).Frozen);
        var restore = await Assert.ThrowsAsync<WorkspaceException>(() => body.Restore(s.Group.Facilitator.Id, 0));
        Assert.Equal(ErrorCodes.DocumentReadOnly, restore.Code);

        // A member typing live gets the same answer (the body is frozen, not locked).
        var quiet = new QuietNode(); // Orleans holds observers weakly
        var node = fixture.Grains.CreateObjectReference<IDocumentObserver>(quiet);
        var opened = await body.Open(new OpenRequest(s.Group.Member.Id, "member-connection", "node-a", node, null));
        var typed = await Assert.ThrowsAsync<WorkspaceException>(() => body.Submit(new Submission(
            s.Group.Member.Id, "member-connection", "member-editor", 1, opened.Revision, Collaboration.TextOperation.Builder().Retain(opened.Text!.Length).Insert("!").Build())));
        Assert.Equal(ErrorCodes.DocumentReadOnly, typed.Code);
        GC.KeepAlive(quiet);
        Assert.Equal(RecommendationScenario.Body, await s.BodyText(recommendation));

        var facts = await Assert.ThrowsAsync<WorkspaceException>(() =>
            recommendation.UpdateFacts(s.Group.Member.Id, RecommendationScenario.Facts() with { Title = "Changed" }));
        Assert.Equal(ErrorCodes.RecommendationAdopted, facts.Code);
    }

    [Fact]
    public async Task A_withdrawn_recommendation_takes_no_more_comments_amendments_or_stances()
    {
        var s = await RecommendationScenario.Create(fixture);
        var recommendation = await s.StartIn(RecommendationStatus.Withdrawn);
        var revision = await s.BodyRevision(recommendation);

        var comment = await Assert.ThrowsAsync<WorkspaceException>(() => recommendation.AddComment(s.Group.Member.Id, null, "Why?"));
        var amendment = await Assert.ThrowsAsync<WorkspaceException>(() =>
            recommendation.ProposeAmendment(s.Group.Member.Id, new AmendmentProposal(revision, 0, 3, "A", "Shorter")));
        var stance = await Assert.ThrowsAsync<WorkspaceException>(() => recommendation.SetStance(s.Group.Member.Id, Stance.Support, null));

        Assert.All([comment, amendment, stance], e => Assert.Equal(ErrorCodes.RecommendationClosed, e.Code));
        var view = await recommendation.Get(s.Group.Member.Id);
        Assert.Empty(view.Comments);
        Assert.Empty(view.Amendments);
        Assert.Empty(view.Stances);
    }

    [Fact]
    public async Task Members_only_recommendations_do_not_exist_for_observers()
    {
        var s = await RecommendationScenario.Create(fixture);
        var hidden = await s.Start(DocumentVisibility.Members);
        var shown = await s.Start(DocumentVisibility.Observers);

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => hidden.Get(s.Group.Observer.Id));
        var listed = await s.G.GetRecommendations(s.Group.Observer.Id);
        var body = (await hidden.Get(s.Group.Member.Id)).Summary.BodyId;
        var bodyError = await Assert.ThrowsAsync<WorkspaceException>(() => fixture.Grains.GetGrain<IDocumentGrain>(body).GetText(s.Group.Observer.Id));

        Assert.Equal(ErrorCodes.RecommendationNotFound, error.Code);
        Assert.Equal([shown.GetPrimaryKey()], listed.Select(r => r.Id).ToArray());
        Assert.Equal(ErrorKind.NotFound, bodyError.Kind);
        Assert.Equal(2, (await s.G.GetRecommendations(s.Group.Member.Id)).Count);

        // The body is the recommendation's, not a catalogue document.
        Assert.DoesNotContain(await s.G.GetDocuments(s.Group.Facilitator.Id), d => d.Id == body);
    }

    [Fact]
    public async Task Observers_see_organisations_and_names_only_when_the_group_allows_it()
    {
        var s = await RecommendationScenario.Create(fixture);
        var recommendation = await s.Start();
        await recommendation.AddComment(s.Group.Member.Id, null, "We drafted this with the ombudsman.");

        var hidden = await recommendation.Get(s.Group.Observer.Id);
        await s.G.SetObserversSeeNames(s.Group.Facilitator.Id, true);
        var shown = await recommendation.Get(s.Group.Observer.Id);

        Assert.Equal((null, null, "Mateo Org"), (hidden.CreatedBy.Id, hidden.CreatedBy.Name, hidden.CreatedBy.Organisation));
        Assert.Null(hidden.Comments.Single().Author.Name);
        Assert.Equal("Mateo", shown.CreatedBy.Name);
        Assert.Equal("Mateo", shown.Comments.Single().Author.Name);
        var member = await Assert.ThrowsAsync<WorkspaceException>(() => s.G.SetObserversSeeNames(s.Group.Member.Id, false));
        Assert.Equal(ErrorCodes.FacilitatorOnly, member.Code);
    }

    [Fact]
    public async Task Bad_facts_are_refused_with_every_problem_and_nothing_is_created()
    {
        var s = await RecommendationScenario.Create(fixture);
        var facts = new RecommendationFacts(" ", "", ["Art. 33", "Art. 99", "Chapter V"], [new string('x', 151)], ["XX"], (DocumentVisibility)7);

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => s.G.CreateRecommendation(s.Group.Member.Id, facts, "Body"));
        var observer = await Assert.ThrowsAsync<WorkspaceException>(() =>
            s.G.CreateRecommendation(s.Group.Observer.Id, RecommendationScenario.Facts(), "Body"));

        Assert.Equal(
            [("addressees", ErrorCodes.TooLong), ("articles", ErrorCodes.ArticleUnknown), ("countries", ErrorCodes.InvalidCountry),
             ("thematicArea", ErrorCodes.Required), ("title", ErrorCodes.Required), ("visibility", ErrorCodes.InvalidVisibility)],
            error.FieldErrors.Select(e => (e.Field, e.Code)).Order().ToArray());
        Assert.Equal(ErrorCodes.MembersOnly, observer.Code);
        Assert.Empty(await s.G.GetRecommendations(s.Group.Facilitator.Id));
    }

    [Fact]
    public async Task Article_references_are_read_in_the_forms_people_write_them()
    {
        var s = await RecommendationScenario.Create(fixture);
        var facts = RecommendationScenario.Facts() with { Articles = ["art 33", "Article 13.2", "Art.8.4", "13", "artículo 33"] };

        var summary = await s.G.CreateRecommendation(s.Group.Member.Id, facts, "");

        Assert.Equal(["Art. 8.4", "Art. 13", "Art. 13.2", "Art. 33"], summary.Facts.Articles);
        Assert.Equal(["MX", "BR"], summary.Facts.Countries);
    }

    private sealed class QuietNode : IDocumentObserver
    {
        public Task Publish(DocumentBroadcast broadcast) => Task.CompletedTask;

        public Task ListReaders() => Task.CompletedTask;
    }
}

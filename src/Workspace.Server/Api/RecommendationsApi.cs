using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Markdown;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>
/// Recommendation threads of a working group: the board (list and filter), the thread and all
/// it holds, and the reports. The body is a live document (the live hub and /api/documents);
/// the recommendation grain decides who may do what.
/// </summary>
public static class RecommendationsApi
{
    public static RouteGroupBuilder MapRecommendationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/groups/{groupId:guid}/recommendations", ListRecommendations);
        api.MapPost("/groups/{groupId:guid}/recommendations", async (Guid groupId, CreateRecommendationRequest request, HttpContext c, IGrainFactory g, MarkdownRenderer markdown) =>
        {
            var userId = c.User.UserId();
            var summary = await Group(g, groupId).CreateRecommendation(userId, Facts(request), request.Body ?? string.Empty);
            var view = await Recommendation(g, summary.Id).Get(userId);
            return TypedResults.Created($"/api/recommendations/{summary.Id}", RecommendationDetail.From(view, markdown));
        });
        api.MapPatch("/groups/{groupId:guid}/settings", async (Guid groupId, GroupSettingsRequest request, HttpContext c, IGrainFactory g) =>
            GroupDetail.From(await Group(g, groupId).SetObserversSeeNames(c.User.UserId(), request.ObserversSeeNames ?? request.ObserversSeeAuthors ?? false)));

        var one = api.MapGroup("/recommendations/{recommendationId:guid}");
        one.MapGet("/", (Guid recommendationId, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.Get(c.User.UserId())));
        one.MapPatch("/", (Guid recommendationId, RecommendationFactsRequest request, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.UpdateFacts(c.User.UserId(), Facts(request))));
        one.MapPost("/transitions", (Guid recommendationId, TransitionRequest request, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.Transition(c.User.UserId(), request.To ?? (RecommendationStatus)(-1))));

        one.MapPost("/comments", (Guid recommendationId, CommentRequest request, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.AddComment(c.User.UserId(), request.ParentId, request.Markdown ?? string.Empty)));
        one.MapPut("/comments/{commentId:guid}", (Guid recommendationId, Guid commentId, CommentRequest request, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.EditComment(c.User.UserId(), commentId, request.Markdown ?? string.Empty)));
        one.MapDelete("/comments/{commentId:guid}", (Guid recommendationId, Guid commentId, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.DeleteComment(c.User.UserId(), commentId)));
        one.MapPost("/comments/{commentId:guid}/hide", (Guid recommendationId, Guid commentId, ReasonRequest request, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.HideComment(c.User.UserId(), commentId, request.Reason ?? string.Empty)));

        one.MapPost("/amendments", (Guid recommendationId, AmendmentRequest request, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.ProposeAmendment(c.User.UserId(), new AmendmentProposal(
                request.Revision ?? -1, request.From ?? -1, request.To ?? -1, request.Replacement ?? string.Empty, request.Reason ?? string.Empty))));
        one.MapPost("/amendments/{amendmentId:guid}/accept", (Guid recommendationId, Guid amendmentId, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.AcceptAmendment(c.User.UserId(), amendmentId)));
        one.MapPost("/amendments/{amendmentId:guid}/reject", (Guid recommendationId, Guid amendmentId, ReasonRequest request, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.RejectAmendment(c.User.UserId(), amendmentId, request.Reason ?? string.Empty)));

        one.MapPut("/stance", (Guid recommendationId, StanceRequest request, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.SetStance(c.User.UserId(), request.Stance ?? (Stance)(-1), request.Note)));

        one.MapPost("/polls", (Guid recommendationId, PollRequest request, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.OpenPoll(c.User.UserId(), request.Question)));
        one.MapPut("/polls/{pollId:guid}/vote", (Guid recommendationId, Guid pollId, VoteRequest request, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.Vote(c.User.UserId(), pollId, request.Choice ?? (PollChoice)(-1), request.Reason)));
        one.MapPost("/polls/{pollId:guid}/close", (Guid recommendationId, Guid pollId, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.ClosePoll(c.User.UserId(), pollId)));

        one.MapPost("/follow-up", (Guid recommendationId, FollowUpRequest request, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.ReportFollowUp(c.User.UserId(), new FollowUpReport(
                request.Country ?? string.Empty, request.Status ?? (FollowUpStatus)(-1), request.Date ?? DateOnly.MaxValue,
                request.Note ?? string.Empty, request.Evidence ?? []))));
        one.MapPut("/review-date", (Guid recommendationId, ReviewDateRequest request, HttpContext c, IGrainFactory g, MarkdownRenderer m) =>
            Answer(g, recommendationId, m, r => r.SetReviewDate(c.User.UserId(), request.Date)));
        return api;
    }

    /// <summary>The board: every recommendation the caller may see, filtered; <c>q</c> also searches the bodies.</summary>
    private static async Task<RecommendationItem[]> ListRecommendations(
        Guid groupId, string? status, string? area, string? article, string? country, string? addressee, string? q,
        HttpContext c, IGrainFactory g)
    {
        var userId = c.User.UserId();
        var all = await Group(g, groupId).GetRecommendations(userId);
        var filter = RecommendationFilter.Parse(status, area, article, country, addressee, q);
        var matching = all.Where(filter.Matches).ToList();
        if (filter.Text is { } text)
        {
            var bodies = await Task.WhenAll(matching.Select(r => g.GetGrain<IDocumentGrain>(r.BodyId).GetText(userId)));
            matching = matching.Where((r, i) => filter.MatchesText(r) || bodies[i].Text.Contains(text, StringComparison.CurrentCultureIgnoreCase)).ToList();
        }

        return matching.Select(RecommendationItem.From).ToArray();
    }

    private static async Task<RecommendationDetail> Answer(
        IGrainFactory grains, Guid recommendationId, MarkdownRenderer markdown, Func<IRecommendationGrain, Task<RecommendationView>> call) =>
        RecommendationDetail.From(await call(Recommendation(grains, recommendationId)), markdown);

    private static RecommendationFacts Facts(RecommendationFactsRequest r) => new(
        r.Title ?? string.Empty, r.ThematicArea ?? string.Empty, r.Articles ?? [], r.Addressees ?? [], r.Countries ?? [],
        r.Visibility ?? DocumentVisibility.Members);

    private static RecommendationFacts Facts(CreateRecommendationRequest r) => Facts(
        new RecommendationFactsRequest(r.Title, r.ThematicArea, r.Articles, r.Addressees, r.Countries, r.Visibility));

    private static IWorkingGroupGrain Group(IGrainFactory grains, Guid id) => grains.GetGrain<IWorkingGroupGrain>(id);

    private static IRecommendationGrain Recommendation(IGrainFactory grains, Guid id) => grains.GetGrain<IRecommendationGrain>(id);
}

/// <summary>
/// The board's filters; every one given must match. <c>article</c> is a scope (issue 21): an article ("33", "Art. 33"),
/// a chapter ("chapter:III") or a review cycle ("cycle:2"), matched by any of a recommendation's articles; a paragraph
/// ("Art. 33.2") still matches only that paragraph, as before.
/// </summary>
public sealed record RecommendationFilter(
    RecommendationStatus? Status, string? Area, string? Article, string? Country, string? Addressee, string? Text,
    IReadOnlySet<int>? Articles = null)
{
    public static RecommendationFilter Parse(string? status, string? area, string? article, string? country, string? addressee, string? q)
    {
        RecommendationStatus? parsed = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            parsed = Enum.TryParse<RecommendationStatus>(status.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var s) && Enum.IsDefined(s)
                ? s
                : throw Contracts.Errors.WorkspaceException.Invalid([new Contracts.Errors.FieldError("status", Contracts.Errors.ErrorCodes.InvalidStatus)]);
        }

        string? paragraph = null;
        IReadOnlySet<int>? articles = null;
        if (!string.IsNullOrWhiteSpace(article))
        {
            articles = Convention.Uncac.Scope(article)
                ?? throw Contracts.Errors.WorkspaceException.Invalid([new Contracts.Errors.FieldError("article", Contracts.Errors.ErrorCodes.ArticleUnknown)]);
            paragraph = Convention.Uncac.Reference(article) is { } reference && Convention.Uncac.Order(reference).Paragraph > 0 ? reference : null;
        }

        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return new RecommendationFilter(parsed, Clean(area), paragraph, Clean(country)?.ToUpperInvariant(), Clean(addressee), Clean(q), articles);
    }

    public bool Matches(RecommendationSummary r) =>
        (Status is null || r.Status == Status)
        && (Area is null || string.Equals(r.Facts.ThematicArea, Area, StringComparison.CurrentCultureIgnoreCase))
        && (Article is null || r.Facts.Articles.Contains(Article))
        && (Articles is null || r.Facts.Articles.Any(a => Convention.Uncac.Reference(a) is { } known && Articles.Contains(Convention.Uncac.ArticleOf(known))))
        && (Country is null || r.Facts.Countries.Contains(Country))
        && (Addressee is null || r.Facts.Addressees.Any(a => a.Contains(Addressee, StringComparison.CurrentCultureIgnoreCase)));

    public bool MatchesText(RecommendationSummary r) =>
        Text is null
        || r.Facts.Title.Contains(Text, StringComparison.CurrentCultureIgnoreCase)
        || r.Facts.ThematicArea.Contains(Text, StringComparison.CurrentCultureIgnoreCase)
        || r.Facts.Addressees.Any(a => a.Contains(Text, StringComparison.CurrentCultureIgnoreCase));
}

public sealed record RecommendationFactsRequest(
    string? Title, string? ThematicArea, string[]? Articles, string[]? Addressees, string[]? Countries, DocumentVisibility? Visibility);

public sealed record CreateRecommendationRequest(
    string? Title, string? ThematicArea, string[]? Articles, string[]? Addressees, string[]? Countries, DocumentVisibility? Visibility, string? Body);

/// <summary>A group's settings; `observersSeeAuthors` is the name the setting had before (still accepted).</summary>
public sealed record GroupSettingsRequest(bool? ObserversSeeNames, bool? ObserversSeeAuthors = null);

public sealed record TransitionRequest(RecommendationStatus? To);

public sealed record CommentRequest(Guid? ParentId, string? Markdown);

public sealed record ReasonRequest(string? Reason);

public sealed record AmendmentRequest(int? Revision, int? From, int? To, string? Replacement, string? Reason);

public sealed record StanceRequest(Stance? Stance, string? Note);

public sealed record PollRequest(string? Question);

public sealed record VoteRequest(PollChoice? Choice, string? Reason);

public sealed record FollowUpRequest(string? Country, FollowUpStatus? Status, DateOnly? Date, string? Note, string[]? Evidence);

public sealed record ReviewDateRequest(DateOnly? Date);

public sealed record RecommendationItem(
    Guid Id, Guid GroupId, Guid BodyId, string Title, string ThematicArea, IReadOnlyList<string> Articles, IReadOnlyList<string> Addressees,
    IReadOnlyList<string> Countries, DocumentVisibility Visibility, RecommendationStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, FollowUpStatus> FollowUp, DateOnly? ReviewDate, bool FollowUpDue)
{
    public static RecommendationItem From(RecommendationSummary s) => new(
        s.Id, s.GroupId, s.BodyId, s.Facts.Title, s.Facts.ThematicArea, s.Facts.Articles, s.Facts.Addressees, s.Facts.Countries,
        s.Facts.Visibility, s.Status, s.CreatedAt, s.UpdatedAt, s.FollowUp, s.ReviewDate, s.FollowUpDue);
}

public sealed record CommentItem(
    Guid Id, Guid? ParentId, PersonView Author, string? Markdown, string? Html, DateTimeOffset At, DateTimeOffset? EditedAt,
    bool Deleted, bool Hidden, string? HiddenReason, bool Mine);

/// <summary>A recommendation thread as the caller may see it; comments come rendered (sanitised) as well as in Markdown.</summary>
public sealed record RecommendationDetail(
    RecommendationItem Recommendation,
    PersonView CreatedBy,
    IReadOnlyList<TransitionView> Transitions,
    AdoptionView? Adoption,
    IReadOnlyList<CommentItem> Comments,
    IReadOnlyList<AmendmentView> Amendments,
    IReadOnlyList<StanceView> Stances,
    StanceTally StanceTally,
    IReadOnlyList<PollView> Polls,
    IReadOnlyList<CountryFollowUpView> FollowUp,
    IReadOnlyList<FollowUpReminderView> Reminders,
    GroupRole MyRole,
    IReadOnlyList<RecommendationStatus> AllowedTransitions)
{
    public static RecommendationDetail From(RecommendationView v, MarkdownRenderer markdown) => new(
        RecommendationItem.From(v.Summary), v.CreatedBy, v.Transitions, v.Adoption,
        v.Comments.Select(c => new CommentItem(
            c.Id, c.ParentId, c.Author, c.Markdown, c.Markdown is null ? null : markdown.Render(c.Markdown), c.At, c.EditedAt,
            c.Deleted, c.Hidden, c.HiddenReason, c.Mine)).ToArray(),
        v.Amendments, v.Stances, v.StanceTally, v.Polls, v.FollowUp, v.Reminders, v.MyRole, v.AllowedTransitions);
}

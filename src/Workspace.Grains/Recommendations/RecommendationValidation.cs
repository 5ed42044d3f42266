using Workspace.Contracts.Documents;
using Workspace.Convention;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Recommendations;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Recommendations;

/// <summary>The rules a recommendation's facts, comments, amendments and follow-up must meet.</summary>
public static class RecommendationValidation
{
    /// <summary>The UN Convention against Corruption has 71 articles; paragraphs run up to 30 (Art. 46).</summary>
    public const int LastArticle = Uncac.LastArticle;
    public const int LastParagraph = Uncac.LastParagraph;

    public static RecommendationFacts Clean(RecommendationFacts facts)
    {
        var articles = (facts.Articles ?? []).Select(a => Article(a)).ToArray();
        var addressees = CleanList(facts.Addressees);
        var countries = Normalise.Codes(facts.Countries, upper: true);
        new Validator()
            .Line("title", facts.Title, Limits.RecommendationTitleMax)
            .Line("thematicArea", facts.ThematicArea, Limits.ThematicAreaMax)
            .Check(articles.Length <= Limits.ArticlesMax, "articles", ErrorCodes.TooMany)
            .Check(articles.All(a => a is not null), "articles", ErrorCodes.ArticleUnknown)
            .Check(addressees.Count <= Limits.AddresseesMax, "addressees", ErrorCodes.TooMany)
            .Check(addressees.All(a => a.Length <= Limits.AddresseeMax), "addressees", ErrorCodes.TooLong)
            .Lines("addressees", addressees)
            .Codes("countries", countries, Limits.CountriesMax, IsoCodes.IsCountry, ErrorCodes.InvalidCountry)
            .Check(Enum.IsDefined(facts.Visibility), "visibility", ErrorCodes.InvalidVisibility)
            .ThrowIfInvalid();
        return new RecommendationFacts(
            Normalise.Text(facts.Title),
            Normalise.Text(facts.ThematicArea),
            articles.Select(a => a!).Distinct(StringComparer.Ordinal).OrderBy(ArticleOrder).ToArray(),
            addressees,
            countries,
            facts.Visibility);
    }

    /// <summary>"Art. 33", "art 8.4", "Article 13.2" or "13.2" → "Art. 13.2"; null when it is not a UNCAC article.</summary>
    public static string? Article(string? reference) => Uncac.Reference(reference);

    /// <summary>Sorts "Art. 8.4" before "Art. 13" before "Art. 13.2".</summary>
    public static (int, int) ArticleOrder(string article) => Uncac.Order(article);

    public static string Comment(string? markdown)
    {
        new Validator().Text("markdown", markdown, Limits.CommentMax).ThrowIfInvalid();
        new Validator().Markdown("markdown", markdown).ThrowIfInvalid();
        return markdown!.Trim();
    }

    public static string Reason(string field, string? reason, bool required)
    {
        new Validator().Text(field, reason, Limits.ReasonMax, required).ThrowIfInvalid();
        return Normalise.Text(reason);
    }

    public static void Check(AmendmentProposal proposal) =>
        new Validator()
            .Check(proposal.Replacement is not null, "replacement", ErrorCodes.Required)
            .Check((proposal.Replacement?.Length ?? 0) <= Limits.AmendmentMax, "replacement", ErrorCodes.TooLong)
            .Check(Characters.IsMultiLine(proposal.Replacement), "replacement", ErrorCodes.InvalidCharacters)
            .Markdown("replacement", proposal.Replacement?.Length <= Limits.AmendmentMax ? proposal.Replacement : null)
            .Text("reason", proposal.Reason, Limits.ReasonMax)
            .Check(proposal.From >= 0 && proposal.To >= proposal.From && proposal.Revision >= 0, "range", ErrorCodes.AmendmentRangeInvalid)
            .ThrowIfInvalid();

    public static FollowUpReport Clean(FollowUpReport report, IReadOnlyList<string> countries, DateOnly today)
    {
        var country = Normalise.Text(report.Country).ToUpperInvariant();
        var evidence = (report.Evidence ?? []).Select(e => Normalise.Text(e)).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        new Validator()
            .Check(countries.Contains(country, StringComparer.Ordinal), "country", ErrorCodes.FollowUpCountry)
            .Check(Enum.IsDefined(report.Status), "status", ErrorCodes.InvalidStatus)
            .Check(report.Date <= today, "date", ErrorCodes.FollowUpFutureDate)
            .Text("note", report.Note, Limits.FollowUpNoteMax)
            .Check(evidence.Length <= Limits.EvidenceMax, "evidence", ErrorCodes.TooMany)
            .Check(evidence.All(IsWebAddress), "evidence", ErrorCodes.InvalidUrl)
            .ThrowIfInvalid();
        return new FollowUpReport(country, report.Status, report.Date, Normalise.Text(report.Note), evidence);
    }

    public static string? Note(string? note)
    {
        new Validator().Text("note", note, Limits.ReasonMax, required: false).ThrowIfInvalid();
        return string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public static string Question(string? question)
    {
        new Validator().Line("question", question, Limits.ReasonMax, required: false).ThrowIfInvalid();
        return Normalise.Text(question);
    }

    public static void Check(DocumentVisibility visibility) =>
        new Validator().Check(Enum.IsDefined(visibility), "visibility", ErrorCodes.InvalidVisibility).ThrowIfInvalid();

    public static string Body(string? body)
    {
        new Validator()
            .Check((body?.Length ?? 0) <= Limits.RecommendationBodyMax, "body", ErrorCodes.TooLong)
            .Check(Characters.IsMultiLine(body), "body", ErrorCodes.InvalidCharacters)
            .ThrowIfInvalid();
        new Validator().Markdown("body", body).ThrowIfInvalid();
        return body ?? string.Empty;
    }

    /// <summary>An absolute http or https address of reasonable length on one line.</summary>
    public static bool IsWebAddress(string value) =>
        value.Length <= Limits.UrlMax
        && Characters.IsSingleLine(value)
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host);

    private static IReadOnlyList<string> CleanList(IReadOnlyList<string>? values) =>
        (values ?? []).Select(v => Normalise.Text(v)).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}

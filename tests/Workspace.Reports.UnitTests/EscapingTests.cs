using AngleSharp.Html.Parser;
using Workspace.Markdown;

namespace Workspace.Reports.UnitTests;

/// <summary>Whatever people type into titles, names, notes and questions, reports and minutes print it as text and render.</summary>
public sealed class EscapingTests
{
    private static readonly MarkdownRenderer Renderer = new();
    private static readonly HtmlParser Parser = new();

    public static TheoryData<string> Typed() =>
    [
        new string('^', 5_000) + "x" + new string('^', 5_000),
        new string('+', 5_000) + "x" + new string('+', 5_000),
        new string('=', 5_000) + "x" + new string('=', 5_000),
        "a " + new string('~', 5_000) + "x" + new string('~', 5_000),
        string.Concat(Enumerable.Repeat("[", 5_000)) + "x" + string.Concat(Enumerable.Repeat("](https://e.org)", 5_000)),
        string.Concat(Enumerable.Repeat("*a ", 3_000)) + "x" + string.Concat(Enumerable.Repeat(" b*", 3_000)),
        new string('>', 5_000) + " x",
        "- 1. > # x",
        "2026. Budget",
        "**bold** _it_ `code` ==mark== ++ins++ ^sup^ ~sub~ ~~del~~ <b>x</b> &amp; \\ | # end #",
        "see https://example.org, www.example.org, mailto:a@example.org and tel:+1555",
        "![img](https://example.org/i.png) [^1] [a]: https://example.org",
    ];

    [Theory]
    [MemberData(nameof(Typed))]
    public void Typed_text_comes_out_as_the_same_text_in_every_report(string typed)
    {
        var header = new ReportHeader(typed, new DateOnly(2026, 6, 30));
        var recommendation = new AdoptedRecommendation(
            typed, typed, "Body.", ["Art. 33"], [typed], ["MX"], new DateOnly(2026, 1, 1), [new Endorsement(typed, true)],
            [new CountryStatus("MX", ImplementationStatus.InProgress, new DateOnly(2026, 2, 1), typed)]);
        var minutes = new MinutesData(
            typed, typed, new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero),
            [new Attendee(typed, typed, "member", new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero))],
            [new MinutesItem(typed, 10, typed, typed, [new PollResult(typed, 1, 0, 0, 0, true)])],
            [new AnsweredQuestion(typed, typed, 2)], 0);

        foreach (var markdown in new[] { Reports.Outcome(header, [recommendation]), Reports.FollowUp(header, [recommendation]), Minutes.Markdown(minutes) })
        {
            var document = Parser.ParseDocument(Renderer.Render(markdown));

            Assert.Null(document.QuerySelector(".markdown-notice"));
            Assert.Empty(document.QuerySelectorAll("em, code, mark, ins, sup, sub, del, a, img, blockquote blockquote, b, ol ol, ul ul, h1 ~ h1"));
            Assert.Contains(typed, document.Body!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_body_nested_too_deeply_is_shown_as_typed_and_the_rest_of_the_report_renders()
    {
        var body = new string('>', 200) + " deep body";
        var recommendation = new AdoptedRecommendation(
            "Deep", "Area", body, ["Art. 33"], ["Congress"], ["MX"], new DateOnly(2026, 1, 1), [], []);

        var html = Reports.Html("Outcome", Reports.Outcome(new ReportHeader("Group", new DateOnly(2026, 6, 30)), [recommendation]), Renderer);
        var document = Parser.ParseDocument(html);

        Assert.NotNull(document.QuerySelector(".markdown-notice"));
        Assert.Contains("deep body", document.QuerySelector("pre.markdown-unrendered")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("1. Deep", document.QuerySelector("h3")?.TextContent);
        Assert.Equal(5, document.QuerySelectorAll("ul li").Length);
    }
}

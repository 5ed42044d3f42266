using Workspace.Markdown;

namespace Workspace.Reports.UnitTests;

public sealed class ReportsTests
{
    private static readonly ReportHeader Header = new("Integrity | systems", new DateOnly(2026, 11, 23));

    private static AdoptedRecommendation Recommendation(string title, string area, DateOnly adopted, params CountryStatus[] followUp) => new(
        title, area, "Body text.", ["Art. 33"], ["Congress"], followUp.Select(f => f.Country).ToArray(), adopted, [new Endorsement("CSO A", false)], followUp);

    [Fact]
    public void Text_people_typed_cannot_become_markup_or_break_the_grid()
    {
        var r = Recommendation("Use *bold* | and <script>alert(1)</script> [link](javascript:x)", "Area", new DateOnly(2026, 1, 1),
            new CountryStatus("MX", ImplementationStatus.InProgress, new DateOnly(2026, 2, 1), "Note with | pipe\nand a line break"));

        var followUp = Reports.FollowUp(Header, [r]);
        var html = Reports.Html("Report", followUp, new MarkdownRenderer());

        var row = followUp.Split('\n').Single(l => l.StartsWith("| 1. ", StringComparison.Ordinal));
        Assert.Equal(4, row.Replace("\\|", string.Empty, StringComparison.Ordinal).Count(ch => ch == '|')); // title, addressees, MX
        Assert.Contains("# Integrity \\| systems: follow-up", followUp, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<em>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Use *bold* | and &lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_with_headings_stays_inside_its_recommendation()
    {
        var r = Recommendation("Title", "Area", new DateOnly(2026, 1, 1)) with { Body = "# Heading in the body\n\nText." };

        var outcome = Reports.Outcome(Header, [r]);

        Assert.Contains("> # Heading in the body\n>\n> Text.\n", outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_adopted_says_so()
    {
        Assert.Contains("No recommendation has been adopted yet.", Reports.Outcome(Header, []), StringComparison.Ordinal);
        Assert.Contains("No recommendation has been adopted yet.", Reports.FollowUp(Header, []), StringComparison.Ordinal);
    }

    [Fact]
    public void Totals_count_each_recommendation_once_per_country_it_concerns()
    {
        var a = Recommendation("A", "Area", new DateOnly(2026, 1, 1),
            new CountryStatus("MX", ImplementationStatus.Implemented, new DateOnly(2026, 5, 1), "Done"),
            new CountryStatus("BR", ImplementationStatus.NotStarted, null, null));
        var b = Recommendation("B", "Area", new DateOnly(2026, 1, 2),
            new CountryStatus("MX", ImplementationStatus.Implemented, new DateOnly(2026, 6, 1), "Done too"));

        var report = Reports.FollowUp(Header, [b, a]);

        Assert.Contains("| Implemented | 0 | 2 | 2 |", report, StringComparison.Ordinal);
        Assert.Contains("| Not started | 1 | 0 | 1 |", report, StringComparison.Ordinal);
        Assert.Contains("| 2. B | Congress | — | Implemented, 2026-06-01 |", report, StringComparison.Ordinal);
    }
}

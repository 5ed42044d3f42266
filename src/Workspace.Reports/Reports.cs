using System.Globalization;
using System.Net;
using System.Text;
using Workspace.Markdown;

namespace Workspace.Reports;

/// <summary>
/// The outcome document (adopted recommendations grouped by thematic area) and the follow-up
/// report (adopted recommendations × countries), as Markdown; <see cref="Html"/> turns either
/// into a standalone HTML page through the one sanitising Markdown pipeline.
/// </summary>
public static class Reports
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Outcome(ReportHeader header, IReadOnlyList<AdoptedRecommendation> recommendations, Texts? texts = null)
    {
        var t = texts ?? Texts.English;
        var md = new StringBuilder();
        md.Append("# ").AppendLine(t.Get("outcome.heading", ("group", Escape(header.GroupName)))).AppendLine();
        md.AppendLine(t.Get("outcome.intro", ("date", t.LongDay(header.GeneratedOn)), ("count", t.Count("report.adopted", recommendations.Count)))).AppendLine();

        var number = 0;
        foreach (var area in Ordered(recommendations).GroupBy(r => r.ThematicArea))
        {
            md.Append("## ").AppendLine(Escape(area.Key)).AppendLine();
            foreach (var r in area)
            {
                number++;
                md.Append("### ").Append(number.ToString(Invariant)).Append(". ").AppendLine(Escape(r.Title)).AppendLine();
                if (!string.IsNullOrWhiteSpace(r.Body))
                {
                    // The body is the group's own Markdown; quoted, so its headings cannot break the outline.
                    foreach (var line in r.Body.Trim().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
                    {
                        md.Append('>').Append(line.Length > 0 ? " " : string.Empty).AppendLine(line);
                    }

                    md.AppendLine();
                }

                // Each article with its title in the report's language ("Art. 33 — Protección de los denunciantes").
                md.Append("- **").Append(t.Get("outcome.articles")).Append("** ").AppendLine(List(r.Articles.Select(a => Convention.Uncac.Label(a, t.Language)).ToArray()));
                md.Append("- **").Append(t.Get("outcome.addressees")).Append("** ").AppendLine(List(r.Addressees));
                md.Append("- **").Append(t.Get("outcome.countries")).Append("** ").AppendLine(List(Countries(t, r.Countries).Select(c => t.Country(c)).ToArray()));
                md.Append("- **").Append(t.Get("outcome.endorsedBy")).Append("** ").AppendLine(List(r.Endorsements
                    .OrderBy(e => e.Organisation, StringComparer.Ordinal)
                    .Select(e => e.WithReservations ? t.Get("outcome.withReservations", ("organisation", e.Organisation)) : e.Organisation).ToArray()));
                md.Append("- **").Append(t.Get("outcome.adoptedOn")).Append("** ").AppendLine(t.LongDay(r.AdoptedOn)).AppendLine();
            }
        }

        if (recommendations.Count == 0)
        {
            md.AppendLine(t.Get("report.noneAdopted")).AppendLine();
        }

        return md.ToString().TrimEnd() + "\n";
    }

    public static string FollowUp(ReportHeader header, IReadOnlyList<AdoptedRecommendation> recommendations, Texts? texts = null)
    {
        var t = texts ?? Texts.English;
        var ordered = Ordered(recommendations).ToArray();
        var countries = Countries(t, ordered.SelectMany(r => r.Countries));
        var names = countries.Select(c => Cell(t.Country(c))).ToArray();
        var md = new StringBuilder();
        md.Append("# ").AppendLine(t.Get("followUp.heading", ("group", Escape(header.GroupName)))).AppendLine();
        md.AppendLine(t.Get(
            "followUp.intro",
            ("date", t.LongDay(header.GeneratedOn)),
            ("recommendations", t.Count("report.adopted", ordered.Length)),
            ("countries", t.Count("report.countries", countries.Length)))).AppendLine();

        if (ordered.Length == 0)
        {
            md.AppendLine(t.Get("report.noneAdopted"));
            return md.ToString();
        }

        md.Append("## ").AppendLine(t.Get("followUp.byCountry")).AppendLine();
        md.Append("| ").Append(t.Get("followUp.column.recommendation")).Append(" | ").Append(t.Get("followUp.column.addressees")).Append(" |")
            .AppendJoin(string.Empty, names.Select(c => $" {c} |")).AppendLine();
        md.Append("|---|---|").AppendJoin(string.Empty, countries.Select(_ => "---|")).AppendLine();
        for (var i = 0; i < ordered.Length; i++)
        {
            var r = ordered[i];
            md.Append("| ").Append((i + 1).ToString(Invariant)).Append(". ").Append(Cell(r.Title)).Append(" | ").Append(Cell(string.Join("; ", r.Addressees))).Append(" |");
            foreach (var country in countries)
            {
                var status = Status(r, country);
                md.Append(' ').Append(status is null ? "—" : status.Date is { } date ? $"{Label(status.Status, t)}, {t.ShortDay(date)}" : Label(status.Status, t)).Append(" |");
            }

            md.AppendLine();
        }

        md.AppendLine().Append("## ").AppendLine(t.Get("followUp.totals")).AppendLine();
        md.Append("| ").Append(t.Get("followUp.column.status")).Append(" |").AppendJoin(string.Empty, names.Select(c => $" {c} |"))
            .Append(' ').Append(t.Get("followUp.column.all")).AppendLine(" |");
        md.Append("|---|").AppendJoin(string.Empty, countries.Select(_ => "---:|")).AppendLine("---:|");
        foreach (var status in Enum.GetValues<ImplementationStatus>())
        {
            var perCountry = countries.Select(c => ordered.Count(r => Status(r, c)?.Status == status)).ToArray();
            md.Append("| ").Append(Label(status, t)).Append(" |")
                .AppendJoin(string.Empty, perCountry.Select(n => $" {n.ToString(Invariant)} |"))
                .Append(' ').Append(perCountry.Sum().ToString(Invariant)).AppendLine(" |");
        }

        md.AppendLine().Append("## ").AppendLine(t.Get("followUp.lastUpdates")).AppendLine();
        for (var i = 0; i < ordered.Length; i++)
        {
            var r = ordered[i];
            md.Append("### ").Append((i + 1).ToString(Invariant)).Append(". ").AppendLine(Escape(r.Title)).AppendLine();
            foreach (var country in Countries(t, r.Countries))
            {
                var status = Status(r, country);
                md.Append("- **").Append(Escape(t.Country(country))).Append("**: ").Append(Label(status?.Status ?? ImplementationStatus.NotStarted, t));
                md.Append(status?.Date is { } date
                    ? $", {t.LongDay(date)}: {Escape(status.Note ?? string.Empty)}".TrimEnd(' ', ':')
                    : $", {t.Get("followUp.noUpdate")}");
                var links = (status?.Evidence ?? []).Select(Link).OfType<string>().ToArray();
                if (links.Length > 0)
                {
                    md.Append(" — ").Append(t.Get("followUp.evidence")).Append(' ').AppendJoin(", ", links);
                }

                md.AppendLine();
            }

            md.AppendLine();
        }

        return md.ToString().TrimEnd() + "\n";
    }

    /// <summary>
    /// What a downloaded report may load once opened: nothing from anywhere (no remote image can tell
    /// whoever wrote its link who read the report, and when) but its own inline styles and data: images.
    /// It is in the file itself, first in its head, because a saved file has no headers.
    /// </summary>
    public const string ContentSecurityPolicy = Workspace.Markdown.Export.HtmlExport.ContentSecurityPolicy; // one policy for every downloaded page

    /// <summary>A standalone, printable HTML page of a report (rendered and sanitised by the one pipeline).</summary>
    public static string Html(string title, string markdown, MarkdownRenderer renderer, string language = "en") =>
        $$"""
        <!doctype html>
        <html lang="{{(Texts.IsSupported(language) ? language : "en")}}">
        <head>
        <meta http-equiv="Content-Security-Policy" content="{{ContentSecurityPolicy}}">
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
        th, td { border: 1px solid #999; padding: .35rem .5rem; text-align: left; vertical-align: top; }
        blockquote { margin: 0 0 1rem; padding-left: 1rem; border-left: 4px solid #ccc; }
        .markdown-notice { font-style: italic; } pre.markdown-unrendered { white-space: pre-wrap; overflow-wrap: anywhere; }
        @media print { body { margin: 0; max-width: none; } }
        </style>
        </head>
        <body>
        {{renderer.Render(markdown)}}
        </body>
        </html>

        """;

    public static string Label(ImplementationStatus status, Texts? texts = null) => (texts ?? Texts.English).Get(status switch
    {
        ImplementationStatus.NotStarted => "status.not-started",
        ImplementationStatus.InProgress => "status.in-progress",
        ImplementationStatus.PartiallyImplemented => "status.partially-implemented",
        ImplementationStatus.Implemented => "status.implemented",
        ImplementationStatus.NoInformation => "status.no-information",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    });

    /// <summary>Country codes, each once, in the order of their names in the reader's language.</summary>
    private static string[] Countries(Texts texts, IEnumerable<string> codes) =>
        codes.Distinct(StringComparer.Ordinal).OrderBy(texts.Country, texts.Collation).ThenBy(c => c, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// An evidence address as a Markdown link showing the address itself; only http(s) addresses
    /// (what follow-up validation accepts) become links, characters that could end the destination are percent-encoded.
    /// </summary>
    private static string? Link(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var destination = new StringBuilder(address.Length);
        foreach (var ch in address)
        {
            _ = ch is '<' or '>' or '(' or ')' or ' ' or '\\' or '"' or '\'' || char.IsControl(ch) || char.IsWhiteSpace(ch)
                ? destination.Append('%').Append(((int)ch).ToString("X2", Invariant))
                : destination.Append(ch);
        }

        return $"[{Escape(address)}](<{destination}>)";
    }

    /// <summary>Thematic areas alphabetically; within one, by adoption day, then title.</summary>
    private static IEnumerable<AdoptedRecommendation> Ordered(IEnumerable<AdoptedRecommendation> recommendations) =>
        recommendations
            .OrderBy(r => r.ThematicArea, StringComparer.Ordinal)
            .ThenBy(r => r.AdoptedOn)
            .ThenBy(r => r.Title, StringComparer.Ordinal);

    private static CountryStatus? Status(AdoptedRecommendation r, string country) =>
        r.Countries.Contains(country)
            ? r.FollowUp.FirstOrDefault(f => f.Country == country) ?? new CountryStatus(country, ImplementationStatus.NotStarted, null, null)
            : null;

    private static string List(IReadOnlyList<string> values) => values.Count == 0 ? "—" : Escape(string.Join("; ", values));

    private static string Cell(string text) => Escape(text);

    /// <summary>Characters Markdown (with this pipeline's extensions) gives meaning to anywhere in a line.</summary>
    private const string Special = "\\`*_[]<>~^+=|&#";

    /// <summary>
    /// Text people typed, printed as text whatever it holds: every character Markdown gives meaning to
    /// is backslash-escaped — emphasis and its extras (<c>* _ ~ ^ + =</c>), code, links and images,
    /// raw HTML and entities, table pipes, heading marks, backslashes; the <c>:</c> of <c>://</c>,
    /// <c>mailto:</c> and <c>tel:</c> and the <c>.</c> of <c>www.</c> (auto-links); a list or block
    /// marker at the start. Line breaks become spaces. Nothing typed can nest, so no report fails to render.
    /// </summary>
    internal static string Escape(string text)
    {
        var flat = text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        var digits = 0;
        while (digits < flat.Length && char.IsAsciiDigit(flat[digits]))
        {
            digits++;
        }

        var result = new StringBuilder(flat.Length + 8);
        for (var i = 0; i < flat.Length; i++)
        {
            var ch = flat[i];
            var escape = Special.Contains(ch, StringComparison.Ordinal)
                || (i == 0 && ch is '-' or '>' or ':')
                || (i == digits && digits > 0 && ch is '.' or ')')
                || (ch == ':' && (flat.AsSpan(i + 1).StartsWith("//", StringComparison.Ordinal) || EndsWithWord(flat, i, "mailto") || EndsWithWord(flat, i, "tel")))
                || (ch == '.' && EndsWithWord(flat, i, "www"));
            if (escape)
            {
                result.Append('\\');
            }

            result.Append(ch);
        }

        return result.ToString();
    }

    private static bool EndsWithWord(string text, int end, string word) =>
        end >= word.Length
        && text.AsSpan(end - word.Length, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase)
        && (end == word.Length || !char.IsAsciiLetter(text[end - word.Length - 1]));
}

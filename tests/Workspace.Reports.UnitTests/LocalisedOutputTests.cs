using System.Text.Json;
using AngleSharp.Html.Parser;
using Workspace.Markdown;

namespace Workspace.Reports.UnitTests;

/// <summary>
/// Issue 20, acceptance 1: minutes and both reports of a Spanish and a Portuguese group, from fixed
/// data with a fixed clock and time zone, equal the checked-in files in Expected/ (country names,
/// dates, plurals, evidence links). Set WORKSPACE_UPDATE_FIXTURES=1 to rewrite them after a deliberate change, then review them.
/// </summary>
public sealed class LocalisedOutputTests
{
    private static readonly TimeZoneInfo Bogota = TimeZoneInfo.FindSystemTimeZoneById("America/Bogota");
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    private static MinutesData Session(string group) => new(
        group,
        "Mesa redonda",
        Start,
        Start.AddMinutes(95),
        [
            new Attendee("Lucía", "Transparencia Colombia", "facilitator", Start),
            new Attendee("Mateo", "Transparencia Colombia", "member", Start.AddMinutes(3)),
            new Attendee("Olga", null, "observer", Start.AddMinutes(10)),
            new Attendee(null, "Embajada", "observer", Start.AddMinutes(12)),
        ],
        [
            new MinutesItem("Canales de denuncia", 1, "Crear canales de denuncia anónima", "Adoptada", [new PollResult("¿Adoptamos?", 3, 1, 0, 0, true)]),
            new MinutesItem("Próximos pasos", 20, null, null, [new PollResult("", 2, 0, 1, 1, true), new PollResult("  ", 1, 0, 0, 0, false)],
                [new Speaker("Mateo", "Transparencia Colombia", "member"), new Speaker(null, "Embajada", "observer"), new Speaker("Olga", null, "observer"), new Speaker("Mateo", "Transparencia Colombia", "member")],
                [new AnsweredQuestion("¿Quién redacta el informe?", "Mateo, Transparencia Colombia", 2, "La secretaría,\nantes de *marzo*.")]),
            new MinutesItem("Varios", 5, null, null, []),
        ],
        [new AnsweredQuestion("¿Será pública el acta?", "Olga, Independiente (observador/a)", 1)],
        1);

    private static readonly AdoptedRecommendation[] Adopted =
    [
        new("Proteger a los denunciantes", "Protección de denunciantes", "Una ley que proteja a quienes denuncian.", ["Art. 33"], ["Congreso"], ["MX", "BR", "CO"],
            new DateOnly(2026, 3, 11), [new Endorsement("Transparencia Colombia", false), new Endorsement("Conectas", true)],
            [
                new CountryStatus("MX", ImplementationStatus.PartiallyImplemented, new DateOnly(2026, 5, 20), "El Senado aprobó la ley",
                    ["https://example.org/senado", "https://example.org/gaceta?n=1&a=(2)"]),
                new CountryStatus("BR", ImplementationStatus.Implemented, new DateOnly(2026, 5, 1), "Ley 14.100 en vigor", []),
            ]),
        new("Publicar los beneficiarios finales", "Responsabilidad de las empresas", "Un registro público.", ["Art. 12.2"], ["Registro Mercantil"], ["CO"],
            new DateOnly(2026, 3, 12), [], []),
    ];

    public static TheoryData<string> Languages() => ["es", "pt"];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Minutes_and_both_reports_read_as_the_checked_in_files(string language)
    {
        var texts = Texts.For(language)!;
        var header = new ReportHeader("Grupo Integridad", new DateOnly(2026, 6, 30), [language, "en"]);

        Expect($"minutes.{language}.md", Minutes.Markdown(Session("Grupo Integridad"), new Presentation(texts, Bogota)));
        Expect($"outcome.{language}.md", Reports.Outcome(header, Adopted, texts));
        Expect($"follow-up.{language}.md", Reports.FollowUp(header, Adopted, texts));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_html_page_is_marked_with_its_language_and_evidence_is_a_link(string language)
    {
        var texts = Texts.For(language)!;
        var markdown = Reports.FollowUp(new ReportHeader("Grupo", new DateOnly(2026, 6, 30)), Adopted, texts);

        var document = new HtmlParser().ParseDocument(Reports.Html("Grupo", markdown, new MarkdownRenderer(), texts.Language));

        Assert.Equal(language, document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(
            ["https://example.org/senado", "https://example.org/gaceta?n=1&a=%282%29"],
            document.QuerySelectorAll("li a").Select(a => a.GetAttribute("href") ?? string.Empty).ToArray());
        Assert.Equal("https://example.org/senado", document.QuerySelector("li a")!.TextContent);
    }

    [Fact]
    public void A_group_is_written_in_its_first_language_the_product_writes_in()
    {
        Assert.Equal("es", Texts.ForGroup(["es", "pt"]).Language);
        Assert.Equal("pt", Texts.ForGroup(["qu", "pt", "es"]).Language);
        Assert.Equal("en", Texts.ForGroup(["fr"]).Language);
        Assert.Equal("en", Texts.ForGroup([]).Language);
        Assert.Null(Texts.For("pt-PT"));
    }

    [Theory]
    [InlineData("en", 0, "0 adopted recommendations")]
    [InlineData("en", 1, "1 adopted recommendation")]
    [InlineData("en", 2, "2 adopted recommendations")]
    [InlineData("es", 1, "1 recomendación adoptada")]
    [InlineData("es", 0, "0 recomendaciones adoptadas")]
    [InlineData("pt", 1, "1 recomendação adotada")]
    [InlineData("pt", 0, "0 recomendação adotada")] // CLDR pt: i = 0..1 is "one", as Intl.PluralRules('pt') says
    [InlineData("pt", 2, "2 recomendações adotadas")]
    public void Counted_phrases_follow_the_plural_rules_of_the_language(string language, int count, string expected) =>
        Assert.Equal(expected, Texts.For(language)!.Count("report.adopted", count));

    [Fact]
    public void A_poll_without_a_question_prints_its_count_only()
    {
        var minutes = Minutes.Markdown(Session("G"));

        Assert.Contains("- Poll: agree 2, abstain 0, disagree 1, block 1\n", minutes, StringComparison.Ordinal);
        Assert.Contains("- Poll (left open): agree 1, abstain 0, disagree 0, block 0\n", minutes, StringComparison.Ordinal);
        Assert.DoesNotContain(":  —", minutes, StringComparison.Ordinal);
        Assert.DoesNotContain(": —", minutes, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_catalogue_has_exactly_the_keys_and_placeholders_of_the_english_one()
    {
        var english = Texts.Catalogue("en");
        foreach (var language in Texts.Languages)
        {
            var catalogue = Texts.Catalogue(language);
            Assert.Equal(english.Keys.Order(StringComparer.Ordinal), catalogue.Keys.Order(StringComparer.Ordinal));
            foreach (var (key, text) in english)
            {
                Assert.False(string.IsNullOrWhiteSpace(catalogue[key]), $"{language} {key} is empty");
                Assert.Equal(Placeholders(text), Placeholders(catalogue[key]));
            }
        }
    }

    [Fact]
    public void Every_country_the_product_offers_has_a_name_in_every_language()
    {
        var offered = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Workspace.Grains", "Validation", "IsoCodes.cs"));
        var list = offered[offered.IndexOf("AllCountries =", StringComparison.Ordinal)..];
        var codes = System.Text.RegularExpressions.Regex.Matches(list[..list.IndexOf(';', StringComparison.Ordinal)], "[A-Z]{2}").Select(m => m.Value).ToArray();

        Assert.Equal(249, codes.Length);
        Assert.Equal(codes.Order(StringComparer.Ordinal), Texts.Countries.Keys.Order(StringComparer.Ordinal));
        Assert.All(Texts.Countries.Values, names => Assert.All(Texts.Languages, l => Assert.False(string.IsNullOrWhiteSpace(names.GetValueOrDefault(l)))));
        Assert.Equal(("Brazil", "Brasil", "Brasil"), (Texts.English.Country("BR"), Texts.For("es")!.Country("BR"), Texts.For("pt")!.Country("BR")));
        Assert.Equal("Colômbia", Texts.For("pt")!.Country("CO"));
    }

    private static string[] Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{(\w+)\}").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToArray();

    private static void Expect(string name, string actual)
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "Workspace.Reports.UnitTests", "Expected", name);
        if (Environment.GetEnvironmentVariable("WORKSPACE_UPDATE_FIXTURES") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run with WORKSPACE_UPDATE_FIXTURES=1 once and review it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workspace.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Workspace.slnx not found above the test's folder.");
    }
}

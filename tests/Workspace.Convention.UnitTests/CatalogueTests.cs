using Workspace.Convention;

namespace Workspace.Convention.UnitTests;

/// <summary>The catalogue against the Convention's texts as cited in SOURCES.md: counts, ranges, titles, cycles.</summary>
public sealed class CatalogueTests
{
    [Fact]
    public void It_has_71_articles_numbered_1_to_71_in_8_chapters_with_their_ranges()
    {
        Assert.Equal(71, Uncac.Articles.Count);
        Assert.Equal(Enumerable.Range(1, 71), Uncac.Articles.Select(a => a.Number));
        Assert.Equal(
            [("I", 1, 4), ("II", 5, 14), ("III", 15, 42), ("IV", 43, 50), ("V", 51, 59), ("VI", 60, 62), ("VII", 63, 64), ("VIII", 65, 71)],
            Uncac.Chapters.Select(c => (c.Roman, c.First, c.Last)));
        Assert.Equal(Enumerable.Range(1, 8), Uncac.Chapters.Select(c => c.Number));
        Assert.All(Uncac.Articles, a => Assert.Equal(a.Chapter, Uncac.Chapters.Single(c => c.Articles.Contains(a.Number)).Number));
    }

    [Fact]
    public void Every_title_is_present_in_all_three_languages()
    {
        foreach (var title in Uncac.Articles.Select(a => a.Title).Concat(Uncac.Chapters.Select(c => c.Title)))
        {
            Assert.False(string.IsNullOrWhiteSpace(title.En));
            Assert.False(string.IsNullOrWhiteSpace(title.Es));
            Assert.False(string.IsNullOrWhiteSpace(title.Pt));
            Assert.Equal(title.En.Trim(), title.En);
            Assert.Equal(title.Es.Trim(), title.Es);
            Assert.Equal(title.Pt.Trim(), title.Pt);
        }

        Assert.Equal(["en", "es", "pt"], Uncac.Sources.Keys.Order());
        Assert.Contains("58/4", Uncac.Sources["en"], StringComparison.Ordinal);
        Assert.Contains("58/4", Uncac.Sources["es"], StringComparison.Ordinal);
        Assert.Contains("5.687", Uncac.Sources["pt"], StringComparison.Ordinal);
    }

    /// <summary>English: the authentic text's table of contents (UNODC 2004 edition; SOURCES.md).</summary>
    [Theory]
    [InlineData(1, "Statement of purpose")]
    [InlineData(2, "Use of terms")]
    [InlineData(5, "Preventive anti-corruption policies and practices")]
    [InlineData(13, "Participation of society")]
    [InlineData(17, "Embezzlement, misappropriation or other diversion of property by a public official")]
    [InlineData(26, "Liability of legal persons")]
    [InlineData(33, "Protection of reporting persons")]
    [InlineData(35, "Compensation for damage")]
    [InlineData(40, "Bank secrecy")]
    [InlineData(46, "Mutual legal assistance")]
    public void English_titles_are_the_authentic_texts(int article, string title) => Assert.Equal(title, Uncac.ArticleNumber(article).Title.En);

    /// <summary>Spanish: the authentic text's headings (UNODC 2004 edition; index checked against derechoshumanos.net's copy).</summary>
    [Theory]
    [InlineData(1, "Finalidad")]
    [InlineData(2, "Definiciones")]
    [InlineData(6, "Órgano u órganos de prevención de la corrupción")]
    [InlineData(9, "Contratación pública y gestión de la hacienda pública")]
    [InlineData(11, "Medidas relativas al poder judicial y al ministerio público")]
    [InlineData(14, "Medidas para prevenir el blanqueo de dinero")]
    [InlineData(17, "Malversación o peculado, apropiación indebida u otras formas de desviación de bienes por un funcionario público")]
    [InlineData(33, "Protección de los denunciantes")]
    public void Spanish_titles_are_the_authentic_texts(int article, string title) => Assert.Equal(title, Uncac.ArticleNumber(article).Title.Es);

    /// <summary>Portuguese: Decree 5.687/2006 as promulgated (its spelling kept), contents checked against UNODC Brazil's edition.</summary>
    [Theory]
    [InlineData(1, "Finalidade")]
    [InlineData(33, "Proteção aos denunciantes")]
    [InlineData(34, "Conseqüências dos atos de corrupção")]
    [InlineData(38, "Cooperação entre organismos nacionais")]
    [InlineData(39, "Cooperação entre os organismos nacionais e o setor privado")]
    [InlineData(40, "Sigilo bancário")]
    [InlineData(41, "Antecedentes penais")]
    [InlineData(44, "Extradição")]
    [InlineData(45, "Traslado de pessoas condenadas a cumprir uma pena")]
    [InlineData(46, "Assistência judicial recíproca")]
    public void Portuguese_titles_are_the_decrees(int article, string title) => Assert.Equal(title, Uncac.ArticleNumber(article).Title.Pt);

    [Fact]
    public void Chapter_titles_in_the_three_languages()
    {
        Assert.Equal("Criminalization and law enforcement", Uncac.Chapters[2].Title.En);
        Assert.Equal("Penalización y aplicación de la ley", Uncac.Chapters[2].Title.Es);
        Assert.Equal("Cooperação internacional", Uncac.Chapters[3].Title.Pt);
        Assert.Equal("Preventive measures", Uncac.Chapters[1].Title.En);
    }

    [Fact]
    public void The_review_cycles_are_chapters_III_and_IV_then_II_and_V()
    {
        Assert.Equal([1, 2], Uncac.Cycles.Select(c => c.Number));
        Assert.Equal([3, 4], Uncac.Cycles[0].Chapters);
        Assert.Equal([2, 5], Uncac.Cycles[1].Chapters);
        Assert.Equal(36, Uncac.Scope("cycle:1")!.Count);
        Assert.Equal(19, Uncac.Scope("cycle:2")!.Count);
        Assert.Equal(Enumerable.Range(5, 10).Concat(Enumerable.Range(51, 9)), Uncac.Scope("cycle:2")!.Order());
    }

    [Fact]
    public void Labels_carry_the_title_in_the_language_asked_for()
    {
        Assert.Equal("Art. 33 — Protection of reporting persons", Uncac.Label("Art. 33", "en"));
        Assert.Equal("Art. 33 — Protección de los denunciantes", Uncac.Label("Art. 33", "es"));
        Assert.Equal("Art. 33.2 — Proteção aos denunciantes", Uncac.Label("art 33.2", "pt-BR"));
        Assert.Equal("Art. 33 — Protection of reporting persons", Uncac.Label("Art. 33", "fr"));
        Assert.Equal("not an article", Uncac.Label("not an article", "en"));
    }
}

using Workspace.Convention;

namespace Workspace.Convention.UnitTests;

/// <summary>Every reference form accepted before issue 21 is still accepted, and scopes name what they should.</summary>
public sealed class ReferenceTests
{
    [Theory]
    [InlineData("Art. 33", "Art. 33")]
    [InlineData("art 8.4", "Art. 8.4")]
    [InlineData("Article 13.2", "Art. 13.2")]
    [InlineData("13.2", "Art. 13.2")]
    [InlineData("artículo 5", "Art. 5")]
    [InlineData("artigo 5", "Art. 5")]
    [InlineData("ARTICULO 71", "Art. 71")]
    [InlineData("  Art.1  ", "Art. 1")]
    [InlineData("Art. 46.30", "Art. 46.30")]
    [InlineData("33", "Art. 33")]
    public void Accepted_forms_are_read_as_before(string text, string expected) => Assert.Equal(expected, Uncac.Reference(text));

    [Theory]
    [InlineData("Art. 72")]
    [InlineData("0")]
    [InlineData("33.31")]
    [InlineData("Art. 33.0")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Art. 33.2.1")]
    [InlineData("chapter:III")]
    public void Bad_references_are_refused(string? text) => Assert.Null(Uncac.Reference(text));

    [Fact]
    public void References_sort_by_article_then_paragraph()
    {
        Assert.Equal(["Art. 8.4", "Art. 13", "Art. 13.2"], new[] { "Art. 13.2", "Art. 8.4", "Art. 13" }.OrderBy(Uncac.Order));
        Assert.Equal(13, Uncac.ArticleOf("Art. 13.2"));
    }

    [Fact]
    public void Scopes_name_an_article_a_chapter_or_a_cycle()
    {
        Assert.Equal([33], Uncac.Scope("33")!);
        Assert.Equal([33], Uncac.Scope("Art. 33.2")!);
        Assert.Equal(Enumerable.Range(15, 28), Uncac.Scope("chapter:III")!.Order());
        Assert.Equal(Uncac.Scope("chapter:III")!.Order(), Uncac.Scope("chapter:3")!.Order());
        Assert.Equal(Uncac.Scope("chapter:III")!.Order(), Uncac.Scope(" Chapter : iii ")!.Order());
        Assert.Equal(Enumerable.Range(65, 7), Uncac.Scope("chapter:VIII")!.Order());
        Assert.Equal(Enumerable.Range(15, 36), Uncac.Scope("cycle:1")!.Order());
    }

    [Theory]
    [InlineData("chapter:IX")]
    [InlineData("chapter:9")]
    [InlineData("chapter:")]
    [InlineData("cycle:3")]
    [InlineData("cycle:0")]
    [InlineData("cycle:two")]
    [InlineData("article:33")]
    [InlineData("Art. 72")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(null)]
    public void Bad_scopes_name_nothing(string? scope) => Assert.Null(Uncac.Scope(scope));

    [Fact]
    public void Chapters_are_named_by_number_or_numeral()
    {
        Assert.Equal(5, Uncac.ChapterNamed("V")!.Number);
        Assert.Equal(5, Uncac.ChapterNamed("5")!.Number);
        Assert.Null(Uncac.ChapterNamed("X"));
        Assert.Equal(3, Uncac.ChapterOf(33).Number);
    }
}

using Workspace.Server.Search;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>The matching and snippets of search, without a server: folding, ranking, what the snippet shows and marks.</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Proteccion", "La Protección de testigos")]
    [InlineData("PROTECCIÓN", "la proteccion")]
    [InlineData("sao paulo", "São Paulo")]
    [InlineData("ação", "ACAO")]
    [InlineData("e\u0301", "café")] // a decomposed accent in the query folds away too
    [InlineData("cafe", "cafe\u0301")]
    public void Case_and_accents_are_ignored(string query, string text) =>
        Assert.NotNull(SearchText.Parse(query).Find("", text, titleCounts: true, maxScanned: 1000));

    [Fact]
    public void Every_word_must_occur_and_title_hits_rank_first()
    {
        var search = SearchText.Parse("asset declarations");

        Assert.Null(search.Find("Registries", "declarations of interest", true, 1000));
        Assert.NotNull(search.Find("Assets", "declarations of interest", true, 1000)); // a substring counts: "asset" is in "Assets"
        Assert.Equal(2, search.Find("Asset declarations", null, true, 1000)!.Rank);
        Assert.Equal(1, search.Find("Asset registries", "their declarations", true, 1000)!.Rank);
        Assert.Equal(0, search.Find("Registries", "asset declarations", true, 1000)!.Rank);
        Assert.Null(search.Find("Asset declarations", "nothing", titleCounts: false, 1000)); // a comment's thread title is not its text
    }

    [Fact]
    public void The_snippet_is_plain_text_around_the_first_hit_with_the_hits_marked()
    {
        var text = string.Join(' ', Enumerable.Repeat("filler words here", 30)) + "\n\n## The **Protección** de testigos\n\n" + string.Join(' ', Enumerable.Repeat("more text", 40));
        var match = SearchText.Parse("proteccion").Find("", text, true, 100_000)!;

        Assert.StartsWith("…", match.Snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", match.Snippet, StringComparison.Ordinal);
        Assert.InRange(match.Snippet.Length, 100, SearchText.SnippetLength + 2);
        Assert.DoesNotContain("\n", match.Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("**", match.Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("#", match.Snippet, StringComparison.Ordinal);
        var (start, length) = Assert.Single(match.Highlights);
        Assert.Equal("Protección", match.Snippet.Substring(start, length));
    }

    [Fact]
    public void Markup_in_a_snippet_stays_text_and_surrogate_pairs_are_never_split()
    {
        var match = SearchText.Parse("script").Find("", "<script>alert(1)</script> 😀" + string.Concat(Enumerable.Repeat("😀", 200)), true, 100_000)!;
        Assert.Contains("<script>", match.Snippet, StringComparison.Ordinal); // the client shows it as text, never as HTML
        Assert.All(match.Highlights, h => Assert.Equal("script", match.Snippet.Substring(h.Start, h.Length)));
        for (var i = 0; i < match.Snippet.Length; i++)
        {
            Assert.False(char.IsHighSurrogate(match.Snippet[i]) && (i + 1 == match.Snippet.Length || !char.IsLowSurrogate(match.Snippet[i + 1])), "a split pair");
            Assert.False(char.IsLowSurrogate(match.Snippet[i]) && (i == 0 || !char.IsHighSurrogate(match.Snippet[i - 1])), "a split pair");
        }
    }

    [Fact]
    public void Only_the_beginning_of_a_long_text_is_scanned()
    {
        var text = new string('a', 200) + " needle";
        Assert.NotNull(SearchText.Parse("needle").Find("", text, true, 1000));
        Assert.Null(SearchText.Parse("needle").Find("", text, true, 100));
    }
}

namespace Workspace.Collaboration.UnitTests;

public sealed class TextDiffTests
{
    [Fact]
    public void The_diff_turns_one_text_into_the_other_without_cutting_a_character()
    {
        for (var seed = 0; seed < 2_000; seed++)
        {
            var random = new RandomEdits(seed);
            var from = random.Text();
            var to = seed % 3 == 0 ? random.Operation(from).Apply(from) : random.Text();

            var diff = TextDiff.Between(from, to);

            Assert.Equal(to, diff.Apply(from));
        }
    }

    [Theory]
    [InlineData("a😀b", "a😁b", "[1, \"😁\", -2, 1]")]
    [InlineData("same", "same", "[4]")]
    [InlineData("", "new", "[\"new\"]")]
    public void The_diff_is_one_range_on_whole_characters(string from, string to, string expected) =>
        Assert.Equal(TextOperationJson.Parse(expected), TextDiff.Between(from, to));
}

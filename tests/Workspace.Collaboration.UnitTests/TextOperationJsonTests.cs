namespace Workspace.Collaboration.UnitTests;

public sealed class TextOperationJsonTests
{
    [Fact]
    public void Reads_and_writes_the_ot_js_wire_form()
    {
        var op = TextOperationJson.Parse("""[5, "abc", -2, 3, "😀"]""");

        Assert.Equal([Component.Retain(5), Component.Insert("abc"), Component.Delete(2), Component.Retain(3), Component.Insert("😀")], op.Components);
        Assert.Equal(op, TextOperationJson.Parse(TextOperationJson.Serialize(op)));
    }

    [Theory]
    [InlineData("{}", "array")]
    [InlineData("[0]", "non-zero")]
    [InlineData("[1.5]", "non-zero")]
    [InlineData("[\"\"]", "non-empty")]
    [InlineData("[[1]]", "non-zero")]
    [InlineData("[null]", "non-zero")]
    [InlineData("[true]", "non-zero")]
    [InlineData("[3000000000]", "non-zero")]
    [InlineData("[-2147483648]", "non-zero")]
    [InlineData("[\"\\ud83d\"]", "half of a character")]
    [InlineData("[\"\\ude00x\"]", "half of a character")]
    [InlineData("[1,", "not valid JSON")]
    public void Malformed_operations_are_refused_with_a_reason(string json, string reason)
    {
        var error = Assert.Throws<OperationException>(() => TextOperationJson.Parse(json));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Too_many_steps_are_refused()
    {
        var json = "[" + string.Join(",", Enumerable.Repeat("1,\"a\"", 6_000)) + "]";

        var error = Assert.Throws<OperationException>(() => TextOperationJson.Parse(json));

        Assert.Contains("at most", error.Message);
    }
}

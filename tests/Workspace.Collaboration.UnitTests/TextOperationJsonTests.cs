using System.Text.Json;

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

    [Theory]
    [InlineData("{}", "array")]
    [InlineData("[0]", "non-zero")]
    [InlineData("[1.5]", "non-zero")]
    [InlineData("[\"\"]", "non-empty")]
    [InlineData("[[1]]", "non-zero")]
    [InlineData("[{\"a\": 1}]", "{\"a\": 1}")]
    [InlineData("[null]", "non-zero")]
    [InlineData("[3000000000]", "non-zero")]
    [InlineData("[\"\\ud83d\"]", "half of a character")]
    public void A_payload_converter_refuses_what_parsing_refuses(string json, string reason)
    {
        var options = new JsonSerializerOptions { Converters = { new TextOperationJsonConverter() } };

        var error = Assert.Throws<OperationException>(() => JsonSerializer.Deserialize<TextOperation>(json, options));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_payload_converter_reads_an_operation_inside_a_message_and_leaves_the_rest()
    {
        var options = new JsonSerializerOptions { Converters = { new TextOperationJsonConverter() } };

        var message = JsonSerializer.Deserialize<Dictionary<string, TextOperation>>("""{"a": [5, "abc", -2, 3, "😀"], "b": ["x"]}""", options)!;

        Assert.Equal(TextOperationJson.Parse("""[5, "abc", -2, 3, "😀"]"""), message["a"]);
        Assert.Equal(TextOperationJson.Parse("""["x"]"""), message["b"]);
    }

    [Fact]
    public void Too_many_steps_are_refused()
    {
        var json = "[" + string.Join(",", Enumerable.Repeat("1,\"a\"", 6_000)) + "]";

        var error = Assert.Throws<OperationException>(() => TextOperationJson.Parse(json));

        Assert.Contains("at most", error.Message);
    }
}

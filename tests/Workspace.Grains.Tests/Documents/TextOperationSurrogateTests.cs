using Workspace.Collaboration;
using Workspace.Contracts.Documents;

namespace Workspace.Grains.Tests.Documents;

/// <summary>How operations are stored and sent between silos: a round trip changes nothing, and the earlier JSON form is still read.</summary>
public sealed class TextOperationSurrogateTests
{
    private readonly TextOperationConverter _converter = new();

    [Theory]
    [InlineData("[]")]
    [InlineData("[\"only an insert\"]")]
    [InlineData("[5, \"ab😀\", -2, 3, \"x\", -1]")]
    public void An_operation_survives_the_round_trip(string json)
    {
        var operation = TextOperationJson.Parse(json);

        var back = _converter.ConvertFromSurrogate(_converter.ConvertToSurrogate(operation));

        Assert.Equal(operation, back);
        Assert.Equal(operation.BaseLength, back.BaseLength);
    }

    [Fact]
    public void State_stored_in_the_earlier_json_form_is_still_read() =>
        Assert.Equal(TextOperationJson.Parse("[2, \"z\", -1]"), _converter.ConvertFromSurrogate(new TextOperationSurrogate { Json = "[2, \"z\", -1]" }));
}

namespace Workspace.Collaboration.UnitTests;

public sealed class TextBufferTests
{
    [Fact]
    public void Applying_in_place_gives_the_same_text_as_applying_to_a_string_over_thousands_of_random_edits()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new RandomEdits(seed);
            var text = random.Text(30);
            var buffer = new TextBuffer(text);
            for (var step = 0; step < 50; step++)
            {
                var operation = random.Operation(text);

                text = operation.Apply(text);
                buffer.Apply(operation);

                Assert.Equal(text.Length, buffer.Length);
                Assert.Equal(text, buffer.ToString());
            }
        }
    }

    [Fact]
    public void Edits_far_apart_and_a_growing_text_keep_it_whole()
    {
        var buffer = new TextBuffer("middle");
        var text = "middle";
        for (var i = 0; i < 500; i++)
        {
            var operation = i % 3 == 0
                ? TextOperation.Builder().Insert("<" + i).Retain(text.Length).Build()
                : i % 3 == 1
                    ? TextOperation.Builder().Retain(text.Length).Insert(i + ">").Build()
                    : TextOperation.Builder().Retain(text.Length / 2).Delete(1).Insert("🙂").Retain(text.Length - (text.Length / 2) - 1).Build();
            if (i % 3 == 2 && char.IsSurrogate(text[text.Length / 2]))
            {
                continue;
            }

            text = operation.Apply(text);
            buffer.Apply(operation);
        }

        Assert.Equal(text, buffer.ToString());
        Assert.Equal(text[0], buffer[0]);
        Assert.Equal(text[^1], buffer[buffer.Length - 1]);
    }

    [Theory]
    [InlineData(4, "The operation expects a text of 4 code units")]
    [InlineData(1, "cuts a character in two at position 1")]
    public void A_refused_operation_changes_nothing(int retain, string reason)
    {
        var buffer = new TextBuffer("😀a");
        var before = buffer.ToString();
        var operation = retain == 4
            ? TextOperation.Builder().Retain(4).Insert("x").Build()
            : TextOperation.Builder().Retain(1).Insert("x").Retain(2).Build();

        var error = Assert.Throws<OperationException>(() => buffer.Apply(operation));

        Assert.Contains(reason, error.Message);
        Assert.Equal(before, buffer.ToString());
        Assert.Equal(3, buffer.Length);
        Assert.Equal(Assert.Throws<OperationException>(() => operation.Apply(before)).Message, error.Message);
    }

    [Fact]
    public void A_deletion_that_would_split_a_pair_is_refused_like_applying_to_a_string()
    {
        var buffer = new TextBuffer("a😀b");
        var operation = TextOperation.Builder().Retain(2).Delete(2).Build();

        Assert.Throws<OperationException>(() => buffer.Apply(operation));
        Assert.Throws<OperationException>(() => operation.Apply("a😀b"));
        Assert.Equal("a😀b", buffer.ToString());
    }
}

namespace Workspace.Collaboration.UnitTests;

public sealed class TextOperationTests
{
    [Fact]
    public void Builder_keeps_one_spelling_for_one_edit()
    {
        var op = TextOperation.Builder().Retain(2).Retain(1).Delete(1).Insert("x").Insert("y").Delete(2).Retain(0).Insert("").Build();

        Assert.Equal([Component.Retain(3), Component.Insert("xy"), Component.Delete(3)], op.Components);
        Assert.Equal((6, 5), (op.BaseLength, op.TargetLength));
    }

    [Fact]
    public void Apply_edits_text_and_refuses_a_text_of_another_length()
    {
        var op = TextOperation.Builder().Retain(6).Delete(5).Insert("mundo").Build();

        Assert.Equal("Hello mundo", op.Apply("Hello world"));
        var error = Assert.Throws<OperationException>(() => op.Apply("Hello"));
        Assert.Contains("11", error.Message);
    }

    [Fact]
    public void Apply_refuses_to_cut_an_emoji_in_two()
    {
        var text = "a😀b"; // 😀 is two UTF-16 code units
        var cut = TextOperation.Builder().Retain(2).Delete(2).Build();
        var whole = TextOperation.Builder().Retain(1).Delete(2).Retain(1).Build();

        Assert.Throws<OperationException>(() => cut.Apply(text));
        Assert.Equal("ab", whole.Apply(text));
    }

    [Fact]
    public void Both_inserting_at_one_place_puts_the_first_argument_first_on_every_side()
    {
        var a = TextOperation.Builder().Retain(1).Insert("A").Retain(1).Build();
        var b = TextOperation.Builder().Retain(1).Insert("B").Retain(1).Build();

        var (aPrime, bPrime) = TextOperation.Transform(a, b);

        Assert.Equal("xABy", bPrime.Apply(a.Apply("xy")));
        Assert.Equal("xABy", aPrime.Apply(b.Apply("xy")));
    }

    [Fact]
    public void Overlapping_deletes_delete_once()
    {
        var a = TextOperation.Builder().Retain(1).Delete(3).Build();      // "abcd" -> "a"
        var b = TextOperation.Builder().Retain(2).Delete(2).Build();      // "abcd" -> "ab"

        var (aPrime, bPrime) = TextOperation.Transform(a, b);

        Assert.Equal("a", bPrime.Apply(a.Apply("abcd")));
        Assert.Equal("a", aPrime.Apply(b.Apply("abcd")));
    }

    [Fact]
    public void Operations_that_do_not_line_up_are_refused()
    {
        var three = TextOperation.Builder().Retain(3).Build();
        var four = TextOperation.Builder().Retain(4).Build();

        Assert.Throws<OperationException>(() => TextOperation.Transform(three, four));
        Assert.Throws<OperationException>(() => TextOperation.Compose(three, four));
        Assert.Throws<OperationException>(() => TextOperation.Builder().Retain(-1));
    }

    [Theory]
    [InlineData(0, false, 0)]
    [InlineData(2, false, 5)]   // insert "xyz" at 2 pushes a cursor at 2 to the right
    [InlineData(2, true, 2)]    // ... unless it sticks left (the inserting author's own cursor goes right by the caller)
    [InlineData(4, false, 5)]   // deleted range collapses onto its start (after the insert)
    [InlineData(6, false, 7)]   // "g" moves right by 3 inserted − 2 deleted
    [InlineData(7, false, 8)]   // the end stays the end
    public void Cursor_positions_move_through_an_operation(int before, bool stickLeft, int after)
    {
        // "abcdefg": insert "xyz" at 2 and delete "cd" → "abxyzefg".
        var op = TextOperation.Builder().Retain(2).Insert("xyz").Delete(2).Retain(3).Build();

        Assert.Equal(after, op.TransformIndex(before, stickLeft));
    }
}

namespace Workspace.Collaboration.UnitTests;

/// <summary>Ranges carried through edits: what amendments rely on to know whether their text was changed since.</summary>
public sealed class RangeMappingTests
{
    private const string Text = "The State shall protect whistleblowers.";

    [Fact]
    public void An_edit_before_the_range_moves_it_and_leaves_it_untouched()
    {
        var op = TextOperation.Builder().Insert("Each ").Retain(Text.Length).Build();

        var mapped = op.MapRange(16, 23); // "protect"

        Assert.Equal(new RangeMapping(21, 28, false), mapped);
        Assert.Equal("protect", op.Apply(Text)[mapped.From..mapped.To]);
    }

    [Fact]
    public void Typing_right_at_either_edge_stays_outside_the_range()
    {
        var op = TextOperation.Builder().Retain(16).Insert("[").Retain(7).Insert("]").Retain(Text.Length - 23).Build();

        var mapped = op.MapRange(16, 23);

        Assert.False(mapped.Touched);
        Assert.Equal("protect", op.Apply(Text)[mapped.From..mapped.To]);
    }

    [Theory]
    [InlineData(18, 0, "x")] // insert inside
    [InlineData(15, 2, "")] // delete across the start
    [InlineData(22, 3, "")] // delete across the end
    [InlineData(18, 1, "o")] // replace one character inside
    public void An_edit_inside_the_range_touches_it(int at, int delete, string insert)
    {
        var op = TextOperation.Builder().Retain(at).Insert(insert).Delete(delete).Retain(Text.Length - at - delete).Build();

        Assert.True(op.MapRange(16, 23).Touched);
    }

    [Fact]
    public void An_empty_range_is_touched_only_by_a_deletion_across_it()
    {
        var insertThere = TextOperation.Builder().Retain(10).Insert("x").Retain(Text.Length - 10).Build();
        var deleteAcross = TextOperation.Builder().Retain(8).Delete(4).Retain(Text.Length - 12).Build();
        var deleteUpTo = TextOperation.Builder().Retain(8).Delete(2).Retain(Text.Length - 10).Build();

        Assert.False(insertThere.MapRange(10, 10).Touched);
        Assert.True(deleteAcross.MapRange(10, 10).Touched);
        Assert.Equal(new RangeMapping(8, 8, false), deleteUpTo.MapRange(10, 10));
    }

    [Fact]
    public void A_range_outside_the_text_is_refused()
    {
        var op = TextOperation.Builder().Retain(Text.Length).Build();

        Assert.Throws<OperationException>(() => op.MapRange(5, Text.Length + 1));
        Assert.Throws<OperationException>(() => op.MapRange(6, 5));
    }

    [Fact]
    public void An_untouched_range_keeps_its_text_through_random_edits()
    {
        var edits = new RandomEdits(20261123);
        var untouched = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = edits.Text(16);
            var op = edits.Operation(text);
            var from = edits.Random.Next(text.Length + 1);
            var to = edits.Random.Next(from, text.Length + 1);

            var mapped = op.MapRange(from, to);
            var after = op.Apply(text);

            Assert.InRange(mapped.From, 0, after.Length);
            Assert.InRange(mapped.To, mapped.From, after.Length);
            if (!mapped.Touched)
            {
                untouched++;
                Assert.Equal(text[from..to], after[mapped.From..mapped.To]);
            }
        }

        Assert.InRange(untouched, 300, 2990); // both outcomes occur, so the property was exercised
    }
}

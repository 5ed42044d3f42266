namespace Workspace.Collaboration.UnitTests;

/// <summary>The laws every OT engine must keep, over thousands of random edits including emoji.</summary>
public sealed class LawTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Transform_makes_concurrent_edits_converge(int seed)
    {
        var edits = new RandomEdits(seed);
        for (var i = 0; i < 250; i++)
        {
            var text = edits.Text();
            var a = edits.Operation(text);
            var b = edits.Operation(text);

            var (aPrime, bPrime) = TextOperation.Transform(a, b);

            Assert.Equal(bPrime.Apply(a.Apply(text)), aPrime.Apply(b.Apply(text)));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compose_equals_applying_one_after_the_other(int seed)
    {
        var edits = new RandomEdits(seed);
        for (var i = 0; i < 250; i++)
        {
            var text = edits.Text();
            var a = edits.Operation(text);
            var b = edits.Operation(a.Apply(text));

            var composed = TextOperation.Compose(a, b);

            Assert.Equal(b.Apply(a.Apply(text)), composed.Apply(text));
            Assert.Equal(composed, TextOperationJson.Parse(TextOperationJson.Serialize(composed)));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compose_is_associative_in_effect(int seed)
    {
        var edits = new RandomEdits(seed);
        for (var i = 0; i < 100; i++)
        {
            var text = edits.Text();
            var a = edits.Operation(text);
            var b = edits.Operation(a.Apply(text));
            var c = edits.Operation(b.Apply(a.Apply(text)));

            var left = TextOperation.Compose(TextOperation.Compose(a, b), c);
            var right = TextOperation.Compose(a, TextOperation.Compose(b, c));

            Assert.Equal(left.Apply(text), right.Apply(text));
            Assert.Equal(left, right);
        }
    }
}

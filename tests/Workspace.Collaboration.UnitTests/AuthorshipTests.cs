namespace Workspace.Collaboration.UnitTests;

public sealed class AuthorshipTests
{
    private static readonly Guid[] Authors = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

    [Fact]
    public void Rewriting_in_place_gives_the_same_runs_as_rebuilding_them_over_thousands_of_random_edits()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var rebuilt = new List<AuthorSpan>();
            var inPlace = new List<AuthorSpan>();
            var length = 0;
            for (var step = 0; step < 40; step++)
            {
                var operation = RandomOperation(random, length);
                var author = Authors[random.Next(Authors.Length)];

                rebuilt = Authorship.Apply(rebuilt, operation, author);
                Authorship.ApplyInPlace(inPlace, operation, author);
                length = operation.TargetLength;

                Assert.Equal(rebuilt, inPlace);
                Assert.Equal(length, inPlace.Sum(r => r.Length));
            }
        }
    }

    [Fact]
    public void Many_authors_appending_in_turn_keep_one_run_each_time_the_author_changes()
    {
        var runs = new List<AuthorSpan>();
        var length = 0;
        for (var i = 0; i < 1000; i++)
        {
            Authorship.ApplyInPlace(runs, TextOperation.Builder().Retain(length).Insert("abcd").Build(), Authors[i % 2]);
            length += 4;
        }

        Assert.Equal(1000, runs.Count);
        Assert.All(runs, r => Assert.Equal(4, r.Length));

        Authorship.ApplyInPlace(runs, TextOperation.Builder().Retain(2).Delete(length - 4).Retain(2).Build(), Authors[2]);

        Assert.Equal([new AuthorSpan(2, Authors[0]), new AuthorSpan(2, Authors[1])], runs);
    }

    private static TextOperation RandomOperation(Random random, int length)
    {
        var builder = TextOperation.Builder();
        var index = 0;
        var edits = random.Next(0, 3);
        while (index < length)
        {
            var span = Math.Min(length - index, random.Next(1, 8));
            switch (edits > 0 ? random.Next(5) : 4)
            {
                case 0: builder.Insert(new string('x', random.Next(1, 6))); edits--; break;
                case 1: builder.Delete(span); index += span; edits--; break;
                default: builder.Retain(span); index += span; break;
            }
        }

        if (length == 0 || random.Next(3) == 0)
        {
            builder.Insert(new string('y', random.Next(1, 6)));
        }

        return builder.Build();
    }
}

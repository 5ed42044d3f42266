using Workspace.Collaboration;
using Workspace.Contracts.Documents;

namespace Workspace.Grains.Documents;

/// <summary>Who wrote which text: runs of code units per author, carried through every operation.</summary>
public static class Authorship
{
    public static List<AuthorRun> Apply(IReadOnlyList<AuthorRun> runs, TextOperation operation, Guid author)
    {
        var result = new List<AuthorRun>(runs.Count + 2);
        var index = 0;
        var left = runs.Count > 0 ? runs[0].Length : 0;
        foreach (var step in operation.Components)
        {
            switch (step.Kind)
            {
                case ComponentKind.Insert:
                    Add(result, step.Count, author);
                    break;
                case ComponentKind.Retain:
                case ComponentKind.Delete:
                    var n = step.Count;
                    while (n > 0)
                    {
                        var take = Math.Min(n, left);
                        if (step.Kind == ComponentKind.Retain)
                        {
                            Add(result, take, runs[index].AuthorId);
                        }

                        n -= take;
                        left -= take;
                        if (left == 0 && ++index < runs.Count)
                        {
                            left = runs[index].Length;
                        }
                    }

                    break;
            }
        }

        return result;
    }

    private static void Add(List<AuthorRun> runs, int length, Guid author)
    {
        if (runs.Count > 0 && runs[^1].AuthorId == author)
        {
            runs[^1] = runs[^1] with { Length = runs[^1].Length + length };
        }
        else
        {
            runs.Add(new AuthorRun(length, author));
        }
    }
}

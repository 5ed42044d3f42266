namespace Workspace.Collaboration;

/// <summary>A run of consecutive text written by one author.</summary>
public readonly record struct AuthorSpan(int Length, Guid AuthorId);

/// <summary>Who wrote which text: runs of code units per author, carried through every operation.</summary>
public static class Authorship
{
    /// <summary>
    /// Carries <paramref name="runs"/> through <paramref name="operation"/> in place, rewriting only
    /// the runs around what the operation touches (typing in a long document with many authors must
    /// not cost the whole list per keystroke). Same result as <see cref="Apply"/>.
    /// </summary>
    public static void ApplyInPlace(List<AuthorSpan> runs, TextOperation operation, Guid author)
    {
        var steps = operation.Components;
        if (operation.IsNoop)
        {
            return;
        }

        var head = steps[0].Kind == ComponentKind.Retain ? steps[0].Count : 0;
        var tail = steps[^1].Kind == ComponentKind.Retain ? steps[^1].Count : 0;
        var from = head;
        var to = operation.BaseLength - tail;

        // The runs from the one holding the last untouched unit before the edit to the one holding
        // the first untouched unit after it: merging happens inside them, and their edges stay as they were.
        var (first, firstStart) = RunAt(runs, operation.BaseLength, Math.Max(from - 1, 0));
        var (last, lastStart) = RunAt(runs, operation.BaseLength, Math.Min(to, operation.BaseLength - 1));
        var count = runs.Count == 0 ? 0 : last - first + 1;
        var end = runs.Count == 0 ? 0 : lastStart + runs[last].Length;
        var local = TextOperation.Builder().Retain(from - firstStart);
        for (var i = head > 0 ? 1 : 0; i < steps.Count - (tail > 0 ? 1 : 0); i++)
        {
            _ = steps[i].Kind switch
            {
                ComponentKind.Retain => local.Retain(steps[i].Count),
                ComponentKind.Insert => local.Insert(steps[i].Text),
                _ => local.Delete(steps[i].Count),
            };
        }

        var rewritten = Apply(runs.GetRange(first, count), local.Retain(end - to).Build(), author);
        runs.RemoveRange(first, count);
        runs.InsertRange(first, rewritten);
    }

    /// <summary>The run holding <paramref name="position"/> and where it starts, counted from the nearer end.</summary>
    private static (int Index, int Start) RunAt(List<AuthorSpan> runs, int length, int position)
    {
        if (runs.Count == 0)
        {
            return (0, 0);
        }

        if (position < length / 2)
        {
            var start = 0;
            for (var i = 0; i < runs.Count; i++)
            {
                if (position < start + runs[i].Length)
                {
                    return (i, start);
                }

                start += runs[i].Length;
            }

            return (runs.Count - 1, start - runs[^1].Length);
        }

        var runStart = length;
        for (var i = runs.Count - 1; i >= 0; i--)
        {
            runStart -= runs[i].Length;
            if (position >= runStart)
            {
                return (i, runStart);
            }
        }

        return (0, 0);
    }

    public static List<AuthorSpan> Apply(IReadOnlyList<AuthorSpan> runs, TextOperation operation, Guid author)
    {
        var result = new List<AuthorSpan>(runs.Count + 2);
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

    private static void Add(List<AuthorSpan> runs, int length, Guid author)
    {
        if (runs.Count > 0 && runs[^1].AuthorId == author)
        {
            runs[^1] = runs[^1] with { Length = runs[^1].Length + length };
        }
        else
        {
            runs.Add(new AuthorSpan(length, author));
        }
    }
}

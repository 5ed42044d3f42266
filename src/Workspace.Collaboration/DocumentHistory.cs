namespace Workspace.Collaboration;

/// <summary>
/// The server side (as ot.js's server): the authoritative text, its revision, and a bounded
/// tail of recent operations against which late submissions are transformed.
/// </summary>
public sealed class DocumentHistory
{
    private readonly List<TextOperation> _recent = [];

    public DocumentHistory(string text = "", int revision = 0, int keep = 1_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(revision);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        Text = text;
        Revision = revision;
        Keep = keep;
    }

    public string Text { get; private set; }

    /// <summary>How many operations have been applied since the document began.</summary>
    public int Revision { get; private set; }

    /// <summary>How many recent operations are kept for transforming late submissions.</summary>
    public int Keep { get; }

    /// <summary>The oldest revision a submission may still be based on.</summary>
    public int OldestBase => Revision - _recent.Count;

    /// <summary>The operations applied after <paramref name="baseRevision"/>, oldest first.</summary>
    public IReadOnlyList<TextOperation> Since(int baseRevision)
    {
        RequireKnown(baseRevision);
        return _recent.GetRange(baseRevision - OldestBase, Revision - baseRevision);
    }

    /// <summary>
    /// Transforms a submission based on <paramref name="baseRevision"/> past everything applied
    /// since, applies it and returns the operation as applied. Nothing changes if it does not fit.
    /// </summary>
    public TextOperation Receive(int baseRevision, TextOperation operation, int maxLength = int.MaxValue)
    {
        foreach (var concurrent in Since(baseRevision))
        {
            operation = TextOperation.Transform(operation, concurrent).APrime;
        }

        var text = operation.Apply(Text);
        if (text.Length > maxLength)
        {
            throw new OperationException($"The document would be {text.Length} code units long; the limit is {maxLength}.");
        }

        Text = text;
        Revision++;
        _recent.Add(operation);
        if (_recent.Count > Keep)
        {
            _recent.RemoveRange(0, _recent.Count - Keep);
        }

        return operation;
    }

    private void RequireKnown(int baseRevision)
    {
        if (baseRevision > Revision)
        {
            throw new OperationException($"Revision {baseRevision} is in the future; the document is at revision {Revision}.");
        }

        if (baseRevision < OldestBase)
        {
            throw new OperationException($"Revision {baseRevision} is too old to transform; reload the document (oldest kept: {OldestBase}).");
        }
    }
}

namespace Workspace.Collaboration;

/// <summary>
/// A text that operations edit in place (a gap buffer): applying costs what the operation
/// touches, not the length of the text, and makes no garbage — where <see cref="TextOperation.Apply(string)"/>
/// copies the whole text every time, which for a long document edited by many people at once
/// means a large allocation per keystroke. Edits near each other (typing) move the gap little.
/// Not thread-safe.
/// </summary>
public sealed class TextBuffer
{
    private char[] _buffer;
    private int _gapStart;
    private int _gapEnd;
    private string? _text;

    public TextBuffer(string text = "")
    {
        _buffer = new char[Math.Max(16, text.Length * 2)];
        text.CopyTo(_buffer);
        _gapStart = text.Length;
        _gapEnd = _buffer.Length;
        _text = text;
    }

    public int Length => _buffer.Length - (_gapEnd - _gapStart);

    public char this[int index] => index < _gapStart ? _buffer[index] : _buffer[index + (_gapEnd - _gapStart)];

    /// <summary>
    /// Applies an operation that must span exactly this text and never cut a surrogate pair in
    /// two; checked before anything changes, so a refused operation leaves the text as it was.
    /// </summary>
    public void Apply(TextOperation operation)
    {
        Check(operation);
        var position = 0;
        foreach (var step in operation.Components)
        {
            switch (step.Kind)
            {
                case ComponentKind.Retain:
                    position += step.Count;
                    break;
                case ComponentKind.Insert:
                    MoveGap(position);
                    Reserve(step.Count);
                    step.Text.CopyTo(_buffer.AsSpan(_gapStart));
                    _gapStart += step.Count;
                    position += step.Count;
                    break;
                case ComponentKind.Delete:
                    MoveGap(position);
                    _gapEnd += step.Count;
                    break;
            }
        }

        if (!operation.IsNoop)
        {
            _text = null;
        }
    }

    /// <summary>Throws <see cref="OperationException"/> (as <see cref="TextOperation.Apply(string)"/> would) if the operation cannot apply.</summary>
    public void Check(TextOperation operation)
    {
        if (operation.BaseLength != Length)
        {
            throw new OperationException($"The operation expects a text of {operation.BaseLength} code units, but the text has {Length}.");
        }

        var index = 0;
        foreach (var step in operation.Components)
        {
            if (step.Kind != ComponentKind.Insert)
            {
                index += step.Count;
            }

            if (index > 0 && index < Length && char.IsHighSurrogate(this[index - 1]) && char.IsLowSurrogate(this[index]))
            {
                throw new OperationException($"The operation cuts a character in two at position {index}.");
            }
        }
    }

    /// <summary>The text (kept until the next change, so asking again costs nothing).</summary>
    public override string ToString() =>
        _text ??= string.Concat(_buffer.AsSpan(0, _gapStart), _buffer.AsSpan(_gapEnd));

    private void MoveGap(int position)
    {
        var gap = _gapEnd - _gapStart;
        if (position < _gapStart)
        {
            var count = _gapStart - position;
            Array.Copy(_buffer, position, _buffer, position + gap, count);
        }
        else if (position > _gapStart)
        {
            var count = position - _gapStart;
            Array.Copy(_buffer, _gapEnd, _buffer, _gapStart, count);
        }

        _gapStart = position;
        _gapEnd = position + gap;
    }

    private void Reserve(int count)
    {
        if (_gapEnd - _gapStart >= count)
        {
            return;
        }

        var length = Length;
        var grown = new char[Math.Max(_buffer.Length * 2, length + count + 16)];
        var after = _buffer.Length - _gapEnd;
        Array.Copy(_buffer, 0, grown, 0, _gapStart);
        Array.Copy(_buffer, _gapEnd, grown, grown.Length - after, after);
        _gapEnd = grown.Length - after;
        _buffer = grown;
    }
}

using System.Text;

namespace Workspace.Collaboration;

/// <summary>
/// An immutable edit of a text: a sequence of retain / insert / delete steps over UTF-16 code
/// units (the units of C# and JavaScript strings), in canonical form: no empty steps, no two
/// adjacent steps of one kind, and an insert always before an adjacent delete.
/// </summary>
public sealed class TextOperation : IEquatable<TextOperation>
{
    public static readonly TextOperation Empty = new([], 0, 0);

    private readonly Component[] _components;

    internal TextOperation(Component[] components, int baseLength, int targetLength)
    {
        _components = components;
        BaseLength = baseLength;
        TargetLength = targetLength;
    }

    public IReadOnlyList<Component> Components => _components;

    /// <summary>The length the text must have for this operation to apply.</summary>
    public int BaseLength { get; }

    /// <summary>The length of the text after applying.</summary>
    public int TargetLength { get; }

    /// <summary>True when applying changes nothing.</summary>
    public bool IsNoop => _components.All(c => c.Kind == ComponentKind.Retain);

    public static TextOperationBuilder Builder() => new();

    /// <summary>Applies to a text of exactly <see cref="BaseLength"/> code units; never splits a surrogate pair.</summary>
    public string Apply(string text)
    {
        if (text.Length != BaseLength)
        {
            throw new OperationException($"The operation expects a text of {BaseLength} code units, but the text has {text.Length}.");
        }

        var result = new StringBuilder(TargetLength);
        var index = 0;
        foreach (var c in _components)
        {
            switch (c.Kind)
            {
                case ComponentKind.Retain:
                    result.Append(text, index, c.Count);
                    index += c.Count;
                    break;
                case ComponentKind.Insert:
                    result.Append(c.Text);
                    break;
                case ComponentKind.Delete:
                    index += c.Count;
                    break;
            }

            if (SplitsPair(text, index))
            {
                throw new OperationException($"The operation cuts a character in two at position {index}.");
            }
        }

        return result.ToString();
    }

    /// <summary>One operation with the effect of <paramref name="first"/> followed by <paramref name="second"/>.</summary>
    public static TextOperation Compose(TextOperation first, TextOperation second)
    {
        if (first.TargetLength != second.BaseLength)
        {
            throw new OperationException($"Cannot compose: the first operation leaves {first.TargetLength} code units, the second expects {second.BaseLength}.");
        }

        var result = Builder();
        var a = new Cursor(first._components);
        var b = new Cursor(second._components);
        while (!a.Done || !b.Done)
        {
            if (!a.Done && a.Kind == ComponentKind.Delete)
            {
                result.Delete(a.Take(a.Remaining));
                continue;
            }

            if (!b.Done && b.Kind == ComponentKind.Insert)
            {
                result.Insert(b.TakeText(b.Remaining));
                continue;
            }

            if (a.Done || b.Done)
            {
                throw new OperationException("Cannot compose: the operations do not line up.");
            }

            var n = Math.Min(a.Remaining, b.Remaining);
            switch (a.Kind, b.Kind)
            {
                case (ComponentKind.Retain, ComponentKind.Retain):
                    a.Take(n);
                    result.Retain(b.Take(n));
                    break;
                case (ComponentKind.Retain, ComponentKind.Delete):
                    a.Take(n);
                    result.Delete(b.Take(n));
                    break;
                case (ComponentKind.Insert, ComponentKind.Retain):
                    b.Take(n);
                    result.Insert(a.TakeText(n));
                    break;
                case (ComponentKind.Insert, ComponentKind.Delete):
                    a.TakeText(n);
                    b.Take(n);
                    break;
            }
        }

        return result.Build();
    }

    /// <summary>
    /// For two operations on the same text, the pair (a′, b′) such that applying a then b′
    /// equals applying b then a′. When both insert at one position, <paramref name="a"/>'s text comes first.
    /// </summary>
    public static (TextOperation APrime, TextOperation BPrime) Transform(TextOperation a, TextOperation b)
    {
        if (a.BaseLength != b.BaseLength)
        {
            throw new OperationException($"Cannot transform: the operations expect texts of {a.BaseLength} and {b.BaseLength} code units.");
        }

        var aPrime = Builder();
        var bPrime = Builder();
        var x = new Cursor(a._components);
        var y = new Cursor(b._components);
        while (!x.Done || !y.Done)
        {
            if (!x.Done && x.Kind == ComponentKind.Insert)
            {
                var text = x.TakeText(x.Remaining);
                aPrime.Insert(text);
                bPrime.Retain(text.Length);
                continue;
            }

            if (!y.Done && y.Kind == ComponentKind.Insert)
            {
                var text = y.TakeText(y.Remaining);
                aPrime.Retain(text.Length);
                bPrime.Insert(text);
                continue;
            }

            if (x.Done || y.Done)
            {
                throw new OperationException("Cannot transform: the operations do not line up.");
            }

            var n = Math.Min(x.Remaining, y.Remaining);
            switch (x.Kind, y.Kind)
            {
                case (ComponentKind.Retain, ComponentKind.Retain):
                    x.Take(n);
                    y.Take(n);
                    aPrime.Retain(n);
                    bPrime.Retain(n);
                    break;
                case (ComponentKind.Delete, ComponentKind.Delete):
                    x.Take(n);
                    y.Take(n);
                    break;
                case (ComponentKind.Delete, ComponentKind.Retain):
                    x.Take(n);
                    y.Take(n);
                    aPrime.Delete(n);
                    break;
                case (ComponentKind.Retain, ComponentKind.Delete):
                    x.Take(n);
                    y.Take(n);
                    bPrime.Delete(n);
                    break;
            }
        }

        return (aPrime.Build(), bPrime.Build());
    }

    /// <summary>Where a position in the text before this operation ends up after it (inserts at the position push it right unless <paramref name="stickLeft"/>).</summary>
    public int TransformIndex(int position, bool stickLeft = false)
    {
        var newPosition = position;
        var index = 0;
        foreach (var c in _components)
        {
            if (index > position || (index == position && stickLeft && c.Kind == ComponentKind.Insert))
            {
                break;
            }

            switch (c.Kind)
            {
                case ComponentKind.Retain:
                    index += c.Count;
                    break;
                case ComponentKind.Insert:
                    newPosition += c.Count;
                    break;
                case ComponentKind.Delete:
                    newPosition -= Math.Min(c.Count, position - index);
                    index += c.Count;
                    break;
            }
        }

        return newPosition;
    }

    /// <summary>
    /// Where the range <c>[from, to)</c> of the base text lies after this operation, and whether the
    /// operation touched it: deleted any of its characters, or inserted strictly inside it (for an
    /// empty range: deleted across its position). Inserts at either edge leave it untouched and
    /// outside it, so text typed next to a range never joins it.
    /// </summary>
    public RangeMapping MapRange(int from, int to)
    {
        if (from < 0 || to < from || to > BaseLength)
        {
            throw new OperationException($"The range [{from}, {to}) is not inside a text of length {BaseLength}.");
        }

        var touched = false;
        var index = 0;
        foreach (var c in _components)
        {
            switch (c.Kind)
            {
                case ComponentKind.Retain:
                    index += c.Count;
                    break;
                case ComponentKind.Insert:
                    touched |= index > from && index < to;
                    break;
                case ComponentKind.Delete:
                    var end = index + c.Count;
                    touched |= from == to ? index < from && end > from : index < to && end > from;
                    index = end;
                    break;
            }

            if (index > to)
            {
                break;
            }
        }

        var newFrom = TransformIndex(from);
        var newTo = Math.Max(newFrom, TransformIndex(to, stickLeft: true));
        return new RangeMapping(newFrom, newTo, touched);
    }

    public bool Equals(TextOperation? other) =>
        other is not null && BaseLength == other.BaseLength && _components.AsSpan().SequenceEqual(other._components);

    public override bool Equals(object? obj) => Equals(obj as TextOperation);

    public override int GetHashCode() => HashCode.Combine(BaseLength, TargetLength, _components.Length);

    public override string ToString() => $"[{string.Join(", ", _components)}]";

    /// <summary>Whether <paramref name="index"/> falls between the two halves of a surrogate pair (inside one emoji, say).</summary>
    public static bool SplitsPair(string text, int index) =>
        index > 0 && index < text.Length && char.IsHighSurrogate(text[index - 1]) && char.IsLowSurrogate(text[index]);

    /// <summary>Walks an operation's steps, taking parts of them.</summary>
    private struct Cursor(Component[] components)
    {
        private int _index;
        private int _offset;

        public readonly bool Done => _index >= components.Length;

        public readonly ComponentKind Kind => components[_index].Kind;

        public readonly int Remaining => components[_index].Count - _offset;

        public int Take(int n)
        {
            Advance(n);
            return n;
        }

        public string TakeText(int n)
        {
            var text = components[_index].Text.Substring(_offset, n);
            Advance(n);
            return text;
        }

        private void Advance(int n)
        {
            _offset += n;
            if (_offset == components[_index].Count)
            {
                _index++;
                _offset = 0;
            }
        }
    }
}

/// <summary>A range carried through an operation: its new bounds and whether the operation changed text inside it.</summary>
public readonly record struct RangeMapping(int From, int To, bool Touched);

namespace Workspace.Collaboration;

/// <summary>Builds a <see cref="TextOperation"/> in canonical form, step by step.</summary>
public sealed class TextOperationBuilder
{
    private readonly List<Component> _components = [];
    private int _baseLength;
    private int _targetLength;

    public TextOperationBuilder Retain(int count)
    {
        RequireNonNegative(count);
        if (count == 0)
        {
            return this;
        }

        _baseLength += count;
        _targetLength += count;
        if (_components.Count > 0 && _components[^1].Kind == ComponentKind.Retain)
        {
            _components[^1] = Component.Retain(_components[^1].Count + count);
        }
        else
        {
            _components.Add(Component.Retain(count));
        }

        return this;
    }

    public TextOperationBuilder Insert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return this;
        }

        _targetLength += text.Length;
        var last = _components.Count - 1;
        if (last >= 0 && _components[last].Kind == ComponentKind.Insert)
        {
            _components[last] = Component.Insert(_components[last].Text + text);
        }
        else if (last >= 0 && _components[last].Kind == ComponentKind.Delete)
        {
            // Canonical form: an insert goes before an adjacent delete (same effect, one spelling).
            if (last >= 1 && _components[last - 1].Kind == ComponentKind.Insert)
            {
                _components[last - 1] = Component.Insert(_components[last - 1].Text + text);
            }
            else
            {
                _components.Insert(last, Component.Insert(text));
            }
        }
        else
        {
            _components.Add(Component.Insert(text));
        }

        return this;
    }

    public TextOperationBuilder Delete(int count)
    {
        RequireNonNegative(count);
        if (count == 0)
        {
            return this;
        }

        _baseLength += count;
        if (_components.Count > 0 && _components[^1].Kind == ComponentKind.Delete)
        {
            _components[^1] = Component.Delete(_components[^1].Count + count);
        }
        else
        {
            _components.Add(Component.Delete(count));
        }

        return this;
    }

    public TextOperation Build() => new([.. _components], _baseLength, _targetLength);

    private static void RequireNonNegative(int count)
    {
        if (count < 0)
        {
            throw new OperationException($"A step cannot have a negative length ({count}).");
        }
    }
}

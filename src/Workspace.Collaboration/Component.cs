namespace Workspace.Collaboration;

/// <summary>What one step of an operation does.</summary>
public enum ComponentKind
{
    Retain,
    Insert,
    Delete,
}

/// <summary>One step: keep <c>Count</c> code units, insert <c>Text</c>, or delete <c>Count</c> code units.</summary>
public readonly record struct Component(ComponentKind Kind, int Count, string Text)
{
    public static Component Retain(int count) => new(ComponentKind.Retain, count, string.Empty);

    public static Component Insert(string text) => new(ComponentKind.Insert, text.Length, text);

    public static Component Delete(int count) => new(ComponentKind.Delete, count, string.Empty);

    public override string ToString() => Kind switch
    {
        ComponentKind.Retain => $"retain {Count}",
        ComponentKind.Insert => $"insert \"{Text}\"",
        _ => $"delete {Count}",
    };
}

namespace Workspace.Contracts.Documents;

/// <summary>One colour per person, the same in presence lists, cursors and authorship (readable on white).</summary>
public static class AuthorColours
{
    private static readonly string[] Palette =
        ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#c45a00", "#0f7f8c", "#8c564b", "#c2377f", "#6b6f00", "#5f5f5f", "#393b79", "#637939"];

    public static string For(Guid userId) => Palette[(int)((uint)userId.GetHashCode() % (uint)Palette.Length)];
}

namespace Workspace.Collaboration;

/// <summary>The smallest single-range operation that turns one text into another (used to restore a revision).</summary>
public static class TextDiff
{
    public static TextOperation Between(string from, string to)
    {
        var limit = Math.Min(from.Length, to.Length);
        var prefix = 0;
        while (prefix < limit && from[prefix] == to[prefix])
        {
            prefix++;
        }

        // Never split a surrogate pair: step back onto its first half.
        if (prefix > 0 && char.IsHighSurrogate(from[prefix - 1]))
        {
            prefix--;
        }

        var suffix = 0;
        while (suffix < limit - prefix && from[from.Length - 1 - suffix] == to[to.Length - 1 - suffix])
        {
            suffix++;
        }

        if (suffix > 0 && char.IsLowSurrogate(from[from.Length - suffix]))
        {
            suffix--;
        }

        return TextOperation.Builder()
            .Retain(prefix)
            .Delete(from.Length - prefix - suffix)
            .Insert(to.Substring(prefix, to.Length - prefix - suffix))
            .Retain(suffix)
            .Build();
    }
}

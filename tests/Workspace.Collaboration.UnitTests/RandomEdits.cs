using System.Text;

namespace Workspace.Collaboration.UnitTests;

/// <summary>Random texts and random operations on them, never cutting a surrogate pair.</summary>
public sealed class RandomEdits(int seed)
{
    private static readonly string[] Pieces = ["a", "b", "c", " ", "\n", "é", "ñ", "😀", "👍🏽", "中", "#", "**", "🇲🇽"];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    public string Text(int maxPieces = 12)
    {
        var text = new StringBuilder();
        var count = _random.Next(0, maxPieces + 1);
        for (var i = 0; i < count; i++)
        {
            text.Append(Pieces[_random.Next(Pieces.Length)]);
        }

        return text.ToString();
    }

    /// <summary>An operation on <paramref name="text"/>: a few retains, inserts and deletes anywhere.</summary>
    public TextOperation Operation(string text)
    {
        var builder = TextOperation.Builder();
        var index = 0;
        while (index < text.Length)
        {
            var span = Math.Min(text.Length - index, _random.Next(1, 6));
            span = Boundary(text, index + span) - index;
            switch (_random.Next(4))
            {
                case 0: builder.Insert(Text(2)); break;
                case 1: builder.Delete(span); index += span; break;
                default: builder.Retain(span); index += span; break;
            }
        }

        if (_random.Next(3) == 0)
        {
            builder.Insert(Text(2));
        }

        return builder.Build();
    }

    /// <summary>Moves a position off the middle of a surrogate pair.</summary>
    private static int Boundary(string text, int position) =>
        position > 0 && position < text.Length && char.IsLowSurrogate(text[position]) ? position + 1 : position;
}

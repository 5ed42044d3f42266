using System.Runtime.InteropServices;
using System.Text.Json;

namespace Workspace.Collaboration;

/// <summary>
/// The wire form shared with the browser (as ot.js): a JSON array where a positive integer
/// retains, a negative integer deletes, and a string inserts — e.g. <c>[5, "abc", -2, 3]</c>.
/// </summary>
public static class TextOperationJson
{
    /// <summary>Reads an operation, refusing anything malformed with a reason.</summary>
    public static TextOperation Parse(JsonElement json, int maxComponents = 10_000)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            throw new OperationException("An operation must be a JSON array.");
        }

        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(json));
        reader.Read();
        return Read(ref reader, maxComponents);
    }

    /// <summary>
    /// Reads an operation straight from a reader positioned on its first token (no intermediate
    /// document: a client receives hundreds of thousands a second under load), refusing anything
    /// malformed with a reason; the reader is left on the operation's last token.
    /// </summary>
    public static TextOperation Read(ref Utf8JsonReader reader, int maxComponents = 10_000)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new OperationException("An operation must be a JSON array.");
        }

        var builder = TextOperation.Builder();
        var steps = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (++steps > maxComponents)
            {
                throw new OperationException($"An operation may have at most {maxComponents} steps.");
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.Number when reader.TryGetInt32(out var n) && n > 0:
                    builder.Retain(n);
                    break;
                case JsonTokenType.Number when reader.TryGetInt32(out var n) && n < 0 && n != int.MinValue:
                    builder.Delete(-n);
                    break;
                case JsonTokenType.String when ReadText(ref reader) is { Length: > 0 } text:
                    builder.Insert(text);
                    break;
                default:
                    throw new OperationException($"Each step must be a non-zero integer or a non-empty string, not {RawText(ref reader)}.");
            }
        }

        return builder.Build();
    }

    public static TextOperation Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new OperationException($"The operation is not valid JSON: {e.Message}");
        }
    }

    public static string Serialize(TextOperation operation)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, operation);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, TextOperation operation)
    {
        writer.WriteStartArray();
        foreach (var c in operation.Components)
        {
            switch (c.Kind)
            {
                case ComponentKind.Retain: writer.WriteNumberValue(c.Count); break;
                case ComponentKind.Delete: writer.WriteNumberValue(-c.Count); break;
                default: writer.WriteStringValue(c.Text); break;
            }
        }

        writer.WriteEndArray();
    }

    private static string ReadText(ref Utf8JsonReader reader)
    {
        const string HalfCharacter = "Inserted text contains half of a character (an unpaired surrogate).";
        try
        {
            // The reader itself refuses lone surrogate escapes; raw ones are checked here.
            var text = reader.GetString()!;
            return IsWellFormed(text) ? text : throw new OperationException(HalfCharacter);
        }
        catch (InvalidOperationException)
        {
            throw new OperationException(HalfCharacter);
        }
    }

    private static string RawText(ref Utf8JsonReader reader)
    {
        using var step = JsonDocument.ParseValue(ref reader);
        return step.RootElement.GetRawText();
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}

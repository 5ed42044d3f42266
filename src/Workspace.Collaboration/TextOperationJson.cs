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

        if (json.GetArrayLength() > maxComponents)
        {
            throw new OperationException($"An operation may have at most {maxComponents} steps.");
        }

        var builder = TextOperation.Builder();
        foreach (var step in json.EnumerateArray())
        {
            switch (step.ValueKind)
            {
                case JsonValueKind.Number when step.TryGetInt32(out var n) && n > 0:
                    builder.Retain(n);
                    break;
                case JsonValueKind.Number when step.TryGetInt32(out var n) && n < 0 && n != int.MinValue:
                    builder.Delete(-n);
                    break;
                case JsonValueKind.String when ReadText(step) is { Length: > 0 } text:
                    builder.Insert(text);
                    break;
                default:
                    throw new OperationException($"Each step must be a non-zero integer or a non-empty string, not {step.GetRawText()}.");
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

    private static string ReadText(JsonElement step)
    {
        const string HalfCharacter = "Inserted text contains half of a character (an unpaired surrogate).";
        try
        {
            // The reader itself refuses lone surrogate escapes; raw ones are checked here.
            var text = step.GetString()!;
            return IsWellFormed(text) ? text : throw new OperationException(HalfCharacter);
        }
        catch (InvalidOperationException)
        {
            throw new OperationException(HalfCharacter);
        }
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

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workspace.Collaboration;

/// <summary>System.Text.Json support for the ot.js wire form, for payloads that carry operations.</summary>
public sealed class TextOperationJsonConverter : JsonConverter<TextOperation>
{
    public override TextOperation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TextOperationJson.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, TextOperation value, JsonSerializerOptions options) =>
        TextOperationJson.Write(writer, value);
}

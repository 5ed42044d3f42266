using System.Text.Json;
using System.Text.Json.Serialization;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;

namespace Workspace.LiveClient;

/// <summary>
/// Reads a document broadcast straight off the wire. Every client of a busy document receives
/// every operation, so this is the hottest path of a client: operations are read field by field
/// (the generic reader boxes the six constructor arguments of each one); the rare parts
/// (presence, the summary) go through the serializer as usual. A client only receives broadcasts.
/// </summary>
public sealed class DocumentChangesJsonConverter : JsonConverter<DocumentChangesMessage>
{
    public override DocumentChangesMessage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var documentId = Guid.Empty;
        IReadOnlyList<AppliedOperation> operations = [];
        IReadOnlyList<Participant> presence = [];
        IReadOnlyList<string> left = [];
        DocumentSummary? summary = null;
        string? epoch = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("documentId"u8))
            {
                reader.Read();
                documentId = reader.GetGuid();
            }
            else if (reader.ValueTextEquals("operations"u8))
            {
                reader.Read();
                operations = ReadOperations(ref reader);
            }
            else if (reader.ValueTextEquals("presence"u8))
            {
                reader.Read();
                presence = IsEmpty(ref reader) ? [] : JsonSerializer.Deserialize<IReadOnlyList<Participant>>(ref reader, options) ?? [];
            }
            else if (reader.ValueTextEquals("left"u8))
            {
                reader.Read();
                left = IsEmpty(ref reader) ? [] : JsonSerializer.Deserialize<IReadOnlyList<string>>(ref reader, options) ?? [];
            }
            else if (reader.ValueTextEquals("epoch"u8))
            {
                reader.Read();
                epoch = reader.GetString();
            }
            else if (reader.ValueTextEquals("summary"u8))
            {
                reader.Read();
                summary = reader.TokenType == JsonTokenType.Null ? null : JsonSerializer.Deserialize<DocumentSummary?>(ref reader, options);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        Expect(ref reader, JsonTokenType.EndObject);
        return new DocumentChangesMessage(documentId, operations, presence, left, summary, epoch);
    }

    public override void Write(Utf8JsonWriter writer, DocumentChangesMessage value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Clients receive document broadcasts; they never send them.");

    private static List<AppliedOperation> ReadOperations(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var operations = new List<AppliedOperation>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            operations.Add(ReadOperation(ref reader));
        }

        return operations;
    }

    private static AppliedOperation ReadOperation(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var revision = 0;
        TextOperation? operation = null;
        var clientId = string.Empty;
        var sequence = 0L;
        var authorId = Guid.Empty;
        var at = default(DateTimeOffset);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("revision"u8))
            {
                reader.Read();
                revision = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("operation"u8))
            {
                reader.Read();
                operation = TextOperationJson.Read(ref reader);
            }
            else if (reader.ValueTextEquals("clientId"u8))
            {
                reader.Read();
                clientId = reader.GetString() ?? string.Empty;
            }
            else if (reader.ValueTextEquals("sequence"u8))
            {
                reader.Read();
                sequence = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("authorId"u8))
            {
                reader.Read();
                authorId = reader.GetGuid();
            }
            else if (reader.ValueTextEquals("at"u8))
            {
                reader.Read();
                at = reader.GetDateTimeOffset();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        Expect(ref reader, JsonTokenType.EndObject);
        return new AppliedOperation(revision, operation ?? throw new JsonException("An applied operation has no operation."), clientId, sequence, authorId, at);
    }

    /// <summary>
    /// True (and the reader on the value's last token) for <c>null</c> or <c>[]</c> — what almost
    /// every broadcast carries in its presence and departures — without a round through the serializer,
    /// which costs a type lookup and a read stack per call (a tenth of a busy client's time).
    /// </summary>
    private static bool IsEmpty(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var ahead = reader;
        if (ahead.Read() && ahead.TokenType == JsonTokenType.EndArray)
        {
            reader = ahead;
            return true;
        }

        return false;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {token} in a document broadcast, found {reader.TokenType}.");
        }
    }
}

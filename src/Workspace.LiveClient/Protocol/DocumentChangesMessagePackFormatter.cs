using System.Buffers.Text;
using System.Globalization;
using MessagePack;
using MessagePack.Formatters;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.LiveClient;

namespace Workspace.LiveProtocol;

/// <summary>
/// Reads a document broadcast off MessagePack field by field, as <see cref="DocumentChangesJsonConverter"/>
/// does off JSON: operations directly, the rare parts (presence, departures, the summary) through
/// the JSON-shaped resolver. A client only receives broadcasts.
/// </summary>
internal sealed class DocumentChangesMessagePackFormatter : IMessagePackFormatter<DocumentChangesMessage>
{
    private const int MaxComponents = 10_000;

    public void Serialize(ref MessagePackWriter writer, DocumentChangesMessage value, MessagePackSerializerOptions options) =>
        throw new NotSupportedException("Clients receive document broadcasts; they never send them.");

    public DocumentChangesMessage Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        var documentId = Guid.Empty;
        IReadOnlyList<AppliedOperation> operations = [];
        IReadOnlyList<Participant> presence = [];
        IReadOnlyList<string> left = [];
        DocumentSummary? summary = null;
        string? epoch = null;
        var fields = reader.ReadMapHeader();
        for (var i = 0; i < fields; i++)
        {
            // Keys and ids are compared and parsed as UTF-8 where they lie: no string per field.
            var key = Key(ref reader);
            if (key.SequenceEqual("documentId"u8))
            {
                documentId = ReadGuid(ref reader);
            }
            else if (key.SequenceEqual("operations"u8))
            {
                operations = ReadOperations(ref reader);
            }
            else if (key.SequenceEqual("presence"u8))
            {
                presence = reader.TryReadNil() || IsEmptyArray(ref reader) ? [] : options.Resolver.GetFormatterWithVerify<IReadOnlyList<Participant>>().Deserialize(ref reader, options);
            }
            else if (key.SequenceEqual("left"u8))
            {
                left = reader.TryReadNil() || IsEmptyArray(ref reader) ? [] : options.Resolver.GetFormatterWithVerify<IReadOnlyList<string>>().Deserialize(ref reader, options);
            }
            else if (key.SequenceEqual("epoch"u8))
            {
                epoch = reader.ReadString();
            }
            else if (key.SequenceEqual("summary"u8))
            {
                summary = reader.TryReadNil() ? null : options.Resolver.GetFormatterWithVerify<DocumentSummary>().Deserialize(ref reader, options);
            }
            else
            {
                reader.Skip();
            }
        }

        return new DocumentChangesMessage(documentId, operations, presence, left, summary, epoch);
    }

    private static List<AppliedOperation> ReadOperations(ref MessagePackReader reader)
    {
        var count = reader.ReadArrayHeader();
        var operations = new List<AppliedOperation>(count);
        for (var i = 0; i < count; i++)
        {
            operations.Add(ReadOperation(ref reader));
        }

        return operations;
    }

    private static AppliedOperation ReadOperation(ref MessagePackReader reader)
    {
        var revision = 0;
        TextOperation? operation = null;
        var clientId = string.Empty;
        var sequence = 0L;
        var authorId = Guid.Empty;
        var at = default(DateTimeOffset);
        var fields = reader.ReadMapHeader();
        for (var i = 0; i < fields; i++)
        {
            var key = Key(ref reader);
            if (key.SequenceEqual("revision"u8))
            {
                revision = reader.ReadInt32();
            }
            else if (key.SequenceEqual("operation"u8))
            {
                operation = ReadTextOperation(ref reader);
            }
            else if (key.SequenceEqual("clientId"u8))
            {
                clientId = reader.ReadString() ?? string.Empty;
            }
            else if (key.SequenceEqual("sequence"u8))
            {
                sequence = reader.ReadInt64();
            }
            else if (key.SequenceEqual("authorId"u8))
            {
                authorId = ReadGuid(ref reader);
            }
            else if (key.SequenceEqual("at"u8))
            {
                at = DateTimeOffset.Parse(reader.ReadString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            }
            else
            {
                reader.Skip();
            }
        }

        return new AppliedOperation(revision, operation ?? throw new MessagePackSerializationException("An applied operation has no operation."), clientId, sequence, authorId, at);
    }

    /// <summary>An ot.js operation: positive integers retain, negative ones delete, strings insert.</summary>
    public static TextOperation ReadTextOperation(ref MessagePackReader reader)
    {
        var steps = reader.ReadArrayHeader();
        if (steps > MaxComponents)
        {
            throw new MessagePackSerializationException($"An operation may have at most {MaxComponents} steps.");
        }

        var builder = TextOperation.Builder();
        for (var i = 0; i < steps; i++)
        {
            if (reader.NextMessagePackType == MessagePackType.String)
            {
                builder.Insert(reader.ReadString()!);
                continue;
            }

            var n = reader.ReadInt32();
            if (n > 0)
            {
                builder.Retain(n);
            }
            else if (n < 0 && n != int.MinValue)
            {
                builder.Delete(-n);
            }
            else
            {
                throw new MessagePackSerializationException("Each step must be a non-zero integer or a non-empty string.");
            }
        }

        return builder.Build();
    }

    /// <summary>The next string's UTF-8 bytes, where they lie (copied only if split between buffers).</summary>
    private static ReadOnlySpan<byte> Key(ref MessagePackReader reader)
    {
        var key = reader.ReadStringSequence() ?? throw new MessagePackSerializationException("A key must be a string.");
        return key.IsSingleSegment ? key.FirstSpan : System.Buffers.BuffersExtensions.ToArray(key);
    }

    private static Guid ReadGuid(ref MessagePackReader reader) =>
        Utf8Parser.TryParse(Key(ref reader), out Guid id, out var used) && used == 36
            ? id
            : throw new MessagePackSerializationException("An id must be a GUID string.");

    private static bool IsEmptyArray(ref MessagePackReader reader)
    {
        var ahead = reader.CreatePeekReader();
        if (ahead.NextMessagePackType == MessagePackType.Array && ahead.ReadArrayHeader() == 0)
        {
            reader.ReadArrayHeader();
            return true;
        }

        return false;
    }
}

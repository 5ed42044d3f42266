using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace Workspace.LiveProtocol;

/// <summary>
/// MessagePack for the live hub that carries exactly the shapes of its JSON protocol (camelCase
/// fields, kebab-case enums, operations as ot.js arrays, ids as strings), so a browser or a .NET
/// client may pick either protocol and read the same objects. Numbers, strings, booleans and ids
/// go as themselves; any other type is written through the JSON serializer's contract (the same
/// options and converters) and transcoded token by token, and read back the same way, unless a
/// hand-written formatter is given for it (a client's hot path).
/// </summary>
/// <remarks>Shared source: compiled into the server and into the .NET client.</remarks>
internal sealed class JsonShapedMessagePack : IFormatterResolver
{
    /// <summary>Nesting deeper than this is refused, as System.Text.Json's default does.</summary>
    public const int MaxDepth = 64;

    private readonly JsonSerializerOptions _json;
    private readonly IReadOnlyDictionary<Type, object> _special;
    private readonly ConcurrentDictionary<Type, object?> _formatters = new();

    private JsonShapedMessagePack(JsonSerializerOptions json, IReadOnlyDictionary<Type, object> special)
    {
        _json = json;
        _special = special;
    }

    /// <summary>Serializer options for SignalR's MessagePack protocol that follow <paramref name="json"/>.</summary>
    public static MessagePackSerializerOptions Options(JsonSerializerOptions json, params IEnumerable<KeyValuePair<Type, object>> special) =>
        MessagePackSerializerOptions.Standard
            .WithResolver(new JsonShapedMessagePack(json, new Dictionary<Type, object>(special)))
            .WithSecurity(MessagePackSecurity.UntrustedData);

    public IMessagePackFormatter<T>? GetFormatter<T>() =>
        (IMessagePackFormatter<T>?)_formatters.GetOrAdd(typeof(T), static (type, self) => self.Create<T>(), this);

    private object? Create<T>()
    {
        var type = typeof(T);
        if (_special.TryGetValue(type, out var special))
        {
            return special;
        }

        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (plain.IsPrimitive || plain == typeof(string) || plain == typeof(Guid) || plain == typeof(decimal))
        {
            return BuiltinResolver.Instance.GetFormatter<T>(); // Guid as its 36-character string, as in JSON
        }

        return new ThroughJson<T>(_json);
    }

    /// <summary>Any other type: the JSON contract's tree, written as MessagePack maps, arrays and scalars, and read back.</summary>
    private sealed class ThroughJson<T>(JsonSerializerOptions json) : IMessagePackFormatter<T>
    {
        public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options)
        {
            using var document = JsonSerializer.SerializeToDocument(value, json);
            Write(ref writer, document.RootElement);
        }

        public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Transcode(ref reader, writer, 0);
            }

            return JsonSerializer.Deserialize<T>(buffer.WrittenSpan, json)!;
        }
    }

    /// <summary>Writes a JSON value as MessagePack.</summary>
    public static void Write(ref MessagePackWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteMapHeader(element.GetPropertyCount());
                foreach (var property in element.EnumerateObject())
                {
                    writer.Write(property.Name);
                    Write(ref writer, property.Value);
                }

                break;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    Write(ref writer, item);
                }

                break;
            case JsonValueKind.String:
                writer.Write(element.GetString());
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                writer.Write(integer);
                break;
            case JsonValueKind.Number:
                writer.Write(element.GetDouble());
                break;
            case JsonValueKind.True:
                writer.Write(true);
                break;
            case JsonValueKind.False:
                writer.Write(false);
                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    /// <summary>Reads one MessagePack value and writes it as JSON (map keys must be strings).</summary>
    public static void Transcode(ref MessagePackReader reader, Utf8JsonWriter writer, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new MessagePackSerializationException($"A value may be nested at most {MaxDepth} deep.");
        }

        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                writer.WriteNullValue();
                break;
            case MessagePackType.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Integer:
                if (reader.NextCode == MessagePackCode.UInt64)
                {
                    writer.WriteNumberValue(reader.ReadUInt64());
                }
                else
                {
                    writer.WriteNumberValue(reader.ReadInt64());
                }

                break;
            case MessagePackType.Float:
                writer.WriteNumberValue(reader.ReadDouble());
                break;
            case MessagePackType.String:
                writer.WriteStringValue(reader.ReadString());
                break;
            case MessagePackType.Array:
                var items = reader.ReadArrayHeader();
                writer.WriteStartArray();
                for (var i = 0; i < items; i++)
                {
                    Transcode(ref reader, writer, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case MessagePackType.Map:
                var fields = reader.ReadMapHeader();
                writer.WriteStartObject();
                for (var i = 0; i < fields; i++)
                {
                    if (reader.NextMessagePackType != MessagePackType.String)
                    {
                        throw new MessagePackSerializationException("Map keys must be strings.");
                    }

                    writer.WritePropertyName(reader.ReadString()!);
                    Transcode(ref reader, writer, depth + 1);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new MessagePackSerializationException($"A {reader.NextMessagePackType} value has no JSON shape.");
        }
    }
}

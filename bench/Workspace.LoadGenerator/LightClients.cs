using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.LiveClient;

namespace Workspace.LoadGenerator;

/// <summary>
/// The unmeasured clients of light mode (<c>--light N</c>): they load the server as much as measured
/// ones do, but cost the harness little. A lurker skips each broadcast unread (a tokenizer skip, no
/// objects); an author reads only each operation's revision and how much it changed the length, so
/// it can append 4 characters at the end of the text of the last revision it saw (the server
/// transforms it past whatever came since), sent one-way like the browser's edits.
/// </summary>
internal static class LightClients
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    private static readonly MessagePackSerializerOptions MessagePackOptions = LiveConnections.MessagePackPayload.WithResolver(
        CompositeResolver.Create([new TallyFormatter(), new SkippedFormatter()], [LiveConnections.MessagePackPayload.Resolver]));

    public static HubConnection Connect(Uri server, CookieContainer cookies, LiveFormat format)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(server, LiveConnections.LivePath), o => o.Cookies = cookies);
        if (format == LiveFormat.MessagePack)
        {
            builder.Services.RemoveAll<IHubProtocol>();
            builder.AddMessagePackProtocol(o => o.SerializerOptions = MessagePackOptions);
        }
        else
        {
            builder.AddJsonProtocol(o => o.PayloadSerializerOptions = Json);
        }

        return builder.Build();
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(LiveConnections.Payload);
        options.Converters.Insert(0, new TallyJsonConverter());
        options.Converters.Insert(0, new SkippedJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>A lurker: opens the document, then drains its broadcasts unread.</summary>
    public static async Task Lurk(HubConnection connection, Guid documentId)
    {
        connection.On<Skipped>("Changes", _ => { });
        await connection.InvokeAsync<OpenedDocument>("Open", documentId, null);
    }

    /// <summary>What a broadcast changed: for each operation, its revision and how much it changed the length.</summary>
    public sealed record Tally((int Revision, int Delta)[] Operations);

    /// <summary>A broadcast skipped unread.</summary>
    public readonly record struct Skipped;

    /// <summary>An unmeasured author: keeps only the revision and the length of the text, and appends.</summary>
    public sealed class Author
    {
        private readonly Lock _lock = new();
        private readonly HubConnection _connection;
        private readonly Guid _documentId;
        private readonly string _clientId = Guid.NewGuid().ToString("N");
        private int _revision;
        private int _length;
        private long _sequence;
        private int _errors;

        private Author(HubConnection connection, Guid documentId)
        {
            _connection = connection;
            _documentId = documentId;
        }

        public int Revision
        {
            get
            {
                lock (_lock)
                {
                    return _revision;
                }
            }
        }

        public int Errors => Volatile.Read(ref _errors);

        public long NextDue { get; set; }

        public static async Task<Author> Open(HubConnection connection, Guid documentId)
        {
            var author = new Author(connection, documentId);
            connection.On<Tally>("Changes", author.OnChanges);
            connection.On<Guid, string, long, HubError>("Refused", (_, _, _, _) => Interlocked.Increment(ref author._errors));
            var opened = await connection.InvokeAsync<OpenedDocument>("Open", documentId, null);
            lock (author._lock)
            {
                // Broadcasts may have arrived meanwhile: keep whichever is newer.
                if (opened.Revision >= author._revision)
                {
                    author._revision = opened.Revision;
                    author._length = opened.Text?.Length ?? 0;
                }
            }

            return author;
        }

        public void Type(int index)
        {
            int revision, length;
            long sequence;
            lock (_lock)
            {
                (revision, length, sequence) = (_revision, _length, ++_sequence);
            }

            var token = ((char)('a' + (index % 26))).ToString() + (index % 1000).ToString("000");
            var operation = TextOperation.Builder().Retain(length).Insert(token).Build();
            _ = Send(revision, operation, sequence);
        }

        private async Task Send(int revision, TextOperation operation, long sequence)
        {
            try
            {
                await _connection.SendAsync("Send", _documentId, revision, operation, _clientId, sequence);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _errors);
            }
        }

        private void OnChanges(Tally tally)
        {
            lock (_lock)
            {
                foreach (var (revision, delta) in tally.Operations)
                {
                    if (revision == _revision + 1)
                    {
                        _revision = revision;
                        _length += delta;
                    }
                }
            }
        }
    }

    private sealed class SkippedJsonConverter : JsonConverter<Skipped>
    {
        public override Skipped Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            reader.Skip();
            return default;
        }

        public override void Write(Utf8JsonWriter writer, Skipped value, JsonSerializerOptions options) => throw new NotSupportedException();
    }

    private sealed class SkippedFormatter : IMessagePackFormatter<Skipped>
    {
        public void Serialize(ref MessagePackWriter writer, Skipped value, MessagePackSerializerOptions options) => throw new NotSupportedException();

        public Skipped Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            reader.Skip();
            return default;
        }
    }

    private sealed class TallyJsonConverter : JsonConverter<Tally>
    {
        public override Tally Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var operations = new List<(int, int)>(2);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isOperations = reader.ValueTextEquals("operations"u8);
                reader.Read();
                if (!isOperations)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    int revision = 0, delta = 0;
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
                            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                            {
                                if (reader.TokenType == JsonTokenType.String)
                                {
                                    // A large broadcast arrives in several buffers: a string cut by a buffer's end is in ValueSequence, not ValueSpan.
                                    delta += reader.ValueIsEscaped ? reader.GetString()!.Length
                                        : reader.HasValueSequence ? Encoding.UTF8.GetCharCount(reader.ValueSequence.ToArray())
                                        : Encoding.UTF8.GetCharCount(reader.ValueSpan);
                                }
                                else if (reader.GetInt32() < 0)
                                {
                                    delta += reader.GetInt32();
                                }
                            }
                        }
                        else
                        {
                            reader.Read();
                            reader.Skip();
                        }
                    }

                    operations.Add((revision, delta));
                }
            }

            return new Tally([.. operations]);
        }

        public override void Write(Utf8JsonWriter writer, Tally value, JsonSerializerOptions options) => throw new NotSupportedException();
    }

    private sealed class TallyFormatter : IMessagePackFormatter<Tally>
    {
        public void Serialize(ref MessagePackWriter writer, Tally value, MessagePackSerializerOptions options) => throw new NotSupportedException();

        public Tally Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            (int, int)[] operations = [];
            var fields = reader.ReadMapHeader();
            for (var i = 0; i < fields; i++)
            {
                if (!Is(ref reader, "operations"u8))
                {
                    reader.Skip(); // the value
                    continue;
                }

                operations = new (int, int)[reader.ReadArrayHeader()];
                for (var o = 0; o < operations.Length; o++)
                {
                    int revision = 0, delta = 0;
                    var opFields = reader.ReadMapHeader();
                    for (var f = 0; f < opFields; f++)
                    {
                        var name = reader.ReadStringSequence() ?? default;
                        var first = name.IsSingleSegment ? name.FirstSpan : name.ToArray();
                        if (first.SequenceEqual("revision"u8))
                        {
                            revision = reader.ReadInt32();
                        }
                        else if (first.SequenceEqual("operation"u8))
                        {
                            var steps = reader.ReadArrayHeader();
                            for (var s = 0; s < steps; s++)
                            {
                                if (reader.NextMessagePackType == MessagePackType.String)
                                {
                                    var text = reader.ReadStringSequence() ?? default;
                                    delta += text.IsSingleSegment ? Encoding.UTF8.GetCharCount(text.FirstSpan) : Encoding.UTF8.GetCharCount(text.ToArray());
                                }
                                else if (reader.ReadInt32() is var n && n < 0)
                                {
                                    delta += n;
                                }
                            }
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    operations[o] = (revision, delta);
                }
            }

            return new Tally(operations);
        }

        /// <summary>Reads a key (always advancing) and says whether it is <paramref name="utf8"/>.</summary>
        private static bool Is(ref MessagePackReader reader, ReadOnlySpan<byte> utf8)
        {
            var key = reader.ReadStringSequence() ?? default;
            return key.IsSingleSegment ? key.FirstSpan.SequenceEqual(utf8) : key.ToArray().AsSpan().SequenceEqual(utf8);
        }
    }
}

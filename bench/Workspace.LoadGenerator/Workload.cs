using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.LiveClient;

namespace Workspace.LoadGenerator;

/// <summary>
/// One step of the sweep: authors append 4 characters every 400 ms at the end of their text
/// (Etherpad's load test), lurkers only receive. Latencies are measured per insert:
/// <list type="bullet">
/// <item>submit→ack: from the moment the author makes the edit until its own operation comes back
/// in the document's broadcast (its acknowledgement). An edit made while the previous one is in
/// flight waits in the buffer; that wait is part of its latency, as a person would feel it.</item>
/// <item>submit→remote receipt: from the same moment until another client applies it. Each
/// author's inserts are 4 characters, so an operation that carries k of them (composed while
/// waiting) inserts 4k characters; the receiver counts them off that author's send times in order.</item>
/// </list>
/// </summary>
/// <remarks>
/// With <c>light</c> above zero only that many authors and that many lurkers (the first of each) are
/// measured fully; the rest are <see cref="LightClients"/>: they send and receive as much, but
/// drain their broadcasts without decoding them, so the harness is not what limits a large step.
/// </remarks>
internal sealed class Workload(IReadOnlyList<Person> people, TimeSpan warmup, TimeSpan measure, AllocationSampler? allocations = null, int light = 0, LiveFormat format = LiveFormat.Json)
{
    private const int InsertLength = 4;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(400);

    public async Task<StepResult> Run(Server server, IReadOnlyList<Guid> documents, int authorsPerDocument, int lurkersPerDocument)
    {
        var clients = new List<Client>();
        var lightAuthors = new List<(Guid DocumentId, LightClients.Author Author)>();
        var connections = new List<HubConnection>();
        try
        {
            var plan = documents.SelectMany(d =>
                Enumerable.Range(0, authorsPerDocument).Select(_ => (Document: d, Author: true))
                    .Concat(Enumerable.Range(0, lurkersPerDocument).Select(_ => (Document: d, Author: false)))).ToArray();
            var authorIndex = 0;
            var byClientId = new Dictionary<string, Client>();
            var (authorsPlanned, lurkersPlanned) = (0, 0);
            var measured = plan.Select(e => light == 0 || (e.Author ? authorsPlanned++ < light : lurkersPlanned++ < light)).ToArray();
            var started = 0;
            foreach (var batch in plan.Select((entry, index) => (entry, index)).Chunk(25))
            {
                var opened = await Task.WhenAll(batch.Select(async item =>
                {
                    var (entry, index) = item;
                    var person = people[index % people.Count];
                    var address = server.Addresses[index % server.Addresses.Count];
                    if (!measured[index])
                    {
                        var drained = LightClients.Connect(address, person.Cookies, format);
                        await drained.StartAsync();
                        LightClients.Author? lightAuthor = null;
                        if (entry.Author)
                        {
                            lightAuthor = await LightClients.Author.Open(drained, entry.Document);
                        }
                        else
                        {
                            await LightClients.Lurk(drained, entry.Document);
                        }

                        return (drained, (LiveDocument?)null, lightAuthor, entry);
                    }

                    var connection = LiveConnections.Live(address, person.Cookies, format: format);
                    await connection.StartAsync();
                    var document = await LiveDocument.OpenAsync(connection, entry.Document);
                    return (connection, document, (LightClients.Author?)null, entry);
                }));
                foreach (var (connection, document, lightAuthor, entry) in opened)
                {
                    connections.Add(connection);
                    started++;
                    if (document is null)
                    {
                        if (lightAuthor is not null)
                        {
                            lightAuthors.Add((entry.Document, lightAuthor));
                        }

                        continue;
                    }

                    // Two clients per document keep the text, to check convergence; the others keep only
                    // its length (the harness shares the machine with the server, so it stays light).
                    document.TrackText = clients.Count(c => c.DocumentId == entry.Document) < 2;
                    var client = new Client(document, entry.Document, entry.Author ? authorIndex++ : -1, (int)(warmup + measure).TotalSeconds * 3 + 50);
                    clients.Add(client);
                    byClientId[document.ClientId] = client;
                }
            }

            var clock = Stopwatch.StartNew();
            var measureFrom = warmup.Ticks;
            var measureTo = (warmup + measure).Ticks;
            var acks = new LatencyHistogram();
            var receipts = new LatencyHistogram();
            foreach (var client in clients)
            {
                client.Listen(byClientId, clock, measureFrom, measureTo, acks, receipts);
            }

            var authors = clients.Where(c => c.IsAuthor).ToArray();
            var random = new Random(1);
            // Authors start typing one after another over the first half of the warm-up (as people
            // arrive), each at a random moment within its 400 ms, then all type for the rest of it.
            var ramp = warmup.Ticks / 2;
            var allAuthors = authors.Length + lightAuthors.Count;
            for (var i = 0; i < authors.Length; i++)
            {
                authors[i].NextDue = (ramp * i / allAuthors) + TimeSpan.FromMilliseconds(random.Next(0, (int)Interval.TotalMilliseconds)).Ticks;
            }

            for (var i = 0; i < lightAuthors.Count; i++)
            {
                lightAuthors[i].Author.NextDue = (ramp * (authors.Length + i) / allAuthors) + TimeSpan.FromMilliseconds(random.Next(0, (int)Interval.TotalMilliseconds)).Ticks;
            }

            var typed = 0;
            long Revisions() => documents.Sum(d => (long)Math.Max(
                clients.Where(c => c.DocumentId == d).Select(c => c.Document.Revision).DefaultIfEmpty(0).Max(),
                lightAuthors.Where(a => a.DocumentId == d).Select(a => a.Author.Revision).DefaultIfEmpty(0).Max()));

            var revisionsAtStart = 0L;
            (double CpuSeconds, double RssMb)? usageAtStart = null;
            var harnessAtStart = TimeSpan.Zero;
            var measuring = false;
            (int, int, int, TimeSpan, long) gcAtStart = default;
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
            while (clock.Elapsed.Ticks < measureTo)
            {
                await timer.WaitForNextTickAsync();
                var now = clock.Elapsed.Ticks;
                if (!measuring && now >= measureFrom)
                {
                    measuring = true;
                    allocations?.Clear();
                    revisionsAtStart = Revisions();
                    usageAtStart = server.Usage();
                    harnessAtStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                    gcAtStart = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
                }

                foreach (var author in authors)
                {
                    if (author.NextDue <= now)
                    {
                        author.Type(clock);
                        author.NextDue += Interval.Ticks;
                    }
                }

                foreach (var (_, author) in lightAuthors)
                {
                    if (author.NextDue <= now)
                    {
                        author.Type(typed++);
                        author.NextDue += Interval.Ticks;
                    }
                }
            }

            var usageAtEnd = server.Usage();
            Console.Error.WriteLine($"# harness GC: gen0 {GC.CollectionCount(0) - gcAtStart.Item1}, gen1 {GC.CollectionCount(1) - gcAtStart.Item2}, gen2 {GC.CollectionCount(2) - gcAtStart.Item3}, paused {(GC.GetTotalPauseDuration() - gcAtStart.Item4).TotalMilliseconds:0} ms, allocated {(GC.GetTotalAllocatedBytes() - gcAtStart.Item5) / 1e6:0} MB");
            var harnessCpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - harnessAtStart).TotalSeconds / measure.TotalSeconds * 100;
            var revisions = Revisions() - revisionsAtStart;

            // Settle (all at once, bounded), then every client of a document must hold the same text.
            var settled = await Task.WhenAll(clients.Select(async client =>
            {
                try
                {
                    await client.Document.WhenSynchronizedAsync(TimeSpan.FromSeconds(60));
                    return true;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            }));
            var diverged = settled.Count(s => !s);
            await Task.Delay(500);
            diverged += clients.Where(c => c.Document.TrackText).GroupBy(c => c.DocumentId).Count(g => g.Select(c => c.Document.Text).Distinct().Count() > 1);
            var errors = clients.Sum(c => c.Document.Errors.Count) + lightAuthors.Sum(a => a.Author.Errors);
            return new StepResult(
                documents.Count, allAuthors, started - allAuthors,
                acks.Percentiles(),
                receipts.Percentiles(),
                revisions / measure.TotalSeconds,
                usageAtStart is { } a && usageAtEnd is { } b ? (b.CpuSeconds - a.CpuSeconds) / measure.TotalSeconds * 100 : null,
                usageAtEnd?.RssMb,
                harnessCpu,
                diverged,
                errors);
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>One connection with one document open; an author if it has an index.</summary>
    private sealed class Client(LiveDocument document, Guid documentId, int authorIndex, int capacity)
    {
        private readonly long[] _sent = new long[capacity];
        private readonly Dictionary<int, int> _receivedFrom = [];
        private int _sentCount;
        private int _acknowledged;

        public LiveDocument Document { get; } = document;

        public Guid DocumentId { get; } = documentId;

        public bool IsAuthor => authorIndex >= 0;

        public long NextDue { get; set; }

        public void Type(Stopwatch clock)
        {
            var index = Volatile.Read(ref _sentCount);
            if (index >= _sent.Length)
            {
                return;
            }

            Document.Edit(_ =>
            {
                // Stamp just before the edit leaves: applying it locally is part of the cost measured.
                _sent[index] = clock.Elapsed.Ticks;
                Volatile.Write(ref _sentCount, index + 1);
                return TextOperation.Builder().Retain(Document.Length).Insert(Token(index)).Build();
            });
        }

        public void Listen(Dictionary<string, Client> byClientId, Stopwatch clock, long from, long to, LatencyHistogram acks, LatencyHistogram receipts)
        {
            Document.Applied = (applied, own) =>
            {
                var now = clock.Elapsed.Ticks;
                var inserted = Inserted(applied.Operation) / InsertLength;
                if (own)
                {
                    for (var i = 0; i < inserted; i++)
                    {
                        Record(acks, _sent[_acknowledged++], now, from, to);
                    }
                }
                else if (byClientId.TryGetValue(applied.ClientId, out var author))
                {
                    var seen = _receivedFrom.GetValueOrDefault(author.AuthorKey);
                    for (var i = 0; i < inserted; i++)
                    {
                        Record(receipts, author._sent[seen + i], now, from, to);
                    }

                    _receivedFrom[author.AuthorKey] = seen + inserted;
                }
            };
        }

        private int AuthorKey => authorIndex;

        private static int Inserted(TextOperation operation)
        {
            var inserted = 0;
            foreach (var component in operation.Components)
            {
                if (component.Kind == ComponentKind.Insert)
                {
                    inserted += component.Count;
                }
            }

            return inserted;
        }

        private static void Record(LatencyHistogram samples, long sent, long now, long from, long to)
        {
            if (sent >= from && sent < to)
            {
                samples.Record(now - sent);
            }
        }

        private static string Token(int index) => ((char)('a' + (index % 26))).ToString() + (index % 1000).ToString("000");
    }
}

public sealed record StepResult(
    int Documents, int Authors, int Lurkers, Percentiles Ack, Percentiles Receipt, double OperationsPerSecond, double? CpuPercent, double? RssMb, double HarnessCpuPercent, int Diverged, int Errors);

/// <summary>Median and tail of a set of latencies (ms).</summary>
public sealed record Percentiles(long Count, double P50, double P95, double P99, double Max);

/// <summary>
/// Latencies counted into fixed buckets — 10 µs wide up to 2 s, 1 ms wide up to 2 minutes — so
/// that recording millions of receipts a step neither grows lists nor makes garbage (the harness
/// shares the machine with the server). Each thread counts into its own buckets (no shared cache
/// lines between the cores); <see cref="Percentiles"/> adds them up, at the upper edge of each bucket.
/// </summary>
public sealed class LatencyHistogram
{
    private const long Fine = TimeSpan.TicksPerMillisecond / 100;
    private const long Coarse = TimeSpan.TicksPerMillisecond;
    private const int FineBuckets = 200_000;
    private const int CoarseBuckets = 118_000;
    private const int Buckets = FineBuckets + CoarseBuckets + 1;
    private readonly ThreadLocal<long[]> _counts = new(() => new long[Buckets + 1], trackAllValues: true);

    public void Record(long ticks)
    {
        ticks = Math.Max(0, ticks);
        var bucket = ticks < FineBuckets * Fine
            ? (int)(ticks / Fine)
            : (int)Math.Min(FineBuckets + ((ticks - FineBuckets * Fine) / Coarse), FineBuckets + CoarseBuckets);
        var counts = _counts.Value!;
        counts[bucket]++;
        counts[Buckets] = Math.Max(counts[Buckets], ticks);
    }

    public Percentiles Percentiles()
    {
        var counts = new long[Buckets + 1];
        var total = 0L;
        foreach (var local in _counts.Values)
        {
            for (var i = 0; i < Buckets; i++)
            {
                counts[i] += local[i];
                total += local[i];
            }

            counts[Buckets] = Math.Max(counts[Buckets], local[Buckets]);
        }

        var max = counts[Buckets];
        if (total == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double At(double q)
        {
            var rank = Math.Max(1, (long)Math.Ceiling(q * total));
            var seen = 0L;
            for (var bucket = 0; bucket < Buckets; bucket++)
            {
                seen += counts[bucket];
                if (seen >= rank)
                {
                    var upper = bucket < FineBuckets ? (bucket + 1) * Fine : (FineBuckets * Fine) + ((bucket - FineBuckets + 1) * Coarse);
                    return Math.Min(upper, max) / (double)TimeSpan.TicksPerMillisecond;
                }
            }

            return max / (double)TimeSpan.TicksPerMillisecond;
        }

        return new Percentiles(total, At(0.50), At(0.95), At(0.99), max / (double)TimeSpan.TicksPerMillisecond);
    }
}

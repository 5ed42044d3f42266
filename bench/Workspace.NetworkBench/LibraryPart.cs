using System.Diagnostics;
using Workspace.Grains.Library;
using Workspace.Server.Hosting;

namespace Workspace.NetworkBench;

/// <summary>The library at scale: entries in every kind, 10 countries, articles across the Convention, three languages, 500 organisations.</summary>
public sealed class LibraryPart(int entries) : IBenchPart
{
    private static readonly string[] Countries = ["MX", "CO", "PE", "AR", "BR", "CL", "EC", "GT", "HN", "BO"];
    private static readonly string[] Languages = ["es", "en", "pt"];
    private static readonly string[] Words =
    [
        "whistleblower", "protection", "procurement", "asset", "declaration", "beneficial", "ownership", "bribery", "integrity", "judiciary",
        "denunciantes", "contratación", "transparencia", "corrupción", "recuperación", "activos", "lavado", "proteção", "licitação", "auditoría",
    ];

    private readonly List<Guid> _organisations = [];

    public string Name => "library";

    public async Task Seed(DatabaseTarget database, Random random, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 500; i++)
        {
            _organisations.Add(new Guid(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16)));
        }

        var store = new SqlLibraryStore(database, new StorageWriteGate(serialise: false));
        var clock = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow.AddDays(-365 * 3);
        const int batch = 1000;
        for (var done = 0; done < entries; done += batch)
        {
            var page = Enumerable.Range(done, Math.Min(batch, entries - done)).Select(i =>
            {
                var created = start.AddMinutes(i * 3);
                var articles = Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"Art. {random.Next(1, 72)}").Distinct().ToArray();
                var title = $"{Sentence(random, 5)} {i}";
                return new LibraryEntryRecord(
                    Guid.NewGuid(), title, Sentence(random, 60), LibraryKinds.All[random.Next(LibraryKinds.All.Count)], Languages[random.Next(Languages.Length)],
                    random.GetItems(Countries, random.Next(1, 3)).Distinct().ToArray(), articles, [], _organisations[random.Next(_organisations.Count)], null, Guid.NewGuid(),
                    created, created, random.Next(0, 40), false);
            }).ToArray();
            await store.Add(page, cancellationToken);
        }

        Console.WriteLine($"  seeded {entries:N0} library entries in {clock.Elapsed.TotalSeconds:F1} s");
    }

    public IReadOnlyList<(string Label, string Path)> Queries(Random random) =>
    [
        ("text (one word)", $"/api/library?q={Uri.EscapeDataString(Words[random.Next(Words.Length)])}"),
        ("text (two words)", $"/api/library?q={Uri.EscapeDataString($"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]}")}"),
        ("kind + country", $"/api/library?kind={LibraryKinds.All[random.Next(LibraryKinds.All.Count)]}&country={Countries[random.Next(Countries.Length)]}"),
        ("article", $"/api/library?article={random.Next(1, 72)}"),
        ("chapter scope", $"/api/library?article=chapter:{random.Next(1, 9)}"),
        ("cycle 2 + country", $"/api/library?article=cycle:2&country={Countries[random.Next(Countries.Length)]}"),
        ("organisation", $"/api/library?organisation={_organisations[random.Next(_organisations.Count)]}"),
        ("newest", "/api/library"),
        ("most used", "/api/library?sort=used"),
        ("deep page", $"/api/library?offset={random.Next(1000, 5000)}"),
    ];

    private static string Sentence(Random random, int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
}

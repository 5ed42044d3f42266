using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Workspace.Contracts.Organisations;
using Workspace.Server.Configuration;
using Workspace.Server.Hosting;

namespace Workspace.NetworkBench;

/// <summary>
/// The directory of organisations at scale: countries of the Americas and Europe, every kind (most civil society),
/// 1–6 articles each, 1–3 languages, ~90 % verified and listed. The directory is one grain's state, so it is seeded
/// through that grain's own bulk upsert (<c>UpsertMany</c>, 500 a call, as the start-up fill does) from an Orleans
/// client connected to the running server's gateway; the organisations' own grains are not created (the directory
/// never reads them to search).
/// </summary>
public sealed class DirectoryPart(int organisations) : IBenchPart
{
    // Weighted by repetition: the larger countries of the network more often.
    private static readonly string[] Countries =
    [
        "MX", "MX", "MX", "BR", "BR", "BR", "CO", "CO", "AR", "AR", "PE", "CL", "EC", "GT", "HN", "SV", "NI", "CR", "PA", "DO",
        "BO", "PY", "UY", "VE", "US", "US", "CA", "JM", "TT", "ES", "ES", "PT", "FR", "DE", "IT", "GB", "NL", "BE", "AT", "CH",
        "PL", "RO", "HU", "CZ", "SE", "NO", "DK", "FI", "IE", "GR",
    ];

    private static readonly Dictionary<string, string> Spoken = new()
    {
        ["BR"] = "pt", ["PT"] = "pt", ["US"] = "en", ["CA"] = "en", ["JM"] = "en", ["TT"] = "en", ["GB"] = "en", ["IE"] = "en", ["FR"] = "fr",
        ["DE"] = "de", ["AT"] = "de", ["CH"] = "de", ["IT"] = "it", ["NL"] = "nl", ["BE"] = "nl", ["PL"] = "pl", ["RO"] = "ro", ["HU"] = "hu",
        ["CZ"] = "cs", ["SE"] = "sv", ["NO"] = "no", ["DK"] = "da", ["FI"] = "fi", ["GR"] = "el",
    };

    private static readonly string[] Areas = ["procurement", "whistleblowing", "asset recovery", "beneficial ownership", "judicial integrity", "access to information", "political finance", "anti-money laundering"];
    private static readonly string[] Words = ["Transparencia", "Integridad", "Ciudadanía", "Observatorio", "Acción", "Transparência", "Fundación", "Instituto", "Accountability", "Watch", "Forum", "Initiative", "Centro", "Red", "Alianza", "Coalition"];
    private static readonly string[] Places = ["Norte", "Sur", "Andina", "Caribe", "Atlántico", "Pacífico", "Central", "Nacional", "Civic", "Public", "Open", "Global"];

    private readonly List<double> _batchWrites = [];

    public string Name => "directory";

    public Task Seed(DatabaseTarget database, Random random, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task SeedRunning(BenchServer server, DatabaseTarget database, Random random)
    {
        using var client = await Connect(server);
        var directory = client.Services.GetRequiredService<IGrainFactory>().GetGrain<IOrganisationDirectoryGrain>(0);
        var start = DateTimeOffset.UtcNow.AddDays(-365 * 2);
        var all = Enumerable.Range(0, organisations).Select(i => Organisation(random, i, start)).ToArray();
        var clock = Stopwatch.StartNew();
        foreach (var batch in all.Chunk(500))
        {
            var write = Stopwatch.StartNew();
            await directory.UpsertMany(batch);
            _batchWrites.Add(write.Elapsed.TotalMilliseconds);
        }

        var listed = all.Count(o => o.Listed);
        Console.WriteLine($"  seeded {organisations:N0} organisations ({listed:N0} listed) in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"each UpsertMany of 500 rewrites the whole state: first {_batchWrites[0]:F0} ms, last {_batchWrites[^1]:F0} ms");

        // One organisation changing at full size: each change rewrites the directory's whole state.
        var single = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var changed = all[random.Next(all.Length)] with { People = random.Next(1, 40) };
            var write = Stopwatch.StartNew();
            await directory.Upsert(changed);
            single.Add(write.Elapsed.TotalMilliseconds);
        }

        single.Sort();
        Console.WriteLine($"  one organisation's change (Upsert) at {organisations:N0}: p50 {single[single.Count / 2]:F1} ms, max {single[^1]:F1} ms (n = 20)");
        foreach (var (type, bytes) in await StoredBytes(database))
        {
            Console.WriteLine($"  the directory's stored state (\"{type}\"): {bytes / 1024.0:N0} KiB");
        }

        await client.StopAsync();
    }

    public IReadOnlyList<(string Label, string Path)> Queries(Random random)
    {
        var country = Countries[random.Next(Countries.Length)];
        var kind = Kinds[random.Next(Kinds.Length)];
        return
        [
            ("first page", "/api/directory"),
            ("text", $"/api/directory?q={Uri.EscapeDataString(Prefix(Words[random.Next(Words.Length)]))}"),
            ("country", $"/api/directory?country={country}"),
            ("kind", $"/api/directory?kind={kind}"),
            ("article 33", "/api/directory?article=33"),
            ("chapter:III", "/api/directory?article=chapter:III"),
            ("cycle:2", "/api/directory?article=cycle:2"),
            ("language", $"/api/directory?language={(random.Next(3) switch { 0 => "es", 1 => "pt", _ => "en" })}"),
            ("33 + country", $"/api/directory?article=33&country={country}"),
            ("text+kind+ch.III+lang", $"/api/directory?q={Uri.EscapeDataString(Areas[random.Next(Areas.Length)].Split(' ')[0])}&kind={kind}&article=chapter:III&language=es"),
            ("deep page", $"/api/directory?offset={random.Next(500, 3000)}"),
            ("partners 33 MX", "/api/directory/partners?article=33&country=MX"),
            ("partners ch.II ES", "/api/directory/partners?article=chapter:II&country=ES"),
            ("partners cycle:2 BR", "/api/directory/partners?article=cycle:2&country=BR"),
        ];
    }

    public async Task AfterRestart(BenchServer server, DatabaseTarget database)
    {
        // The sign-in already activated the reader's own grains; this request activates the directory (reads and
        // deserialises its whole state) before answering.
        var clock = Stopwatch.StartNew();
        using (var first = await server.Reader.GetAsync("/api/directory?article=33"))
        {
            first.EnsureSuccessStatusCode();
            await first.Content.ReadAsByteArrayAsync();
        }

        var cold = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        using (var second = await server.Reader.GetAsync("/api/directory?article=33"))
        {
            second.EnsureSuccessStatusCode();
            await second.Content.ReadAsByteArrayAsync();
        }

        Console.WriteLine($"  after a restart: first directory search {cold:F0} ms (activation: the whole state read and deserialised), the same search next {clock.Elapsed.TotalMilliseconds:F1} ms");
    }

    /// <summary>What someone types before the list narrows: the first five letters of a word of the names.</summary>
    private static string Prefix(string word) => word.ToLowerInvariant()[..Math.Min(5, word.Length)];

    private static readonly string[] Kinds = ["civil-society", "civil-society", "civil-society", "network-or-coalition", "academia", "media", "international-organisation", "government-institution"];

    private static OrganisationSummary Organisation(Random random, int i, DateTimeOffset start)
    {
        var country = Countries[random.Next(Countries.Length)];
        var roll = random.NextDouble();
        var kind = roll switch
        {
            < 0.62 => OrganisationKind.CivilSociety,
            < 0.72 => OrganisationKind.NetworkOrCoalition,
            < 0.80 => OrganisationKind.Academia,
            < 0.86 => OrganisationKind.Media,
            < 0.90 => OrganisationKind.InternationalOrganisation,
            < 0.95 => OrganisationKind.GovernmentInstitution,
            < 0.98 => OrganisationKind.PrivateSector,
            _ => OrganisationKind.DiplomaticMission,
        };

        // ~93 % verified; of those civil society is listed by default, other kinds mostly choose to be listed.
        var status = random.NextDouble() < 0.93 ? OrganisationStatus.Verified : OrganisationStatus.Pending;
        var listing = kind == OrganisationKind.CivilSociety
            ? (random.NextDouble() < 0.98 ? OrganisationListing.Default : OrganisationListing.Unlisted)
            : (random.NextDouble() < 0.95 ? OrganisationListing.Listed : OrganisationListing.Default);
        var articles = Enumerable.Range(0, random.Next(1, 7))
            .Select(_ => random.Next(4) == 0 ? $"Art. {random.Next(5, 60)}.{random.Next(1, 4)}" : $"Art. {random.Next(1, 72)}")
            .Distinct().ToArray();
        var languages = new[] { Spoken.GetValueOrDefault(country, "es") }
            .Concat(random.Next(3) == 0 ? ["en"] : []).Concat(random.Next(8) == 0 ? ["es", "pt"] : []).Distinct().ToArray();
        var name = $"{Words[random.Next(Words.Length)]} {Places[random.Next(Places.Length)]} {country} {i.ToString(CultureInfo.InvariantCulture)}";
        var areas = random.GetItems(Areas, random.Next(0, 3)).Distinct().ToArray();
        return new OrganisationSummary(
            Guid.NewGuid(), name, random.Next(2) == 0 ? $"O{i}" : null, country, kind, status, random.Next(1, 40), random.Next(0, 3),
            start.AddMinutes(i * 17), articles, languages, areas, listing, $"https://org{i}.example", Indexed: true);
    }

    private static async Task<IHost> Connect(BenchServer server)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .UseOrleansClient(c => c.UseLocalhostClustering(server.GatewayPort, serviceId: "workspace", clusterId: "workspace"))
            .Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<List<(string Type, long Bytes)>> StoredBytes(DatabaseTarget database)
    {
        await using DbConnection connection = database.Provider == StorageProvider.PostgreSql
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT GrainTypeString, length(PayloadBinary) FROM OrleansStorage WHERE GrainTypeString = 'organisations'";
        var sizes = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sizes.Add((reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
        }

        return sizes;
    }
}

using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;

namespace Workspace.Grains.Partners;

/// <summary>Land neighbours and UN M49 regions of countries, from the checked-in geography.json (sources in its README).</summary>
public static class Geography
{
    private static readonly Lazy<(FrozenDictionary<string, string> Regions, FrozenDictionary<string, FrozenSet<string>> Borders)> Data = new(Load);

    /// <summary>The M49 region code of a country ("MX" → "013", Central America); null for a code the file does not know.</summary>
    public static string? RegionOf(string country) => Data.Value.Regions.GetValueOrDefault(country);

    /// <summary>Whether two different countries share a land border (as far as the file lists borders).</summary>
    public static bool AreNeighbours(string a, string b) =>
        a != b && Data.Value.Borders.TryGetValue(a, out var neighbours) && neighbours.Contains(b);

    public static IReadOnlySet<string> NeighboursOf(string country) =>
        Data.Value.Borders.TryGetValue(country, out var neighbours) ? neighbours : FrozenSet<string>.Empty;

    /// <summary>Every country the file places in a region.</summary>
    public static IReadOnlyCollection<string> Countries => Data.Value.Regions.Keys;

    private static (FrozenDictionary<string, string>, FrozenDictionary<string, FrozenSet<string>>) Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Workspace.Grains.Partners.geography.json")
            ?? throw new InvalidOperationException("geography.json is not embedded.");
        var file = JsonSerializer.Deserialize<GeographyFile>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidOperationException("geography.json is empty.");
        var regions = file.SubRegions
            .SelectMany(r => r.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => (Country: c, Region: r.Key)))
            .ToFrozenDictionary(p => p.Country, p => p.Region, StringComparer.Ordinal);
        var borders = file.Borders
            .Select(b => b.Split('-'))
            .SelectMany(p => new[] { (p[0], p[1]), (p[1], p[0]) })
            .GroupBy(p => p.Item1, p => p.Item2)
            .ToFrozenDictionary(g => g.Key, g => g.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
        return (regions, borders);
    }

    private sealed record GeographyFile(Dictionary<string, string> SubRegions, string[] Borders);
}

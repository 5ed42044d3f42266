using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Workspace.Reports;

/// <summary>
/// The fixed texts of minutes and reports in one language (en, es or pt — Brazilian), from the
/// catalogues Texts.{en,es,pt}.json, with country names from Countries.json (the codes the
/// product offers, names as CLDR gives them). Everything is checked in, so output does not depend
/// on the host's ICU data: dates are formatted from the catalogue's patterns and month names, and
/// plurals follow the CLDR rules of the three languages (the ones Intl.PluralRules uses in the client).
/// </summary>
public sealed class Texts
{
    /// <summary>The languages minutes and reports are written in; the first is the fallback.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "es", "pt"];

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Catalogues =
        Languages.ToFrozenDictionary(l => l, l => Load<Dictionary<string, string>>($"Texts.{l}.json").ToFrozenDictionary(StringComparer.Ordinal), StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Dictionary<string, string>> CountryNames =
        Load<Dictionary<string, Dictionary<string, string>>>("Countries.json").ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Texts> All = Languages.ToFrozenDictionary(l => l, l => new Texts(l), StringComparer.Ordinal);

    private readonly FrozenDictionary<string, string> _texts;

    private Texts(string language)
    {
        Language = language;
        _texts = Catalogues[language];
        Collation = CollationOf(language);
    }

    /// <summary>The English texts, used when nothing else is asked for.</summary>
    public static Texts English => All["en"];

    /// <summary>The language code, as the HTML <c>lang</c> attribute takes it.</summary>
    public string Language { get; }

    /// <summary>Orders names as readers of this language expect.</summary>
    public StringComparer Collation { get; }

    public static bool IsSupported(string? language) => language is not null && All.ContainsKey(language);

    /// <summary>The texts of a language the product writes in; null for any other.</summary>
    public static Texts? For(string? language) => language is not null && All.TryGetValue(language, out var texts) ? texts : null;

    /// <summary>A group's texts: its first language the product writes in (a group's first language is its main one), else English.</summary>
    public static Texts ForGroup(IEnumerable<string> groupLanguages) =>
        groupLanguages.Select(For).FirstOrDefault(t => t is not null) ?? English;

    /// <summary>The raw catalogue of a language (for the catalogue checks).</summary>
    public static IReadOnlyDictionary<string, string> Catalogue(string language) => Catalogues[language];

    /// <summary>Every country code with a name, and its names (for the catalogue checks).</summary>
    public static IReadOnlyDictionary<string, Dictionary<string, string>> Countries => CountryNames;

    /// <summary>The text of a key with its {placeholders} filled in.</summary>
    public string Get(string key, params (string Name, object Value)[] values)
    {
        var text = _texts.TryGetValue(key, out var found) ? found : throw new KeyNotFoundException($"No text '{key}' in {Language}.");
        if (values.Length == 0)
        {
            return text;
        }

        var result = new StringBuilder(text);
        foreach (var (name, value) in values)
        {
            result.Replace("{" + name + "}", Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }

    /// <summary>A counted phrase (<c>key.one</c> or <c>key.other</c>) with {count} filled in.</summary>
    public string Count(string key, int count, params (string Name, object Value)[] values) =>
        Get($"{key}.{PluralCategory(Language, count)}", [("count", count), .. values]);

    /// <summary>
    /// The CLDR plural category of a whole number: English and Spanish say "one" of 1 only;
    /// Portuguese (Brazilian) of 0 and 1 (CLDR's <c>i = 0..1</c>).
    /// </summary>
    public static string PluralCategory(string language, int count) => language switch
    {
        "pt" => count is 0 or 1 ? "one" : "other",
        _ => count == 1 ? "one" : "other",
    };

    /// <summary>A known role or status key's text, or the value itself if the catalogue has none.</summary>
    public string Term(string prefix, string value) => _texts.TryGetValue($"{prefix}.{value}", out var text) ? text : value;

    /// <summary>A country's name in this language; the code itself for a code the table lacks.</summary>
    public string Country(string code) =>
        CountryNames.TryGetValue(code, out var names) && names.TryGetValue(Language, out var name) ? name : code;

    /// <summary>A day written out: "1 June 2026", "1 de junio de 2026".</summary>
    public string LongDay(DateOnly day) => Day("date.long", day);

    /// <summary>A day in a table cell: "2026-06-01" (English), "01/06/2026" (Spanish, Portuguese).</summary>
    public string ShortDay(DateOnly day) => Day("date.short", day);

    /// <summary>A time of day, 24-hour, as all three languages write it in documents.</summary>
    public static string Time(DateTimeOffset at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);

    private string Day(string pattern, DateOnly day) => Get(
        pattern,
        ("d", day.Day),
        ("dd", day.Day.ToString("00", CultureInfo.InvariantCulture)),
        ("MM", day.Month.ToString("00", CultureInfo.InvariantCulture)),
        ("month", Get($"date.month.{day.Month.ToString(CultureInfo.InvariantCulture)}")),
        ("yyyy", day.Year.ToString("0000", CultureInfo.InvariantCulture)));

    /// <summary>The language's collation; ordinal where the host has no culture data (invariant globalization).</summary>
    private static StringComparer CollationOf(string language)
    {
        try
        {
            return StringComparer.Create(CultureInfo.GetCultureInfo(language), CompareOptions.None);
        }
        catch (CultureNotFoundException)
        {
            return StringComparer.Ordinal;
        }
    }

    private static T Load<T>(string name)
    {
        using var stream = typeof(Texts).Assembly.GetManifestResourceStream($"Workspace.Reports.{name}")
            ?? throw new InvalidOperationException($"The resource {name} is missing from {typeof(Texts).Assembly.GetName().Name}.");
        return JsonSerializer.Deserialize<T>(stream) ?? throw new InvalidOperationException($"The resource {name} is empty.");
    }
}

/// <summary>
/// How one reader gets a text: in which language and in which time zone (times are printed with
/// the zone's name). Defaults: English, UTC.
/// </summary>
public sealed record Presentation(Texts Texts, TimeZoneInfo Zone)
{
    public static readonly Presentation Default = new(Texts.English, TimeZoneInfo.Utc);

    /// <summary>The zone as printed next to times: "UTC", or its IANA name ("America/Bogota").</summary>
    public string ZoneName => Zone == TimeZoneInfo.Utc || Zone.Id is "UTC" or "Etc/UTC" ? "UTC" : Zone.Id;

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(Local(now).DateTime);
}

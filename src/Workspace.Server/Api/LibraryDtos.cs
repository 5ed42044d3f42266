using System.Text.RegularExpressions;
using Workspace.Grains.Library;

namespace Workspace.Server.Api;

/// <summary>An entry as a search lists it (other pages code against this shape: keep it).</summary>
public sealed record LibraryItem(
    Guid Id, string Title, string SummaryExcerpt, string Kind, IReadOnlyList<string> Countries, IReadOnlyList<string> Articles, string Language,
    LibraryOrganisation Organisation, LibraryGroup? Group, DateTimeOffset CreatedAt, int Uses, IReadOnlyList<LibraryFileView> Files);

public sealed record LibraryOrganisation(Guid Id, string Name, string? ShortName);

public sealed record LibraryGroup(Guid Id, string Name);

public sealed record LibraryFileView(Guid Id, string Name, string ContentType, long Size)
{
    public static LibraryFileView From(LibraryFileInfo file) => new(file.Id, file.Name, file.ContentType, file.Size);
}

public sealed record LibrarySearchAnswer(IReadOnlyList<LibraryItem> Items, int Total);

/// <summary>One entry in full: the summary rendered (sanitised), links, and the citations the reader may open; the others only counted.</summary>
public sealed record LibraryEntryView(
    Guid Id, string Title, string Summary, string SummaryHtml, string Kind, IReadOnlyList<string> Countries, IReadOnlyList<string> Articles, string Language,
    LibraryOrganisation Organisation, LibraryGroup? Group, IReadOnlyList<string> Links, IReadOnlyList<LibraryFileView> Files,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Uses, bool CanEdit, IReadOnlyList<LibraryCitationView> Citations, int HiddenCitations);

/// <summary>A place that cites an entry; <c>link</c> is the client's path to it.</summary>
public sealed record LibraryCitationView(Guid Id, string Kind, LibraryGroup Group, Guid TargetId, string? Country, string Title, string Link);

/// <summary>An entry cited by a recommendation or document, as that thing's page lists it.</summary>
public sealed record LibraryCitedView(Guid CitationId, string Kind, string? Country, Guid EntryId, string Title, string EntryKind, LibraryOrganisation Organisation);

public sealed record LibraryEntryRequest(
    string? Title, string? Summary, string? Kind, IReadOnlyList<string>? Countries, IReadOnlyList<string>? Articles, string? Language,
    IReadOnlyList<string>? Links, Guid? GroupId);

public sealed record LibraryCitationRequest(string? Kind, Guid GroupId, Guid TargetId, string? Country);

/// <summary>Plain text of a Markdown summary for a result list: markup characters dropped, spaces collapsed, cut at a word.</summary>
public static partial class LibraryExcerpt
{
    public const int Length = 240;

    public static string Of(string markdown)
    {
        var text = Links().Replace(markdown, "$1");
        text = Markup().Replace(text, string.Empty);
        text = Spaces().Replace(text, " ").Trim();
        if (text.Length <= Length)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', Length);
        return text[..(cut > Length / 2 ? cut : Length)].TrimEnd() + "…";
    }

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Links();

    [GeneratedRegex(@"[#*_>`|~]+|^\s*[-+]\s", RegexOptions.Multiline)]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

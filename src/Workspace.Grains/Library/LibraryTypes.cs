namespace Workspace.Grains.Library;

/// <summary>What an entry of the library is; the wire names are the lower-case, hyphenated forms.</summary>
public static class LibraryKinds
{
    public static readonly IReadOnlyList<string> All =
    [
        "good-practice", "lesson-learned", "parallel-report", "policy-paper", "legal-analysis", "toolkit", "case-study", "country-review-document",
    ];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);
}

/// <summary>One stored entry, as the library's index holds it (countries ISO codes, articles normalised references).</summary>
public sealed record LibraryEntryRecord(
    Guid Id,
    string Title,
    string Summary,
    string Kind,
    string Language,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Articles,
    IReadOnlyList<string> Links,
    Guid OrganisationId,
    Guid? GroupId,
    Guid SharedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Uses,
    bool Withdrawn)
{
    /// <summary>Files of the entry (name, type, size; never the bytes).</summary>
    public IReadOnlyList<LibraryFileInfo> Files { get; init; } = [];
}

/// <summary>A file of an entry without its bytes.</summary>
public sealed record LibraryFileInfo(Guid Id, Guid EntryId, string Name, string ContentType, long Size, DateTimeOffset CreatedAt);

/// <summary>A file's bytes, for a download.</summary>
public sealed record LibraryFileContent(LibraryFileInfo Info, byte[] Content);

/// <summary>
/// A place that cites an entry: an adopted recommendation, a group document, or a follow-up update of a
/// recommendation (TargetId the recommendation, Country the country whose follow-up cites it).
/// </summary>
public sealed record LibraryCitationRecord(Guid Id, Guid EntryId, string Kind, Guid GroupId, Guid TargetId, string? Country, Guid CitedBy, DateTimeOffset CreatedAt);

/// <summary>
/// A search: every filter optional. <see cref="ReadableGroups"/> null means every group (the administrator);
/// otherwise group entries are found only in those groups. Articles is a set of article numbers (a scope).
/// </summary>
public sealed record LibraryQuery(
    string? Text,
    string? Kind,
    string? Country,
    IReadOnlySet<int>? Articles,
    string? Language,
    Guid? OrganisationId,
    Guid? GroupId,
    bool MostUsed,
    int Limit,
    int Offset,
    IReadOnlyCollection<Guid>? ReadableGroups);

/// <summary>One page of a search and how many entries match in all.</summary>
public sealed record LibraryPage(IReadOnlyList<LibraryEntryRecord> Items, int Total);

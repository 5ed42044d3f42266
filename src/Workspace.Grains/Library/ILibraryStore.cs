namespace Workspace.Grains.Library;

/// <summary>
/// The library's storage and index (the SQL tables next to grain storage, so every node reads the same
/// entries and files). It stores; it decides nothing: <see cref="LibraryRules"/> says who may do what.
/// </summary>
public interface ILibraryStore
{
    Task<LibraryPage> Search(LibraryQuery query, CancellationToken cancellationToken = default);

    /// <summary>The entry with its files, withdrawn or not; null when there is no such entry.</summary>
    Task<LibraryEntryRecord?> Get(Guid entryId, CancellationToken cancellationToken = default);

    /// <summary>Adds entries (one or many, in one transaction: the benchmark seeds through this).</summary>
    Task Add(IReadOnlyList<LibraryEntryRecord> entries, CancellationToken cancellationToken = default);

    /// <summary>Replaces what can be edited (title, summary, kind, language, countries, articles, links, updated time).</summary>
    Task Update(LibraryEntryRecord entry, CancellationToken cancellationToken = default);

    Task Withdraw(Guid entryId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Adds a file unless the entry already has <paramref name="maxFiles"/>; false when it has.</summary>
    Task<bool> AddFile(LibraryFileInfo file, byte[] content, int maxFiles, CancellationToken cancellationToken = default);

    Task<bool> RemoveFile(Guid entryId, Guid fileId, CancellationToken cancellationToken = default);

    /// <summary>The file's bytes (null when the entry has no such file); counts the download as a use.</summary>
    Task<LibraryFileContent?> Download(Guid entryId, Guid fileId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LibraryCitationRecord>> Citations(Guid entryId, CancellationToken cancellationToken = default);

    /// <summary>Entries cited by one recommendation or document (withdrawn ones left out).</summary>
    Task<IReadOnlyList<(LibraryCitationRecord Citation, LibraryEntryRecord Entry)>> CitedBy(Guid targetId, CancellationToken cancellationToken = default);

    /// <summary>Adds a citation unless the same place already cites the entry; returns the one stored.</summary>
    Task<LibraryCitationRecord> AddCitation(LibraryCitationRecord citation, CancellationToken cancellationToken = default);

    Task<bool> RemoveCitation(Guid entryId, Guid citationId, CancellationToken cancellationToken = default);
}

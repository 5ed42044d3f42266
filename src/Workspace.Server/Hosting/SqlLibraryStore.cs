using System.Data.Common;
using System.Globalization;
using System.Text;
using Workspace.Grains.Library;
using Workspace.Grains.Organisations;
using Workspace.Server.Configuration;

namespace Workspace.Server.Hosting;

/// <summary>
/// The library in the grain-storage database (deploy/sql/*/030-library.sql): plain SQL that reads the same
/// on SQLite and PostgreSQL. Writes pass the node's <see cref="StorageWriteGate"/> (SQLite has one writer).
/// </summary>
public sealed class SqlLibraryStore(DatabaseTarget target, StorageWriteGate gate) : ILibraryStore
{
    private const string EntryColumns = "e.Id, e.Title, e.Summary, e.Kind, e.Language, e.Countries, e.Articles, e.Links, e.OrganisationId, e.GroupId, e.SharedBy, e.CreatedAt, e.UpdatedAt, e.Uses, e.Withdrawn";

    /// <summary>The text an entry is searched by: title and summary folded (lower case, no accents).</summary>
    public static string Fold(string title, string summary) => NameFold.Fold(title + " " + summary);

    public async Task<LibraryPage> Search(LibraryQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var count = connection.CreateCommand();
        var where = Where(query, count);
        count.CommandText = $"SELECT COUNT(*) FROM WorkspaceLibraryEntry e WHERE {where}";
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (total == 0 || query.Offset >= total)
        {
            return new LibraryPage([], total);
        }

        await using var page = connection.CreateCommand();
        where = Where(query, page);
        var order = query.MostUsed ? "e.Uses DESC, e.CreatedAt DESC, e.Id" : "e.CreatedAt DESC, e.Id";
        page.CommandText = $"SELECT {EntryColumns} FROM WorkspaceLibraryEntry e WHERE {where} ORDER BY {order} LIMIT @limit OFFSET @offset";
        Add(page, "@limit", query.Limit);
        Add(page, "@offset", query.Offset);
        var items = await ReadEntries(page, cancellationToken);
        return new LibraryPage(await WithFiles(connection, items, cancellationToken), total);
    }

    public async Task<LibraryEntryRecord?> Get(Guid entryId, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EntryColumns} FROM WorkspaceLibraryEntry e WHERE e.Id = @id";
        Add(command, "@id", Key(entryId));
        var found = await ReadEntries(command, cancellationToken);
        return found.Count == 0 ? null : (await WithFiles(connection, found, cancellationToken))[0];
    }

    public Task Add(IReadOnlyList<LibraryEntryRecord> entries, CancellationToken cancellationToken = default) =>
        Write(async (connection, transaction) =>
        {
            await using var insert = Command(connection, transaction,
                "INSERT INTO WorkspaceLibraryEntry (Id, Title, Summary, Folded, Kind, Language, Countries, Articles, Links, OrganisationId, GroupId, SharedBy, CreatedAt, UpdatedAt, Uses, Withdrawn) " +
                "VALUES (@id, @title, @summary, @folded, @kind, @language, @countries, @articles, @links, @organisation, @group, @sharedBy, @created, @updated, @uses, @withdrawn)");
            foreach (var entry in entries)
            {
                insert.Parameters.Clear();
                Add(insert, "@id", Key(entry.Id));
                Add(insert, "@organisation", Key(entry.OrganisationId));
                Add(insert, "@group", entry.GroupId is { } g ? Key(g) : null);
                Add(insert, "@sharedBy", Key(entry.SharedBy));
                Add(insert, "@created", entry.CreatedAt.ToUnixTimeMilliseconds());
                Add(insert, "@uses", (long)entry.Uses);
                Add(insert, "@withdrawn", entry.Withdrawn ? 1 : 0);
                AddEditable(insert, entry);
                await insert.ExecuteNonQueryAsync(cancellationToken);
                await WriteFacets(connection, transaction, entry, cancellationToken);
            }
        }, cancellationToken);

    public Task Update(LibraryEntryRecord entry, CancellationToken cancellationToken = default) =>
        Write(async (connection, transaction) =>
        {
            await using var update = Command(connection, transaction,
                "UPDATE WorkspaceLibraryEntry SET Title = @title, Summary = @summary, Folded = @folded, Kind = @kind, Language = @language, " +
                "Countries = @countries, Articles = @articles, Links = @links, UpdatedAt = @updated WHERE Id = @id");
            Add(update, "@id", Key(entry.Id));
            AddEditable(update, entry);
            await update.ExecuteNonQueryAsync(cancellationToken);
            foreach (var table in new[] { "WorkspaceLibraryCountry", "WorkspaceLibraryArticle" })
            {
                await using var clear = Command(connection, transaction, $"DELETE FROM {table} WHERE EntryId = @id");
                Add(clear, "@id", Key(entry.Id));
                await clear.ExecuteNonQueryAsync(cancellationToken);
            }

            await WriteFacets(connection, transaction, entry, cancellationToken);
        }, cancellationToken);

    public Task Withdraw(Guid entryId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Write(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, "UPDATE WorkspaceLibraryEntry SET Withdrawn = 1, UpdatedAt = @at WHERE Id = @id");
            Add(command, "@id", Key(entryId));
            Add(command, "@at", at.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public async Task<bool> AddFile(LibraryFileInfo file, byte[] content, int maxFiles, CancellationToken cancellationToken = default)
    {
        var added = false;
        await Write(async (connection, transaction) =>
        {
            // Counted and inserted in one statement, so two uploads at once cannot both take the last place.
            await using var insert = Command(connection, transaction,
                "INSERT INTO WorkspaceLibraryFile (Id, EntryId, Name, ContentType, Size, Content, CreatedAt) " +
                "SELECT @id, @entry, @name, @type, @size, @content, @created WHERE (SELECT COUNT(*) FROM WorkspaceLibraryFile WHERE EntryId = @entry) < @max");
            Add(insert, "@id", Key(file.Id));
            Add(insert, "@entry", Key(file.EntryId));
            Add(insert, "@name", file.Name);
            Add(insert, "@type", file.ContentType);
            Add(insert, "@size", file.Size);
            Add(insert, "@content", content);
            Add(insert, "@created", file.CreatedAt.ToUnixTimeMilliseconds());
            Add(insert, "@max", (long)maxFiles);
            added = await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
        return added;
    }

    public async Task<bool> RemoveFile(Guid entryId, Guid fileId, CancellationToken cancellationToken = default)
    {
        var removed = false;
        await Write(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, "DELETE FROM WorkspaceLibraryFile WHERE Id = @id AND EntryId = @entry");
            Add(command, "@id", Key(fileId));
            Add(command, "@entry", Key(entryId));
            removed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
        return removed;
    }

    public async Task<LibraryFileContent?> Download(Guid entryId, Guid fileId, CancellationToken cancellationToken = default)
    {
        LibraryFileContent? found = null;
        await using (var connection = await Open(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Id, EntryId, Name, ContentType, Size, CreatedAt, Content FROM WorkspaceLibraryFile WHERE Id = @id AND EntryId = @entry";
            Add(command, "@id", Key(fileId));
            Add(command, "@entry", Key(entryId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                found = new LibraryFileContent(ReadFile(reader), (byte[])reader.GetValue(6));
            }
        }

        if (found is not null)
        {
            await CountUse(entryId, +1, cancellationToken);
        }

        return found;
    }

    public async Task<IReadOnlyList<LibraryCitationRecord>> Citations(Guid entryId, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, EntryId, Kind, GroupId, TargetId, Country, CitedBy, CreatedAt FROM WorkspaceLibraryCitation WHERE EntryId = @entry ORDER BY CreatedAt, Id";
        Add(command, "@entry", Key(entryId));
        var citations = new List<LibraryCitationRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            citations.Add(ReadCitation(reader, 0));
        }

        return citations;
    }

    public async Task<IReadOnlyList<(LibraryCitationRecord Citation, LibraryEntryRecord Entry)>> CitedBy(Guid targetId, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EntryColumns}, c.Id, c.EntryId, c.Kind, c.GroupId, c.TargetId, c.Country, c.CitedBy, c.CreatedAt " +
            "FROM WorkspaceLibraryCitation c JOIN WorkspaceLibraryEntry e ON e.Id = c.EntryId WHERE c.TargetId = @target AND e.Withdrawn = 0 ORDER BY c.CreatedAt, c.Id";
        Add(command, "@target", Key(targetId));
        var found = new List<(LibraryCitationRecord, LibraryEntryRecord)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((ReadCitation(reader, 15), ReadEntry(reader)));
        }

        return found;
    }

    public async Task<LibraryCitationRecord> AddCitation(LibraryCitationRecord citation, CancellationToken cancellationToken = default)
    {
        var existing = (await Citations(citation.EntryId, cancellationToken)).FirstOrDefault(c =>
            c.Kind == citation.Kind && c.GroupId == citation.GroupId && c.TargetId == citation.TargetId && c.Country == citation.Country);
        if (existing is not null)
        {
            return existing;
        }

        await Write(async (connection, transaction) =>
        {
            await using var insert = Command(connection, transaction,
                "INSERT INTO WorkspaceLibraryCitation (Id, EntryId, Kind, GroupId, TargetId, Country, CitedBy, CreatedAt) VALUES (@id, @entry, @kind, @group, @target, @country, @by, @created)");
            Add(insert, "@id", Key(citation.Id));
            Add(insert, "@entry", Key(citation.EntryId));
            Add(insert, "@kind", citation.Kind);
            Add(insert, "@group", Key(citation.GroupId));
            Add(insert, "@target", Key(citation.TargetId));
            Add(insert, "@country", citation.Country);
            Add(insert, "@by", Key(citation.CitedBy));
            Add(insert, "@created", citation.CreatedAt.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await Uses(connection, transaction, citation.EntryId, +1, cancellationToken);
        }, cancellationToken);
        return citation;
    }

    public async Task<bool> RemoveCitation(Guid entryId, Guid citationId, CancellationToken cancellationToken = default)
    {
        var removed = false;
        await Write(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, "DELETE FROM WorkspaceLibraryCitation WHERE Id = @id AND EntryId = @entry");
            Add(command, "@id", Key(citationId));
            Add(command, "@entry", Key(entryId));
            removed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            if (removed)
            {
                await Uses(connection, transaction, entryId, -1, cancellationToken);
            }
        }, cancellationToken);
        return removed;
    }

    /// <summary>The filters as SQL over the entry table <c>e</c>, with their parameters added to <paramref name="command"/>.</summary>
    private static string Where(LibraryQuery query, DbCommand command)
    {
        var where = new StringBuilder("e.Withdrawn = 0");
        if (query.ReadableGroups is { } groups)
        {
            where.Append(" AND (e.GroupId IS NULL");
            if (groups.Count > 0)
            {
                where.Append(" OR e.GroupId IN (").Append(string.Join(", ", groups.Select((g, i) => Add(command, $"@rg{i}", Key(g)).ParameterName))).Append(')');
            }

            where.Append(')');
        }

        var words = NameFold.Fold(query.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8).ToArray();
        for (var i = 0; i < words.Length; i++)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND e.Folded LIKE @w{i} ESCAPE '\\'");
            Add(command, $"@w{i}", "%" + words[i].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%");
        }

        if (query.Kind is { } kind)
        {
            where.Append(" AND e.Kind = @kind");
            Add(command, "@kind", kind);
        }

        if (query.Language is { } language)
        {
            where.Append(" AND e.Language = @language");
            Add(command, "@language", language);
        }

        if (query.OrganisationId is { } organisation)
        {
            where.Append(" AND e.OrganisationId = @organisation");
            Add(command, "@organisation", Key(organisation));
        }

        if (query.GroupId is { } group)
        {
            where.Append(" AND e.GroupId = @group");
            Add(command, "@group", Key(group));
        }

        if (query.Country is { } country)
        {
            where.Append(" AND e.Id IN (SELECT c.EntryId FROM WorkspaceLibraryCountry c WHERE c.Country = @country)");
            Add(command, "@country", country);
        }

        if (query.Articles is { Count: > 0 } articles)
        {
            // A set built from the (Article, EntryId) key, then entries probed by id: no per-entry sub-query.
            where.Append(" AND e.Id IN (SELECT a.EntryId FROM WorkspaceLibraryArticle a WHERE a.Article IN (")
                .Append(string.Join(", ", articles.Order().Select(a => a.ToString(CultureInfo.InvariantCulture))))
                .Append("))");
        }

        return where.ToString();
    }

    private static void AddEditable(DbCommand command, LibraryEntryRecord entry)
    {
        Add(command, "@title", entry.Title);
        Add(command, "@summary", entry.Summary);
        Add(command, "@folded", Fold(entry.Title, entry.Summary));
        Add(command, "@kind", entry.Kind);
        Add(command, "@language", entry.Language);
        Add(command, "@countries", string.Join('|', entry.Countries));
        Add(command, "@articles", string.Join('|', entry.Articles));
        Add(command, "@links", string.Join('\n', entry.Links));
        Add(command, "@updated", entry.UpdatedAt.ToUnixTimeMilliseconds());
    }

    private static async Task WriteFacets(DbConnection connection, DbTransaction transaction, LibraryEntryRecord entry, CancellationToken cancellationToken)
    {
        await using var country = Command(connection, transaction, "INSERT INTO WorkspaceLibraryCountry (Country, EntryId) VALUES (@value, @id)");
        foreach (var code in entry.Countries.Distinct(StringComparer.Ordinal))
        {
            country.Parameters.Clear();
            Add(country, "@value", code);
            Add(country, "@id", Key(entry.Id));
            await country.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var article = Command(connection, transaction, "INSERT INTO WorkspaceLibraryArticle (Article, EntryId) VALUES (@value, @id)");
        foreach (var number in entry.Articles.Select(Workspace.Convention.Uncac.ArticleOf).Distinct())
        {
            article.Parameters.Clear();
            Add(article, "@value", (long)number);
            Add(article, "@id", Key(entry.Id));
            await article.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task CountUse(Guid entryId, int by, CancellationToken cancellationToken) =>
        await Write((connection, transaction) => Uses(connection, transaction, entryId, by, cancellationToken), cancellationToken);

    private static async Task Uses(DbConnection connection, DbTransaction transaction, Guid entryId, int by, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "UPDATE WorkspaceLibraryEntry SET Uses = Uses + @by WHERE Id = @id");
        Add(command, "@by", (long)by);
        Add(command, "@id", Key(entryId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<LibraryEntryRecord>> WithFiles(DbConnection connection, IReadOnlyList<LibraryEntryRecord> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return entries;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Id, EntryId, Name, ContentType, Size, CreatedAt FROM WorkspaceLibraryFile WHERE EntryId IN ({string.Join(", ", entries.Select((e, i) => Add(command, $"@e{i}", Key(e.Id)).ParameterName))}) ORDER BY CreatedAt, Id";
        var files = new List<LibraryFileInfo>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                files.Add(ReadFile(reader));
            }
        }

        var byEntry = files.ToLookup(f => f.EntryId);
        return entries.Select(e => e with { Files = byEntry[e.Id].ToArray() }).ToArray();
    }

    private static async Task<IReadOnlyList<LibraryEntryRecord>> ReadEntries(DbCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<LibraryEntryRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    private static LibraryEntryRecord ReadEntry(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
        Split(r.GetString(5), '|'), Split(r.GetString(6), '|'), Split(r.GetString(7), '\n'),
        Guid.Parse(r.GetString(8)), r.IsDBNull(9) ? null : Guid.Parse(r.GetString(9)), Guid.Parse(r.GetString(10)),
        Time(r.GetValue(11)), Time(r.GetValue(12)), Convert.ToInt32(r.GetValue(13), CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(14), CultureInfo.InvariantCulture) != 0);

    private static LibraryFileInfo ReadFile(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)), Guid.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), Convert.ToInt64(r.GetValue(4), CultureInfo.InvariantCulture), Time(r.GetValue(5)));

    private static LibraryCitationRecord ReadCitation(DbDataReader r, int at) => new(
        Guid.Parse(r.GetString(at)), Guid.Parse(r.GetString(at + 1)), r.GetString(at + 2), Guid.Parse(r.GetString(at + 3)), Guid.Parse(r.GetString(at + 4)),
        r.IsDBNull(at + 5) ? null : r.GetString(at + 5), Guid.Parse(r.GetString(at + 6)), Time(r.GetValue(at + 7)));

    private static string[] Split(string value, char separator) => value.Split(separator, StringSplitOptions.RemoveEmptyEntries);

    private static DateTimeOffset Time(object value) => DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));

    private static string Key(Guid id) => id.ToString("D");

    private async Task<DbConnection> Open(CancellationToken cancellationToken)
    {
        var connection = SchemaInstaller.Open(target);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task Write(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken)
    {
        await gate.WaitAsync();
        try
        {
            await using var connection = await Open(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static DbParameter Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Network;
using Workspace.Contracts.Organisations;
using Workspace.Convention;
using Workspace.Grains.Library;
using Workspace.Markdown;
using Workspace.Server.Configuration;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>
/// The library of practice (issue 21): search, entries, their files and citations. The rules are
/// <see cref="LibraryRules"/>'; the entries, files and index are the <see cref="ILibraryStore"/>'s.
/// </summary>
public static class LibraryApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    public static RouteGroupBuilder MapLibraryApi(this RouteGroupBuilder api)
    {
        var library = api.MapGroup("/library");
        library.MapGet("/", Search).WithSummary("Search the library entries I may read");
        library.MapPost("/", Share).WithSummary("Share an entry with the network or one of my groups");
        library.MapGet("/{entryId:guid}", Get).WithSummary("One entry, with the citations I may open");
        library.MapPut("/{entryId:guid}", Update).WithSummary("Change an entry (its sharer, a contact of its organisation, the administrator)");
        library.MapPost("/{entryId:guid}/withdraw", Withdraw).WithSummary("Withdraw an entry: it leaves searches, its address says withdrawn");
        library.MapPost("/{entryId:guid}/files", Upload).WithSummary("Add one file (multipart, field \"file\"); its type is decided from its bytes").DisableAntiforgery();
        library.MapGet("/{entryId:guid}/files/{fileId:guid}", Download).WithSummary("Download a file, always as an attachment");
        library.MapDelete("/{entryId:guid}/files/{fileId:guid}", RemoveFile).WithSummary("Remove a file");
        library.MapPost("/{entryId:guid}/citations", Cite).WithSummary("Cite an entry from an adopted recommendation, a group document or a follow-up update");
        library.MapDelete("/{entryId:guid}/citations/{citationId:guid}", Uncite).WithSummary("Remove a citation");
        api.MapGet("/recommendations/{recommendationId:guid}/library", CitedByRecommendation).WithSummary("The library entries a recommendation (and its follow-up) cites");
        api.MapGet("/documents/{documentId:guid}/library", CitedByDocument).WithSummary("The library entries a group document cites");
        return api;
    }

    /// <summary>Registers the library's store (the SQL index) and its validated options.</summary>
    public static WebApplicationBuilder AddWorkspaceLibrary(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LibraryOptions>()
            .Bind(builder.Configuration.GetSection(LibraryOptions.Section))
            .Validate(o => o.IsValid, $"Workspace:Library:MaxFileBytes must be between 1 and {LibraryOptions.MaxAllowed} bytes.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ILibraryStore, Hosting.SqlLibraryStore>();
        return builder;
    }

    /// <summary>Whether a request is a file upload (the request-size limit is the library's, not the API's).</summary>
    public static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/api/library", StringComparison.Ordinal)
        && request.Path.Value!.EndsWith("/files", StringComparison.Ordinal) && request.Path.Value.Count(ch => ch == '/') == 4;

    private static async Task<LibrarySearchAnswer> Search(
        string? q, string? kind, string? country, string? article, string? language, string? organisation, string? group, string? sort, int? limit, int? offset,
        HttpContext c, IGrainFactory g, ILibraryStore store, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        IReadOnlySet<int>? articles = null;
        if (!string.IsNullOrWhiteSpace(article) && (articles = Uncac.Scope(article)) is null)
        {
            errors.Add(new FieldError("article", ErrorCodes.ArticleUnknown));
        }

        if (!string.IsNullOrWhiteSpace(kind) && !LibraryKinds.IsKnown(kind))
        {
            errors.Add(new FieldError("kind", ErrorCodes.LibraryKindUnknown));
        }

        Guid? organisationId = ParseId(organisation, "organisation", errors);
        Guid? groupId = ParseId(group, "group", errors);
        if (sort is not (null or "" or "newest" or "used"))
        {
            errors.Add(new FieldError("sort", ErrorCodes.OutOfRange));
        }

        if (q?.Length > 200)
        {
            errors.Add(new FieldError("q", ErrorCodes.TooLong, 200));
        }

        if (errors.Count > 0)
        {
            throw WorkspaceException.Invalid(errors);
        }

        var reader = await LibraryRules.Reader(g, await OrganisationsApi.Me(c, g));
        var page = await store.Search(new LibraryQuery(
            q, string.IsNullOrWhiteSpace(kind) ? null : kind, string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant(), articles,
            string.IsNullOrWhiteSpace(language) ? null : language.Trim().ToLowerInvariant(), organisationId, groupId, sort == "used",
            Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit), Math.Max(0, offset ?? 0), reader.SearchGroups), cancellationToken);
        var names = await Names.Load(g, reader.UserId, page.Items);
        return new LibrarySearchAnswer(page.Items.Select(e => new LibraryItem(
            e.Id, e.Title, LibraryExcerpt.Of(e.Summary), e.Kind, e.Countries, e.Articles, e.Language, names.Organisation(e.OrganisationId), names.Group(e.GroupId),
            e.CreatedAt, e.Uses, e.Files.Select(LibraryFileView.From).ToArray())).ToArray(), page.Total);
    }

    private static async Task<LibraryEntryView> Get(Guid entryId, HttpContext c, IGrainFactory g, ILibraryStore store, MarkdownRenderer markdown, CancellationToken cancellationToken)
    {
        var reader = await LibraryRules.Reader(g, await OrganisationsApi.Me(c, g));
        var entry = LibraryRules.Readable(await store.Get(entryId, cancellationToken), reader);
        return await View(g, store, markdown, entry, reader, cancellationToken);
    }

    private static async Task<Created<LibraryEntryView>> Share(LibraryEntryRequest request, HttpContext c, IGrainFactory g, ILibraryStore store, MarkdownRenderer markdown, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = await OrganisationsApi.Me(c, g);
        var organisationId = await LibraryRules.SharingOrganisation(g, me);
        var reader = await LibraryRules.Reader(g, me);
        var fields = LibraryRules.Validate(request.Title, request.Summary, request.Kind, request.Language, request.Countries, request.Articles, request.Links);
        LibraryRules.RequireAudience(request.GroupId, reader);
        var now = clock.GetUtcNow();
        var entry = new LibraryEntryRecord(Guid.NewGuid(), fields.Title, fields.Summary, fields.Kind, fields.Language, fields.Countries, fields.Articles, fields.Links,
            organisationId, request.GroupId, me.Id, now, now, 0, false);
        await store.Add([entry], cancellationToken);
        await Announce(g);
        return TypedResults.Created($"/api/library/{entry.Id}", await View(g, store, markdown, entry, reader, cancellationToken));
    }

    private static async Task<LibraryEntryView> Update(Guid entryId, LibraryEntryRequest request, HttpContext c, IGrainFactory g, ILibraryStore store, MarkdownRenderer markdown, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reader = await LibraryRules.Reader(g, await OrganisationsApi.Me(c, g));
        var entry = await LibraryRules.Editable(g, await store.Get(entryId, cancellationToken), reader);
        var fields = LibraryRules.Validate(request.Title, request.Summary, request.Kind, request.Language, request.Countries, request.Articles, request.Links);
        var changed = entry with
        {
            Title = fields.Title, Summary = fields.Summary, Kind = fields.Kind, Language = fields.Language, Countries = fields.Countries,
            Articles = fields.Articles, Links = fields.Links, UpdatedAt = clock.GetUtcNow(),
        };
        await store.Update(changed, cancellationToken);
        await Announce(g);
        return await View(g, store, markdown, changed, reader, cancellationToken);
    }

    private static async Task<NoContent> Withdraw(Guid entryId, HttpContext c, IGrainFactory g, ILibraryStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reader = await LibraryRules.Reader(g, await OrganisationsApi.Me(c, g));
        var entry = await LibraryRules.Editable(g, await store.Get(entryId, cancellationToken), reader);
        await store.Withdraw(entry.Id, clock.GetUtcNow(), cancellationToken);
        await Announce(g);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Upload(Guid entryId, HttpContext c, IGrainFactory g, ILibraryStore store, IOptions<LibraryOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Who may add a file is decided before a byte of the body is read.
        var reader = await LibraryRules.Reader(g, await OrganisationsApi.Me(c, g));
        var entry = await LibraryRules.Editable(g, await store.Get(entryId, cancellationToken), reader);
        if (entry.Files.Count >= LibraryRules.MaxFiles)
        {
            throw WorkspaceException.Conflict(ErrorCodes.LibraryTooManyFiles);
        }

        var upload = await LibraryUpload.Read(c.Request, options.Value.MaxFileBytes, cancellationToken);
        if (upload.TooLarge)
        {
            c.Response.Headers.Connection = "close"; // the rest of the body is not read
            return Problems.Result(c, StatusCodes.Status413PayloadTooLarge, ErrorCodes.LibraryFileTooLarge);
        }

        if (upload.Content is not { Length: > 0 } content)
        {
            throw WorkspaceException.Invalid([new FieldError("file", ErrorCodes.LibraryFileMissing)]);
        }

        var (type, error) = LibraryFileTypes.Decide(content, upload.FileName, upload.ContentType);
        if (type is null)
        {
            throw WorkspaceException.Invalid([new FieldError("file", error!)]);
        }

        var name = AttachmentName.From(Path.GetFileNameWithoutExtension(upload.FileName?.Replace('\\', '/').Split('/')[^1] ?? string.Empty), type.Extension, "file");
        var file = new LibraryFileInfo(Guid.NewGuid(), entry.Id, name, type.ContentType, content.LongLength, clock.GetUtcNow());
        if (!await store.AddFile(file, content, LibraryRules.MaxFiles, cancellationToken))
        {
            throw WorkspaceException.Conflict(ErrorCodes.LibraryTooManyFiles);
        }

        await Announce(g);
        return TypedResults.Created($"/api/library/{entry.Id}/files/{file.Id}", LibraryFileView.From(file));
    }

    private static async Task<IResult> Download(Guid entryId, Guid fileId, HttpContext c, IGrainFactory g, ILibraryStore store, CancellationToken cancellationToken)
    {
        var reader = await LibraryRules.Reader(g, await OrganisationsApi.Me(c, g));
        var entry = LibraryRules.Readable(await store.Get(entryId, cancellationToken), reader);
        var file = await store.Download(entry.Id, fileId, cancellationToken) ?? throw WorkspaceException.NotFound(ErrorCodes.LibraryFileNotFound);

        // Never rendered by the browser: an attachment of the sniffed type, no sniffing, and a sandbox if it were opened anyway.
        c.Response.Headers.XContentTypeOptions = "nosniff";
        c.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        c.Response.Headers.CacheControl = "private, no-store";
        var contentType = LibraryFileTypes.Sniff(file.Content)?.ContentType ?? "application/octet-stream";
        return TypedResults.File(file.Content, contentType, AttachmentName.From(Path.GetFileNameWithoutExtension(file.Info.Name), Path.GetExtension(file.Info.Name).TrimStart('.') is { Length: > 0 } ext ? ext : "bin", "file"));
    }

    private static async Task<NoContent> RemoveFile(Guid entryId, Guid fileId, HttpContext c, IGrainFactory g, ILibraryStore store, CancellationToken cancellationToken)
    {
        var reader = await LibraryRules.Reader(g, await OrganisationsApi.Me(c, g));
        var entry = await LibraryRules.Editable(g, await store.Get(entryId, cancellationToken), reader);
        if (!await store.RemoveFile(entry.Id, fileId, cancellationToken))
        {
            throw WorkspaceException.NotFound(ErrorCodes.LibraryFileNotFound);
        }

        await Announce(g);
        return TypedResults.NoContent();
    }

    private static async Task<Created<LibraryCitationView>> Cite(Guid entryId, LibraryCitationRequest request, HttpContext c, IGrainFactory g, ILibraryStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reader = await LibraryRules.Reader(g, await OrganisationsApi.Me(c, g));
        var entry = LibraryRules.Readable(await store.Get(entryId, cancellationToken), reader);
        var kind = request.Kind ?? string.Empty;
        var country = await LibraryRules.RequireCiter(g, reader.UserId, kind, request.GroupId, request.TargetId, request.Country);
        var citation = await store.AddCitation(new LibraryCitationRecord(Guid.NewGuid(), entry.Id, kind, request.GroupId, request.TargetId, country, reader.UserId, clock.GetUtcNow()), cancellationToken);
        var view = await CitationView(g, reader.UserId, citation, new Dictionary<Guid, string>());
        return TypedResults.Created($"/api/library/{entry.Id}/citations/{citation.Id}", view!);
    }

    private static async Task<NoContent> Uncite(Guid entryId, Guid citationId, HttpContext c, IGrainFactory g, ILibraryStore store, CancellationToken cancellationToken)
    {
        var reader = await LibraryRules.Reader(g, await OrganisationsApi.Me(c, g));
        var entry = LibraryRules.Readable(await store.Get(entryId, cancellationToken), reader);
        var citation = (await store.Citations(entry.Id, cancellationToken)).FirstOrDefault(x => x.Id == citationId)
            ?? throw WorkspaceException.NotFound(ErrorCodes.LibraryCitationNotFound);

        // Those who may cite from that place, or the entry's editors, may remove the citation.
        if (!await LibraryRules.CanEdit(g, entry, reader))
        {
            if (await LibraryRules.CitingTitle(g, reader.UserId, citation) is null)
            {
                throw WorkspaceException.NotFound(ErrorCodes.LibraryCitationNotFound);
            }

            await LibraryRules.RequireCiterStanding(g, reader.UserId, citation);
        }

        await store.RemoveCitation(entry.Id, citationId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<LibraryCitedView[]> CitedByRecommendation(Guid recommendationId, HttpContext c, IGrainFactory g, ILibraryStore store, CancellationToken cancellationToken)
    {
        var me = await OrganisationsApi.Me(c, g);
        await g.GetGrain<Contracts.Recommendations.IRecommendationGrain>(recommendationId).Get(me.Id); // 404 to whoever may not read it
        return await Cited(recommendationId, me, g, store, cancellationToken);
    }

    private static async Task<LibraryCitedView[]> CitedByDocument(Guid documentId, HttpContext c, IGrainFactory g, ILibraryStore store, CancellationToken cancellationToken)
    {
        var me = await OrganisationsApi.Me(c, g);
        await g.GetGrain<Contracts.Documents.IDocumentGrain>(documentId).GetSummary(me.Id); // 404 to whoever may not read it
        return await Cited(documentId, me, g, store, cancellationToken);
    }

    private static async Task<LibraryCitedView[]> Cited(Guid targetId, Contracts.Accounts.UserProfile me, IGrainFactory g, ILibraryStore store, CancellationToken cancellationToken)
    {
        var reader = await LibraryRules.Reader(g, me);
        var cited = (await store.CitedBy(targetId, cancellationToken)).Where(x => LibraryRules.CanRead(x.Entry, reader)).ToArray();
        var names = await Names.Load(g, me.Id, cited.Select(x => x.Entry).ToArray());
        return cited.Select(x => new LibraryCitedView(x.Citation.Id, x.Citation.Kind, x.Citation.Country, x.Entry.Id, x.Entry.Title, x.Entry.Kind, names.Organisation(x.Entry.OrganisationId))).ToArray();
    }

    private static async Task<LibraryEntryView> View(IGrainFactory g, ILibraryStore store, MarkdownRenderer markdown, LibraryEntryRecord entry, LibraryReader reader, CancellationToken cancellationToken)
    {
        var names = await Names.Load(g, reader.UserId, [entry]);
        var groupNames = new Dictionary<Guid, string>();
        var citations = new List<LibraryCitationView>();
        var hidden = 0;
        foreach (var citation in await store.Citations(entry.Id, cancellationToken))
        {
            if (await CitationView(g, reader.UserId, citation, groupNames) is { } view)
            {
                citations.Add(view);
            }
            else
            {
                hidden++;
            }
        }

        return new LibraryEntryView(entry.Id, entry.Title, entry.Summary, markdown.Render(entry.Summary), entry.Kind, entry.Countries, entry.Articles, entry.Language,
            names.Organisation(entry.OrganisationId), names.Group(entry.GroupId), entry.Links, entry.Files.Select(LibraryFileView.From).ToArray(),
            entry.CreatedAt, entry.UpdatedAt, entry.Uses, await LibraryRules.CanEdit(g, entry, reader), citations, hidden);
    }

    /// <summary>The citation as the reader may see it, or null when they may not read the citing thing (then only counted).</summary>
    private static async Task<LibraryCitationView?> CitationView(IGrainFactory g, Guid userId, LibraryCitationRecord citation, Dictionary<Guid, string> groupNames)
    {
        if (await LibraryRules.CitingTitle(g, userId, citation) is not { } title)
        {
            return null;
        }

        if (!groupNames.TryGetValue(citation.GroupId, out var groupName))
        {
            groupName = groupNames[citation.GroupId] = (await g.GetGrain<IWorkingGroupGrain>(citation.GroupId).Get(userId)).Details.Name;
        }

        var link = citation.Kind == "document" ? $"/documents/{citation.TargetId}" : $"/recommendations/{citation.TargetId}";
        return new LibraryCitationView(citation.Id, citation.Kind, new LibraryGroup(citation.GroupId, groupName), citation.TargetId, citation.Country, title, link);
    }

    private static Task Announce(IGrainFactory g) => g.GetGrain<INetworkNewsGrain>(0).Announce(NetworkNews.Library);

    private static Guid? ParseId(string? value, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Guid.TryParse(value, out var id))
        {
            return id;
        }

        errors.Add(new FieldError(field, ErrorCodes.OutOfRange));
        return null;
    }

    /// <summary>Organisation and group names for a page of entries, each looked up once.</summary>
    private sealed class Names(IReadOnlyDictionary<Guid, OrganisationSummary> organisations, IReadOnlyDictionary<Guid, string> groups)
    {
        public static async Task<Names> Load(IGrainFactory g, Guid readerId, IReadOnlyList<LibraryEntryRecord> entries)
        {
            var organisations = await g.GetGrain<IOrganisationDirectoryGrain>(0).Resolve(entries.Select(e => e.OrganisationId).Distinct().ToArray());
            var groups = new Dictionary<Guid, string>();
            foreach (var id in entries.Select(e => e.GroupId).OfType<Guid>().Distinct())
            {
                try
                {
                    groups[id] = (await g.GetGrain<IWorkingGroupGrain>(id).Get(readerId)).Details.Name;
                }
                catch (WorkspaceException e) when (e.Kind == ErrorKind.NotFound)
                {
                    groups[id] = string.Empty;
                }
            }

            return new Names(organisations, groups);
        }

        public LibraryOrganisation Organisation(Guid id) =>
            organisations.TryGetValue(id, out var o) ? new LibraryOrganisation(o.Id, o.Name, o.ShortName) : new LibraryOrganisation(id, string.Empty, null);

        public LibraryGroup? Group(Guid? id) => id is { } g ? new LibraryGroup(g, groups.GetValueOrDefault(g, string.Empty)) : null;
    }
}

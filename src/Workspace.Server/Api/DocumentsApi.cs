using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Markdown;
using Workspace.Markdown.Export;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>
/// Documents of a working group: the catalogue (facilitators manage it), the rendered preview,
/// history, authorship and export. Live editing is on the live hub (/hubs/live); the grains decide who may do what.
/// </summary>
public static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/groups/{groupId:guid}/documents", async (Guid groupId, HttpContext c, IGrainFactory g) =>
            (await Group(g, groupId).GetDocuments(c.User.UserId())).Select(DocumentItem.From).ToArray());
        api.MapPost("/groups/{groupId:guid}/documents", async (Guid groupId, CreateDocumentRequest request, HttpContext c, IGrainFactory g) =>
        {
            var summary = await Group(g, groupId).CreateDocument(c.User.UserId(), request.Title ?? string.Empty, request.Visibility ?? DocumentVisibility.Members);
            return TypedResults.Created($"/api/documents/{summary.Id}", DocumentItem.From(summary));
        });

        var document = api.MapGroup("/documents/{documentId:guid}");
        document.MapGet("/", async (Guid documentId, HttpContext c, IGrainFactory g) =>
            DocumentItem.From(await Document(g, documentId).GetSummary(c.User.UserId())));
        document.MapPatch("/", async (Guid documentId, UpdateDocumentRequest request, HttpContext c, IGrainFactory g) =>
        {
            var userId = c.User.UserId();
            var summary = await Document(g, documentId).GetSummary(userId);
            var updated = await Group(g, summary.GroupId).UpdateDocument(userId, documentId, new DocumentChange(request.Title, request.Visibility, request.Locked));
            return DocumentItem.From(updated);
        });
        document.MapDelete("/", async (Guid documentId, HttpContext c, IGrainFactory g) =>
        {
            var userId = c.User.UserId();
            var summary = await Document(g, documentId).GetSummary(userId);
            await Group(g, summary.GroupId).DeleteDocument(userId, documentId);
            return TypedResults.NoContent();
        });
        document.MapGet("/preview", async (Guid documentId, HttpContext c, IGrainFactory g, MarkdownRenderer markdown, IMemoryCache cache) =>
        {
            var text = await Document(g, documentId).GetText(c.User.UserId());
            return new Preview(text.Revision, Render(cache, markdown, documentId, text));
        });
        document.MapGet("/export", Export);
        document.MapGet("/revisions", async (Guid documentId, int? before, int? count, HttpContext c, IGrainFactory g) =>
        {
            var userId = c.User.UserId();
            var revisions = await Document(g, documentId).GetRevisions(userId, before, count ?? 100);
            var names = await Names(g, documentId, userId);
            return revisions.Select(r => new RevisionItem(r.Revision, r.At, r.AuthorId, names.GetValueOrDefault(r.AuthorId))).ToArray();
        });
        document.MapGet("/history", async (Guid documentId, int? before, int? count, HttpContext c, IGrainFactory g) =>
        {
            var userId = c.User.UserId();
            var page = await Document(g, documentId).GetHistory(userId, before, count ?? 20);
            var names = await Names(g, documentId, userId);
            return new HistoryView(
                page.Groups.Select(h => new HistoryGroupItem(h.FirstRevision, h.LastRevision, h.Start, h.End,
                    h.Authors.Select(a => new HistoryAuthor(a, names.GetValueOrDefault(a))).ToArray(), h.Added, h.Removed, h.RestoredFrom)).ToArray(),
                page.Before);
        });
        document.MapGet("/revisions/{revision:int}", async (Guid documentId, int revision, HttpContext c, IGrainFactory g, MarkdownRenderer markdown, IMemoryCache cache) =>
        {
            var text = await Document(g, documentId).GetRevision(c.User.UserId(), revision);
            return new RevisionView(text.Revision, text.Text, Render(cache, markdown, documentId, text));
        });
        document.MapPost("/revisions/{revision:int}/restore", async (Guid documentId, int revision, HttpContext c, IGrainFactory g) =>
            new Restored(await Document(g, documentId).Restore(c.User.UserId(), revision)));
        document.MapGet("/authorship", async (Guid documentId, HttpContext c, IGrainFactory g) =>
        {
            var userId = c.User.UserId();
            var runs = await Document(g, documentId).GetAuthorship(userId);
            var names = await Names(g, documentId, userId);
            var authors = runs.Select(r => r.AuthorId).Distinct()
                .Select(id => new AuthorItem(id, names.GetValueOrDefault(id), AuthorColours.For(id)))
                .ToArray();
            return new AuthorshipView(runs.Select(r => new AuthorRunItem(r.Length, r.AuthorId)).ToArray(), authors);
        });
        return api;
    }

    /// <summary>
    /// The current text as a download: Markdown as typed, a self-contained HTML page, or Word .docx. The grain
    /// decides who may read it (the same answers as the preview); the file name comes from the title.
    /// </summary>
    private static async Task<IResult> Export(Guid documentId, string? format, HttpContext c, IGrainFactory g, MarkdownRenderer markdown, IMemoryCache cache)
    {
        var kind = format?.ToLowerInvariant() switch
        {
            null or "" or "md" or "markdown" => "md",
            "html" => "html",
            "docx" or "word" => "docx",
            _ => throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.ExportFormatUnknown, [new FieldError("format", ErrorCodes.ExportFormatUnknown)]),
        };
        var userId = c.User.UserId();
        var grain = Document(g, documentId);
        var text = await grain.GetText(userId);
        var title = (await grain.GetSummary(userId)).Title;
        var name = AttachmentName.From(title, kind);
        switch (kind)
        {
            case "html":
                // The file carries the same policy in a meta element (a saved copy has no headers); served, it is also sandboxed.
                c.Response.Headers.ContentSecurityPolicy = $"{HtmlExport.ContentSecurityPolicy}; frame-ancestors 'none'; sandbox";
                return TypedResults.File(Encoding.UTF8.GetBytes(HtmlExport.PageOfRendered(title, Render(cache, markdown, documentId, text))), "text/html; charset=utf-8", name);
            case "docx":
                return TypedResults.File(DocxWriter.Write(title, text.Text), DocxContentType, name);
            default:
                return TypedResults.File(Encoding.UTF8.GetBytes(text.Text), "text/markdown; charset=utf-8", name);
        }
    }

    internal const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>Rendering and sanitising is the costly part: once per revision per node.</summary>
    private static string Render(IMemoryCache cache, MarkdownRenderer markdown, Guid documentId, RevisionText text) =>
        cache.GetOrCreate((documentId, text.Revision), entry =>
        {
            entry.Size = text.Text.Length + 1;
            entry.SlidingExpiration = TimeSpan.FromMinutes(5);
            return markdown.Render(text.Text);
        })!;

    /// <summary>Authors by id, from the group's member list (people who have left show without a name).</summary>
    private static async Task<Dictionary<Guid, string>> Names(IGrainFactory grains, Guid documentId, Guid userId)
    {
        var summary = await Document(grains, documentId).GetSummary(userId);
        var members = await Group(grains, summary.GroupId).GetMembers(userId);
        return members.Where(m => m.UserId is not null && m.DisplayName is not null).ToDictionary(m => m.UserId!.Value, m => m.DisplayName!);
    }

    private static IWorkingGroupGrain Group(IGrainFactory grains, Guid id) => grains.GetGrain<IWorkingGroupGrain>(id);

    private static IDocumentGrain Document(IGrainFactory grains, Guid id) => grains.GetGrain<IDocumentGrain>(id);
}

public sealed record CreateDocumentRequest(string? Title, DocumentVisibility? Visibility);

public sealed record UpdateDocumentRequest(string? Title, DocumentVisibility? Visibility, bool? Locked);

public sealed record DocumentItem(Guid Id, Guid GroupId, string Title, DocumentVisibility Visibility, bool Locked, DateTimeOffset CreatedAt, string CreatedByName)
{
    public static DocumentItem From(DocumentSummary s) => new(s.Id, s.GroupId, s.Title, s.Visibility, s.Locked, s.CreatedAt, s.CreatedByName);
}

public sealed record Preview(int Revision, string Html);

public sealed record RevisionItem(int Revision, DateTimeOffset At, Guid AuthorId, string? AuthorName);

public sealed record RevisionView(int Revision, string Text, string Html);

public sealed record HistoryView(IReadOnlyList<HistoryGroupItem> Groups, int? Before);

public sealed record HistoryGroupItem(int FirstRevision, int LastRevision, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<HistoryAuthor> Authors, int Added, int Removed, int? RestoredFrom);

public sealed record HistoryAuthor(Guid Id, string? Name);

public sealed record Restored(int Revision);

public sealed record AuthorRunItem(int Length, Guid AuthorId);

public sealed record AuthorItem(Guid Id, string? Name, string Colour);

public sealed record AuthorshipView(IReadOnlyList<AuthorRunItem> Runs, IReadOnlyList<AuthorItem> Authors);

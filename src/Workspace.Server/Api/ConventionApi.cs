using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Workspace.Convention;

namespace Workspace.Server.Api;

/// <summary>
/// The Convention as data (issue 21): chapters with their articles, titles in en/es/pt, the review cycles and the
/// sources the titles were taken from. The same for everyone and for the life of a build: an ETag makes a repeat a 304.
/// </summary>
public static class ConventionApi
{
    /// <summary>Private (behind sign-in) and revalidated each time: cheap with the ETag, and never stale after an upgrade.</summary>
    public const string CacheControl = "private, no-cache";

    public static RouteGroupBuilder MapConventionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/convention", Get)
            .WithSummary("The UN Convention against Corruption: chapters, articles and their titles, review cycles")
            .WithDescription("Titles in en/es/pt with their sources (src/Workspace.Convention/SOURCES.md). ETag and If-None-Match: an unchanged catalogue answers 304.");
        return api;
    }

    private static Results<FileContentHttpResult, StatusCodeHttpResult> Get(HttpContext context, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var (body, etag) = Cached(json.Value.SerializerOptions);
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = CacheControl;
        var asked = context.Request.Headers.IfNoneMatch.ToString();
        if (asked.Split(',').Any(tag => tag.Trim() is var t && (t == etag || t == "*" || t == "W/" + etag)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.File(body, "application/json; charset=utf-8");
    }

    private static (byte[] Body, string ETag)? cached;

    /// <summary>The catalogue is fixed for the life of the process: serialised once (racing first callers compute the same bytes).</summary>
    private static (byte[] Body, string ETag) Cached(JsonSerializerOptions options)
    {
        if (cached is { } done)
        {
            return done;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(View(), options);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";
        cached = (body, etag);
        return (body, etag);
    }

    public static ConventionView View() => new(
        Uncac.Chapters.Select(c => new ConventionChapter(
            c.Number, c.Roman, c.First, c.Last, c.Title,
            c.Articles.Select(a => new ConventionArticle(a, Uncac.ArticleNumber(a).Title)).ToArray())).ToArray(),
        Uncac.Cycles.Select(c => new ConventionCycle(c.Number, c.Chapters.ToArray())).ToArray(),
        Uncac.Sources);
}

public sealed record ConventionView(ConventionChapter[] Chapters, ConventionCycle[] Cycles, IReadOnlyDictionary<string, string> Sources);

public sealed record ConventionChapter(int Number, string Roman, int First, int Last, Titles Title, ConventionArticle[] Articles);

public sealed record ConventionArticle(int Number, Titles Title);

public sealed record ConventionCycle(int Number, int[] Chapters);

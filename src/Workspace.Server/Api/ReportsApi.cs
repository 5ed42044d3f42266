using System.Text;
using Workspace.Contracts.Errors;
using Workspace.Grains.Recommendations;
using Workspace.Markdown;
using Workspace.Markdown.Export;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>The group's reports, generated on demand for the caller (observers get only what observers may read).</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/groups/{groupId:guid}/reports/{report}", async (Guid groupId, string report, string? format, string? lang, string? tz, bool? print, HttpContext c, IGrainFactory g, TimeProvider clock, MarkdownRenderer markdown) =>
        {
            var build = report switch
            {
                "outcome" => (Func<Reports.ReportHeader, IReadOnlyList<Reports.AdoptedRecommendation>, Reports.Texts?, string>)Reports.Reports.Outcome,
                "follow-up" => Reports.Reports.FollowUp,
                _ => throw WorkspaceException.NotFound(ErrorCodes.UnknownEndpoint),
            };
            var kind = format switch
            {
                null or "" or "markdown" or "md" => "md",
                "html" or "docx" => format,
                _ => throw WorkspaceException.Invalid([new FieldError("format", ErrorCodes.ValidationFailed)]),
            };

            // The reader may ask for another language than the group's and for their own time zone (the day the report is "generated on").
            var asked = string.IsNullOrEmpty(lang) ? null
                : Reports.Texts.For(lang) ?? throw WorkspaceException.Invalid([new FieldError("lang", ErrorCodes.InvalidLanguage)]);
            var zone = string.IsNullOrEmpty(tz) ? TimeZoneInfo.Utc
                : TimeZone(tz) ?? throw WorkspaceException.Invalid([new FieldError("tz", ErrorCodes.ValidationFailed)]);

            var today = new Reports.Presentation(Reports.Texts.English, zone).Today(clock.GetUtcNow());
            var (header, adopted) = await ReportSource.Gather(g, groupId, c.User.UserId(), today);
            var texts = asked ?? Reports.Texts.ForGroup(header.Languages ?? []);
            var text = build(header, adopted, texts);
            var name = $"{report}-{today:yyyy-MM-dd}";
            var title = $"{header.GroupName}: {texts.Get($"report.{report}")}";
            c.Response.Headers.ContentLanguage = texts.Language;
            switch (kind)
            {
                case "html":
                    // The file carries the same policy in a meta element (a saved copy has no headers); served, it is also sandboxed.
                    c.Response.Headers.ContentSecurityPolicy = $"{Reports.Reports.ContentSecurityPolicy}; frame-ancestors 'none'; sandbox";
                    var page = Encoding.UTF8.GetBytes(Reports.Reports.Html(title, text, markdown, texts.Language));
                    // ?print=true: the same page shown in the browser tab (its print rules apply) instead of saved as a file.
                    return print == true ? Results.File(page, "text/html; charset=utf-8") : Results.File(page, "text/html; charset=utf-8", $"{name}.html");
                case "docx":
                    // The report's Markdown begins with its own heading: the title is only the file's.
                    return Results.File(DocxWriter.Write(title, text, headed: true), DocumentsApi.DocxContentType, $"{name}.docx");
                default:
                    return Results.File(Encoding.UTF8.GetBytes(text), "text/markdown; charset=utf-8", $"{name}.md");
            }
        });
        return api;
    }

    /// <summary>An IANA time zone the host knows ("America/Bogota"); null for anything else, never a path to look up.</summary>
    private static TimeZoneInfo? TimeZone(string id) =>
        id.Length <= 64
        && id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '/' or '_' or '-' or '+')
        && !id.StartsWith('/') && !id.Contains("//", StringComparison.Ordinal)
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : null;
}

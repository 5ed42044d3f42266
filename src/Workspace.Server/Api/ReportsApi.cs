using System.Text;
using Workspace.Contracts.Errors;
using Workspace.Grains.Recommendations;
using Workspace.Markdown;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>The group's reports, generated on demand for the caller (observers get only what observers may read).</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/groups/{groupId:guid}/reports/{report}", async (Guid groupId, string report, string? format, HttpContext c, IGrainFactory g, TimeProvider clock, MarkdownRenderer markdown) =>
        {
            var build = report switch
            {
                "outcome" => (Func<Reports.ReportHeader, IReadOnlyList<Reports.AdoptedRecommendation>, string>)Reports.Reports.Outcome,
                "follow-up" => Reports.Reports.FollowUp,
                _ => throw WorkspaceException.NotFound(ErrorCodes.UnknownEndpoint),
            };
            var html = format switch
            {
                null or "" or "markdown" or "md" => false,
                "html" => true,
                _ => throw WorkspaceException.Invalid([new FieldError("format", ErrorCodes.ValidationFailed)]),
            };

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var (header, adopted) = await ReportSource.Gather(g, groupId, c.User.UserId(), today);
            var text = build(header, adopted);
            var name = $"{report}-{today:yyyy-MM-dd}";
            if (html)
            {
                // The file carries the same policy in a meta element (a saved copy has no headers); served, it is also sandboxed.
                c.Response.Headers.ContentSecurityPolicy = $"{Reports.Reports.ContentSecurityPolicy}; frame-ancestors 'none'; sandbox";
            }

            return html
                ? Results.File(Encoding.UTF8.GetBytes(Reports.Reports.Html($"{header.GroupName}: {report}", text, markdown)), "text/html; charset=utf-8", $"{name}.html")
                : Results.File(Encoding.UTF8.GetBytes(text), "text/markdown; charset=utf-8", $"{name}.md");
        });
        return api;
    }
}

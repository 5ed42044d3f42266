using System.Net;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>
/// Single-line fields refuse control characters (NUL, ESC, C1, line breaks) and bidi overrides;
/// multi-line fields keep newlines and tabs only. Each refusal is a localised field error and
/// changes nothing.
/// </summary>
public sealed class FieldCharactersTests : HostedTest
{
    private const string Rlo = "\u202E";

    [Fact]
    public async Task Names_and_titles_with_control_characters_or_bidi_overrides_get_a_field_error_and_nothing_is_created()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var admin = cast.Admin;
        var facilitator = cast.People["facilitator"].Client;
        var member = cast.People["member"].Client;
        var groupsBefore = (await admin.Ok(HttpMethod.Get, "/api/groups"))!.AsArray().Count;

        admin.Language = "es";
        using var group = await admin.Post("/api/groups", new { name = $"Integrity{Rlo}smetsys", thematicArea = "Asset\u0000declarations", description = "Line one\n\tindented line two" });
        using var document = await facilitator.Post($"/api/groups/{world.GroupId}/documents", new { title = "Minutes\nInjected line" });
        using var facts = await member.Post($"/api/groups/{world.GroupId}/recommendations", new
        {
            title = "Register \u2066owners\u2069", thematicArea = "Esc \u001B[31m red", articles = new[] { "Art. 12" },
            addressees = new[] { "Registry", "Court\u0085of Appeal" }, countries = new[] { "PE" }, visibility = "members", body = "Fine body",
        });
        using var body = await member.Post($"/api/groups/{world.GroupId}/recommendations", new
        {
            title = "Register", thematicArea = "Area", articles = new[] { "Art. 12" }, addressees = Array.Empty<string>(), countries = new[] { "PE" },
            visibility = "members", body = "Body with a bell \u0007",
        });
        var link = await Cast.Invite(facilitator, world.GroupId, "member");
        using var guest = Host.NewClient();
        using var register = await guest.Post($"/api/invitations/{link}/register", new
        {
            email = "rtl.guest@example.org", password = Personas.Password, displayName = $"Ann{Rlo}exe.pdf", organisation = "Embassy\u001B", country = "SE",
        });

        var groupProblem = await Problem.Assert(group, HttpStatusCode.BadRequest, "validation.failed");
        var documentProblem = await Problem.Assert(document, HttpStatusCode.BadRequest, "validation.failed");
        var factsProblem = await Problem.Assert(facts, HttpStatusCode.BadRequest, "validation.failed");
        var bodyProblem = await Problem.Assert(body, HttpStatusCode.BadRequest, "validation.failed");
        var registerProblem = await Problem.Assert(register, HttpStatusCode.BadRequest, "validation.failed");
        Assert.Equal(["name", "thematicArea"], groupProblem["errors"]!.AsObject().Select(p => p.Key).Order().ToArray()); // the description's newline and tab are fine
        Assert.StartsWith("Este campo contiene caracteres no permitidos", (string?)groupProblem["errors"]!["name"]![0], StringComparison.Ordinal);
        Assert.Equal(["title"], documentProblem["errors"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal(["addressees", "thematicArea", "title"], factsProblem["errors"]!.AsObject().Select(p => p.Key).Order().ToArray());
        Assert.Equal(["body"], bodyProblem["errors"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal(["displayName", "organisation"], registerProblem["errors"]!.AsObject().Select(p => p.Key).Order().ToArray());
        Assert.StartsWith("This field contains characters that are not allowed", (string?)registerProblem["errors"]!["displayName"]![0], StringComparison.Ordinal);

        Assert.Equal(groupsBefore, (await admin.Ok(HttpMethod.Get, "/api/groups"))!.AsArray().Count);
        Assert.DoesNotContain("Minutes", (await facilitator.Ok(HttpMethod.Get, $"/api/groups/{world.GroupId}/documents"))!.ToJsonString(), StringComparison.Ordinal);
        using var signIn = await guest.Post("/api/auth/sign-in", new { email = "rtl.guest@example.org", password = Personas.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    [Fact]
    public async Task Multi_line_fields_keep_newlines_and_tabs_and_refuse_other_control_characters()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var member = cast.People["member"].Client;
        var created = await member.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/recommendations", new
        {
            title = "Register", thematicArea = "Area", articles = new[] { "Art. 12" }, addressees = new[] { "Registry" }, countries = new[] { "PE" },
            visibility = "members", body = "First paragraph.\r\n\r\n\t- a list item",
        });
        var id = (string)created!["recommendation"]!["id"]!;

        var fine = await member.Ok(HttpMethod.Post, $"/api/recommendations/{id}/comments", new { markdown = "Agreed.\n\n\t- with a list" });
        using var escape = await member.Post($"/api/recommendations/{id}/comments", new { markdown = "Hidden \u001B]8;;http://evil.example\u0007link" });
        using var rlo = await member.Post($"/api/recommendations/{id}/comments", new { markdown = $"Looks fine {Rlo}txt.exe" });

        Assert.Contains(fine!["comments"]!.AsArray(), c => (string?)c!["markdown"] == "Agreed.\n\n\t- with a list");
        var escapeProblem = await Problem.Assert(escape, HttpStatusCode.BadRequest, "validation.failed");
        var rloProblem = await Problem.Assert(rlo, HttpStatusCode.BadRequest, "validation.failed");
        Assert.Equal(["markdown"], escapeProblem["errors"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal(["markdown"], rloProblem["errors"]!.AsObject().Select(p => p.Key).ToArray());
        var thread = await member.Ok(HttpMethod.Get, $"/api/recommendations/{id}");
        Assert.Single(thread!["comments"]!.AsArray());
    }
}

using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Security;

/// <summary>
/// Every endpoint the app maps, found through its endpoint data source, called as each kind of
/// caller. An endpoint missing from <see cref="Matrix"/> fails the test, so none can be forgotten.
/// </summary>
public sealed class AuthorizationMatrixTests : HostedTest
{
    private static readonly string[] Callers = ["anonymous", "stranger", "observer", "member", "facilitator", "admin"];

    /// <summary>Expected status per caller, in the order of <see cref="Callers"/>.</summary>
    private static readonly Dictionary<string, Expectation> Matrix = new()
    {
        ["GET /api/session"] = new([200, 200, 200, 200, 200, 200]),
        ["POST /api/setup"] = new([409, 409, 409, 409, 409, 409], _ => new { token = "x", email = "late@example.org", password = Personas.Password, displayName = "L", organisation = "O", country = "MX" }),
        ["POST /api/auth/sign-in"] = new([200, 200, 200, 200, 200, 200], c => new { email = c.Email ?? c.Cast.People["stranger"].Email, password = Personas.Password }, OwnSession: true),
        ["POST /api/auth/sign-out"] = new([401, 204, 204, 204, 204, 204], OwnSession: true),
        ["POST /api/auth/sign-out-everywhere"] = new([401, 204, 204, 204, 204, 204], OwnSession: true),
        ["POST /api/auth/change-password"] = new([401, 204, 204, 204, 204, 204], _ => new { currentPassword = Personas.Password, newPassword = Personas.Password }, OwnSession: true),
        ["POST /api/auth/forgot-password"] = new([202, 202, 202, 202, 202, 202], c => new { email = c.Email ?? "nobody@example.org" }),
        ["POST /api/auth/reset-password"] = new([410, 410, 410, 410, 410, 410], _ => new { token = "no-such-token", newPassword = Personas.Password }),
        // Second factor: each person acts on their own (none is on here; the code step needs a pending sign-in).
        ["POST /api/auth/sign-in/second-factor"] = new([401, 401, 401, 401, 401, 401], _ => new { code = "000000" }),
        ["GET /api/auth/second-factor/"] = new([401, 200, 200, 200, 200, 200]),
        ["POST /api/auth/second-factor/enrolment"] = new([401, 200, 200, 200, 200, 200]),
        ["POST /api/auth/second-factor/enrolment/confirm"] = new([401, 400, 400, 400, 400, 400], _ => new { code = "000000" }),
        ["POST /api/auth/second-factor/recovery-codes"] = new([401, 409, 409, 409, 409, 409], _ => new { code = "000000" }),
        ["POST /api/auth/second-factor/disable"] = new([401, 409, 409, 409, 409, 409], _ => new { password = Personas.Password, code = "000000" }),
        ["GET /api/groups/"] = new([401, 200, 200, 200, 200, 200]),
        ["POST /api/groups/"] = new([401, 403, 403, 403, 403, 201], _ => new { name = "New", thematicArea = "T", description = "", countries = new[] { "MX" }, languages = new[] { "es" } }),
        ["GET /api/groups/{groupId:guid}/"] = new([401, 404, 200, 200, 200, 200]),
        ["PUT /api/groups/{groupId:guid}/"] = new([401, 404, 403, 403, 200, 200], _ => new { name = "Renamed", thematicArea = "T", description = "d", countries = new[] { "MX" }, languages = new[] { "es" } }, Mutates: true),
        ["GET /api/groups/{groupId:guid}/members"] = new([401, 404, 200, 200, 200, 200]),
        ["POST /api/groups/{groupId:guid}/facilitators"] = new([401, 404, 403, 403, 403, 200], c => new { userId = c.Cast.People["target"].Id }, Mutates: true),
        ["PUT /api/groups/{groupId:guid}/members/{userId:guid}/role"] = new([401, 404, 403, 403, 200, 200], _ => new { role = "observer" }, Mutates: true),
        ["DELETE /api/groups/{groupId:guid}/members/{userId:guid}"] = new([401, 404, 403, 403, 204, 204], Mutates: true),
        ["POST /api/groups/{groupId:guid}/leave"] = new([401, 404, 204, 204, 409, 404], Mutates: true),
        ["GET /api/groups/{groupId:guid}/invitations"] = new([401, 404, 403, 403, 200, 200]),
        ["POST /api/groups/{groupId:guid}/invitations"] = new([401, 404, 403, 403, 201, 201], _ => new { role = "member", expiresInDays = 3, maxUses = 2 }, Mutates: true),
        ["DELETE /api/groups/{groupId:guid}/invitations/{invitationId:guid}"] = new([401, 404, 403, 403, 204, 204], Mutates: true),
        ["GET /api/groups/{groupId:guid}/audit"] = new([401, 404, 403, 403, 200, 200]),
        ["GET /api/invitations/{token}/"] = new([200, 200, 200, 200, 200, 200]),
        ["POST /api/invitations/{token}/accept"] = new([401, 200, 200, 200, 200, 200], Mutates: true),
        ["POST /api/invitations/{token}/register"] = new([201, 201, 201, 201, 201, 201], _ => new { email = $"new.{Guid.NewGuid():N}@example.org", password = Personas.Password, displayName = "New", organisation = "CSO", country = "EC" }, Mutates: true, OwnSession: true),
        ["GET /api/groups/{groupId:guid}/documents"] = new([401, 404, 200, 200, 200, 200]),
        ["POST /api/groups/{groupId:guid}/documents"] = new([401, 404, 403, 403, 201, 201], _ => new { title = "Another draft", visibility = "observers" }, Mutates: true),
        ["GET /api/documents/{documentId:guid}/"] = new([401, 404, 404, 200, 200, 200]),
        ["PATCH /api/documents/{documentId:guid}/"] = new([401, 404, 404, 403, 200, 200], _ => new { title = "Renamed draft", locked = true }, Mutates: true),
        ["DELETE /api/documents/{documentId:guid}/"] = new([401, 404, 404, 403, 204, 204], Mutates: true),
        ["GET /api/documents/{documentId:guid}/preview"] = new([401, 404, 404, 200, 200, 200]),
        ["GET /api/documents/{documentId:guid}/revisions"] = new([401, 404, 404, 200, 200, 200]),
        ["GET /api/documents/{documentId:guid}/revisions/{revision:int}"] = new([401, 404, 404, 200, 200, 200]),
        ["POST /api/documents/{documentId:guid}/revisions/{revision:int}/restore"] = new([401, 404, 404, 200, 200, 200], Mutates: true),
        ["GET /api/documents/{documentId:guid}/authorship"] = new([401, 404, 404, 200, 200, 200]),
        // Recommendation threads (the world's are members-only: to observers they do not exist) and reports.
        ["GET /api/groups/{groupId:guid}/recommendations"] = new([401, 404, 200, 200, 200, 200]),
        ["POST /api/groups/{groupId:guid}/recommendations"] = new([401, 404, 403, 201, 201, 201], _ => Cast.Recommendation("Another recommendation"), Mutates: true),
        ["PATCH /api/groups/{groupId:guid}/settings"] = new([401, 404, 403, 403, 200, 200], _ => new { observersSeeNames = true }, Mutates: true),
        ["GET /api/groups/{groupId:guid}/reports/{report}"] = new([401, 404, 200, 200, 200, 200]),
        ["GET /api/recommendations/{recommendationId:guid}/"] = new([401, 404, 404, 200, 200, 200]),
        ["PATCH /api/recommendations/{recommendationId:guid}/"] = new([401, 404, 404, 200, 200, 200], _ => new { title = "Renamed", thematicArea = "Area", articles = new[] { "Art. 8.4" }, addressees = new[] { "Senate" }, countries = new[] { "MX" }, visibility = "members" }, Mutates: true),
        ["POST /api/recommendations/{recommendationId:guid}/transitions"] = new([401, 404, 404, 200, 200, 200], _ => new { to = "under-discussion" }, Mutates: true),
        ["POST /api/recommendations/{recommendationId:guid}/comments"] = new([401, 404, 404, 200, 200, 200], _ => new { markdown = "A comment" }, Mutates: true),
        ["PUT /api/recommendations/{recommendationId:guid}/comments/{commentId:guid}"] = new([401, 404, 404, 200, 403, 403], _ => new { markdown = "Edited" }, Mutates: true),
        ["DELETE /api/recommendations/{recommendationId:guid}/comments/{commentId:guid}"] = new([401, 404, 404, 200, 403, 403], Mutates: true),
        ["POST /api/recommendations/{recommendationId:guid}/comments/{commentId:guid}/hide"] = new([401, 404, 404, 403, 200, 200], _ => new { reason = "Off topic" }, Mutates: true),
        ["POST /api/recommendations/{recommendationId:guid}/amendments"] = new([401, 404, 404, 200, 200, 200], _ => new { revision = 1, from = 4, to = 9, replacement = "Party", reason = "Convention wording" }, Mutates: true),
        ["POST /api/recommendations/{recommendationId:guid}/amendments/{amendmentId:guid}/accept"] = new([401, 404, 404, 403, 200, 200], Mutates: true),
        ["POST /api/recommendations/{recommendationId:guid}/amendments/{amendmentId:guid}/reject"] = new([401, 404, 404, 403, 200, 200], _ => new { reason = "Keep it" }, Mutates: true),
        ["PUT /api/recommendations/{recommendationId:guid}/stance"] = new([401, 404, 404, 200, 200, 200], _ => new { stance = "support" }, Mutates: true),
        ["POST /api/recommendations/{recommendationId:guid}/polls"] = new([401, 404, 404, 403, 409, 409], _ => new { question = "Again?" }, Mutates: true),
        ["PUT /api/recommendations/{recommendationId:guid}/polls/{pollId:guid}/vote"] = new([401, 404, 404, 200, 200, 200], _ => new { choice = "agree" }, Mutates: true),
        ["POST /api/recommendations/{recommendationId:guid}/polls/{pollId:guid}/close"] = new([401, 404, 404, 403, 200, 200], Mutates: true),
        ["POST /api/recommendations/{recommendationId:guid}/follow-up"] = new([401, 404, 404, 200, 200, 200], _ => new { country = "MX", status = "in-progress", date = "2026-01-15", note = "Bill tabled" }, Mutates: true),
        ["PUT /api/recommendations/{recommendationId:guid}/review-date"] = new([401, 404, 404, 403, 200, 200], _ => new { date = "2027-01-15" }, Mutates: true),
        // Sessions: facilitators plan; everyone in the group reads (observers see members-only agenda items as hidden).
        ["GET /api/groups/{groupId:guid}/sessions"] = new([401, 404, 200, 200, 200, 200]),
        ["POST /api/groups/{groupId:guid}/sessions"] = new([401, 404, 403, 403, 201, 201], c => new
        {
            title = "Roundtable", scheduledStart = "2026-12-01T14:00:00Z", agenda = Array.Empty<object>(),
        }, Mutates: true),
        ["GET /api/sessions/{sessionId:guid}"] = new([401, 404, 200, 200, 200, 200]),
        // Profile, email confirmation and change (no mail server here: flows that must send answer 409 email.no-mail-server).
        ["GET /api/me/profile"] = new([401, 200, 200, 200, 200, 200]),
        ["PUT /api/me/profile"] = new([401, 200, 200, 200, 200, 200], _ => new { displayName = "Renamed", country = "PE", language = "es" }),
        ["POST /api/me/email"] = new([401, 409, 409, 409, 409, 409], _ => new { newEmail = $"moved.{Guid.NewGuid():N}@example.org", password = Personas.Password }),
        ["POST /api/me/email/confirmation"] = new([401, 409, 409, 409, 409, 409]),
        ["POST /api/auth/confirm-email"] = new([404, 404, 404, 404, 404, 404], _ => new { token = "not-a-confirmation-token" }),
        ["GET /api/admin/people"] = new([401, 403, 403, 403, 403, 200]),
        ["POST /api/groups/{groupId:guid}/email-invitations"] = new([401, 404, 403, 403, 409, 409], _ => new { emails = new[] { "invitee@example.org" }, role = "member" }, Mutates: true),
        ["POST /api/groups/{groupId:guid}/invitations/{invitationId:guid}/resend"] = new([401, 404, 403, 403, 409, 409], Mutates: true),
        // The operations view: administrators only.
        ["GET /api/admin/cluster"] = new([401, 403, 403, 403, 403, 200]),
        ["GET /api/admin/outbox"] = new([401, 403, 403, 403, 403, 200]),
        ["POST /api/admin/outbox/{messageId:guid}/retry"] = new([401, 403, 403, 403, 403, 404]),
        ["POST /api/admin/password-reset-links"] = new([401, 403, 403, 403, 403, 200], c => new { email = c.Cast.People["target"].Email }),
        // Organisations: everyone signed in searches and changes their own; whoever holds a live invitation link searches under it;
        // the administrator administers; confirming ties is the administrator's (or a verified organisation's contacts', see OrganisationApiTests).
        ["GET /api/organisations/"] = new([401, 200, 200, 200, 200, 200]),
        ["GET /api/invitations/{token}/organisations"] = new([200, 200, 200, 200, 200, 200]),
        ["GET /api/me/organisation"] = new([401, 200, 200, 200, 200, 200]),
        ["PUT /api/me/organisation"] = new([401, 200, 200, 200, 200, 200], c => new { organisationId = c.Cast.OrganisationOf(c.Email) }, Mutates: true),
        ["GET /api/organisations/{organisationId:guid}"] = new([401, 403, 403, 403, 403, 200]),
        ["POST /api/organisations/{organisationId:guid}/people/{userId:guid}/confirm"] = new([401, 403, 403, 403, 403, 200], Mutates: true),
        ["POST /api/organisations/{organisationId:guid}/people/{userId:guid}/decline"] = new([401, 403, 403, 403, 403, 200], Mutates: true),
        ["GET /api/admin/organisations/"] = new([401, 403, 403, 403, 403, 200]),
        ["POST /api/admin/organisations/"] = new([401, 403, 403, 403, 403, 201], _ => new { name = $"Another {Guid.NewGuid():N}", country = "MX", kind = "media" }, Mutates: true),
        ["GET /api/admin/organisations/audit"] = new([401, 403, 403, 403, 403, 200]),
        ["GET /api/admin/organisations/{organisationId:guid}"] = new([401, 403, 403, 403, 403, 200]),
        ["PUT /api/admin/organisations/{organisationId:guid}"] = new([401, 403, 403, 403, 403, 200], _ => new { name = $"Renamed {Guid.NewGuid():N}", country = "MX", kind = "academia", articles = new[] { "Art. 13" } }, Mutates: true),
        ["POST /api/admin/organisations/{organisationId:guid}/verify"] = new([401, 403, 403, 403, 403, 200], Mutates: true),
        ["POST /api/admin/organisations/{organisationId:guid}/merge"] = new([401, 403, 403, 403, 403, 200], c => new { survivorId = c.World!.SecondOrganisationId }, Mutates: true),
        ["DELETE /api/admin/organisations/{organisationId:guid}"] = new([401, 403, 403, 403, 403, 204], Mutates: true),
        ["PUT /api/admin/organisations/{organisationId:guid}/contacts/{userId:guid}"] = new([401, 403, 403, 403, 403, 200], _ => new { contact = true }, Mutates: true),
        // The live hub: signed-in people only; what they may do there is the hub matrix's business.
        ["* /hubs/live"] = new([401, 400, 400, 400, 400, 400]),
        ["* /hubs/live/negotiate"] = new([401, 200, 200, 200, 200, 200]),
        // The live hub's path before 2026-12-07, a deprecated alias of the same hub: the same answers.
        ["* /hubs/documents"] = new([401, 400, 400, 400, 400, 400]),
        ["* /hubs/documents/negotiate"] = new([401, 200, 200, 200, 200, 200]),
        ["* /api/{**path}"] = new([404, 404, 404, 404, 404, 404]),
        ["* /healthz"] = new([200, 200, 200, 200, 200, 200]),
        ["GET /openapi/{documentName}.json"] = new([200, 200, 200, 200, 200, 200]),
        ["* {*path:nonfile}"] = new([200, 200, 200, 200, 200, 200]),
        // Issue 20, history as editing sessions: like the revision list (the world's document is members-only).
        ["GET /api/documents/{documentId:guid}/history"] = new([401, 404, 404, 200, 200, 200]),
        // Export (issue 20): whoever may read the current text (as the preview); the default format is Markdown.
        ["GET /api/documents/{documentId:guid}/export"] = new([401, 404, 404, 200, 200, 200]),
        ["GET /api/documents/{documentId:guid}/library"] = new([401, 404, 404, 200, 200, 200]), // the world's document is members-only
        // Search across my groups (issue 20): everyone signed in, over their own groups only (called with ?q=, see Call).
        ["GET /api/search"] = new([401, 200, 200, 200, 200, 200]),
        // The Convention as data (issue 21): the same catalogue for everyone signed in.
        ["GET /api/convention"] = new([401, 200, 200, 200, 200, 200]),
        // The network view of the Convention and the grid (issue 21): everyone signed in, over their own groups only (the view called with ?scope=, see Call).
        ["GET /api/network/articles"] = new([401, 200, 200, 200, 200, 200]),
        ["GET /api/network/grid"] = new([401, 200, 200, 200, 200, 200]),
        // The directory (issue 21): everyone signed in; the world's organisation is pending, so its page is the administrator's only;
        // partners without parameters need my organisation's articles (the cast's have none: a clear 400); the listing is the admin's or a contact's.
        ["GET /api/directory/"] = new([401, 200, 200, 200, 200, 200]),
        ["GET /api/directory/partners"] = new([401, 400, 400, 400, 400, 400]),
        ["GET /api/directory/{organisationId:guid}"] = new([401, 404, 404, 404, 404, 200]),
        ["PUT /api/organisations/{organisationId:guid}/listing"] = new([401, 403, 403, 403, 403, 200], _ => new { listing = "listed" }, Mutates: true),
        // The library (issue 21): the world's entry is for the group (not its observers), shared by the member; editors are the sharer,
        // contacts of its organisation and the administrator; citing needs reading the entry and editing the citing thing.
        ["GET /api/library/"] = new([401, 200, 200, 200, 200, 200]),
        ["POST /api/library/"] = new([401, 201, 201, 201, 201, 201], _ => new { title = "Shared", summary = "s", kind = "toolkit", countries = new[] { "PE" }, articles = new[] { "33" }, language = "es" }),
        ["GET /api/library/{entryId:guid}"] = new([401, 404, 404, 200, 200, 200]),
        ["PUT /api/library/{entryId:guid}"] = new([401, 404, 404, 200, 403, 200], _ => new { title = "Renamed", summary = "s", kind = "toolkit", countries = new[] { "PE" }, articles = new[] { "33" }, language = "es" }),
        ["POST /api/library/{entryId:guid}/withdraw"] = new([401, 404, 404, 204, 403, 204], Mutates: true),
        ["POST /api/library/{entryId:guid}/files"] = new([401, 404, 404, 400, 403, 400]), // no file sent: refused after the access check
        ["GET /api/library/{entryId:guid}/files/{fileId:guid}"] = new([401, 404, 404, 200, 200, 200]),
        ["DELETE /api/library/{entryId:guid}/files/{fileId:guid}"] = new([401, 404, 404, 204, 403, 204], Mutates: true),
        ["POST /api/library/{entryId:guid}/citations"] = new([401, 404, 404, 201, 201, 201], c => new { kind = "recommendation", groupId = c.World!.GroupId, targetId = c.World.AdoptedRecommendationId }),
        ["DELETE /api/library/{entryId:guid}/citations/{citationId:guid}"] = new([401, 404, 404, 204, 204, 204], Mutates: true),
        ["GET /api/recommendations/{recommendationId:guid}/library"] = new([401, 404, 404, 200, 200, 200]),
    };

    private Cast _cast = null!;

    public override async Task InitializeAsync() => _cast = await Cast.Create(Host);

    [Fact]
    public void Every_mapped_endpoint_is_in_the_matrix_and_every_matrix_entry_is_mapped()
    {
        var mapped = MappedEndpoints();

        Assert.Empty(mapped.Except(Matrix.Keys));
        Assert.Empty(Matrix.Keys.Except(mapped));
    }

    [Fact]
    public async Task Every_endpoint_answers_every_kind_of_caller_as_it_should()
    {
        var failures = new List<string>();
        foreach (var key in MappedEndpoints())
        {
            var expectation = Matrix[key];
            var shared = expectation.Mutates ? null : await _cast.NewWorld();
            for (var i = 0; i < Callers.Length; i++)
            {
                var world = shared ?? await _cast.NewWorld();
                var status = await Call(key, expectation, Callers[i], world);
                if (status != expectation.Statuses[i])
                {
                    failures.Add($"{key} as {Callers[i]}: expected {expectation.Statuses[i]}, got {status}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private async Task<int> Call(string key, Expectation expectation, string caller, World world)
    {
        var (method, pattern) = (key[..key.IndexOf(' ')], key[(key.IndexOf(' ') + 1)..]);
        var path = pattern
            .Replace("{groupId:guid}", world.GroupId.ToString())
            .Replace("{userId:guid}", world.TargetUserId.ToString())
            .Replace("{invitationId:guid}", world.InvitationId.ToString())
            .Replace("{token}", world.InvitationToken)
            .Replace("{documentName}", "v1")
            .Replace("{documentId:guid}", world.DocumentId.ToString())
            .Replace("{revision:int}", "0")
            .Replace("{recommendationId:guid}", (pattern.Contains("/follow-up", StringComparison.Ordinal) || pattern.Contains("/review-date", StringComparison.Ordinal) ? world.AdoptedRecommendationId : world.RecommendationId).ToString())
            .Replace("{commentId:guid}", world.CommentId.ToString())
            .Replace("{amendmentId:guid}", world.AmendmentId.ToString())
            .Replace("{pollId:guid}", world.PollId.ToString())
            .Replace("{report}", "outcome")
            .Replace("{messageId:guid}", Guid.NewGuid().ToString())
            .Replace("{sessionId:guid}", world.SessionId.ToString())
            .Replace("{organisationId:guid}", world.OrganisationId.ToString())
            .Replace("{entryId:guid}", world.LibraryEntryId.ToString())
            .Replace("{fileId:guid}", world.LibraryFileId.ToString())
            .Replace("{citationId:guid}", world.LibraryCitationId.ToString())
            .Replace("{**path}", "no-such-endpoint")
            .Replace("{*path:nonfile}", "groups/some-deep-link");
        if (path.EndsWith('/') && path.Length > 1)
        {
            path = path.TrimEnd('/');
        }

        path += pattern == "/api/search" ? "?q=reporting" : string.Empty; // search needs a query
        path += pattern == "/api/network/articles" ? "?scope=33" : string.Empty; // the network view needs a scope

        var email = caller is "anonymous" ? null : _cast.People[caller].Email;
        using var fresh = expectation.OwnSession ? Host.NewClient() : null;
        if (fresh is not null && email is not null)
        {
            await fresh.SignIn(email);
        }

        var client = fresh ?? (caller is "anonymous" ? Host.NewClient() : _cast.People[caller].Client);
        var body = expectation.Body?.Invoke(new CallContext(_cast, email, world));
        var verb = method != "*" ? new HttpMethod(method) : path.EndsWith("/negotiate", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
        using var response = await client.Send(verb, path, body);
        if (!expectation.OwnSession && caller is "anonymous")
        {
            client.Dispose();
        }

        // A password change ends the person's other sessions, including the shared client's.
        if (expectation.OwnSession && email is not null)
        {
            await _cast.People[caller].Client.SignIn(email);
        }

        return (int)response.StatusCode;
    }

    private List<string> MappedEndpoints()
    {
        Host.StartServer();
        var source = Host.Services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public sealed record CallContext(Cast Cast, string? Email, World? World = null);

    public sealed record Expectation(int[] Statuses, Func<CallContext, object?>? Body = null, bool Mutates = false, bool OwnSession = false);
}

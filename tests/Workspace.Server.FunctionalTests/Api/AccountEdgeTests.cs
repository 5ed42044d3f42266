using System.Net;
using System.Text.Json.Nodes;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>Registration races on one-use links, and lockout that neither reveals accounts nor spares password changes.</summary>
public sealed class AccountEdgeTests() : HostedTest(new Dictionary<string, string?> { ["Workspace:Accounts:LockoutThreshold"] = "3" })
{
    [Fact]
    public async Task Twenty_concurrent_registrations_on_a_one_use_link_leave_exactly_one_new_account()
    {
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var groupId = await Cast.CreateGroup(admin, "Asset recovery", null);
        var link = await Cast.Invite(admin, groupId, "member", maxUses: 1);
        var emails = Enumerable.Range(0, 20).Select(i => $"racer{i}.{Guid.NewGuid():N}@example.org").ToArray();
        var browsers = emails.Select(_ => Host.NewClient()).ToArray();
        foreach (var browser in browsers)
        {
            using (await browser.Get("/api/session"))
            {
            }
        }

        var responses = await Task.WhenAll(emails.Select((email, i) => browsers[i].Post($"/api/invitations/{link}/register", new
        {
            email, password = Personas.Password, displayName = $"Racer {i}", organisation = "CSO", country = "CL",
        })));
        var statuses = responses.Select(r => r.StatusCode).ToArray();
        var signIns = new List<HttpStatusCode>();
        foreach (var email in emails)
        {
            using var fresh = Host.NewClient();
            using (await fresh.Get("/api/session"))
            {
            }

            using var signIn = await fresh.Post("/api/auth/sign-in", new { email, password = Personas.Password });
            signIns.Add(signIn.StatusCode);
        }

        var members = await admin.Ok(HttpMethod.Get, $"/api/groups/{groupId}/members");

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(19, statuses.Count(s => s == HttpStatusCode.Gone));
        Assert.Equal(1, signIns.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(19, signIns.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(emails[Array.IndexOf(statuses, HttpStatusCode.Created)], emails[signIns.IndexOf(HttpStatusCode.OK)]);
        Assert.Single(members!.AsArray());
        foreach (var response in responses)
        {
            response.Dispose();
        }

        foreach (var browser in browsers)
        {
            browser.Dispose();
        }
    }

    [Fact]
    public async Task A_refused_registration_gives_the_use_back()
    {
        var cast = await Cast.Create(Host);
        var groupId = await Cast.CreateGroup(cast.Admin, "Whistleblower protection", null);
        var link = await Cast.Invite(cast.Admin, groupId, "member", maxUses: 1);
        using var taken = Host.NewClient();
        using var fresh = Host.NewClient();
        using (await taken.Get("/api/session"))
        using (await fresh.Get("/api/session"))
        {
        }

        using var emailTaken = await taken.Post($"/api/invitations/{link}/register", new
        {
            email = Personas.AdminEmail, password = Personas.Password, displayName = "Twin", organisation = "CSO", country = "CL",
        });
        using var registered = await fresh.Post($"/api/invitations/{link}/register", new
        {
            email = $"late.{Guid.NewGuid():N}@example.org", password = Personas.Password, displayName = "Late", organisation = "CSO", country = "CL",
        });

        await Problem.Assert(emailTaken, HttpStatusCode.Conflict, "account.email-taken");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_on_change_password_counts_toward_lockout()
    {
        var cast = await Cast.Create(Host);
        var email = cast.People["member"].Email;
        var browser = cast.People["member"].Client;

        using var first = await browser.Post("/api/auth/change-password", new { currentPassword = "not it at all", newPassword = "a completely new password" });
        using var second = await browser.Post("/api/auth/change-password", new { currentPassword = "not it at all", newPassword = "a completely new password" });
        using var signIn = Host.NewClient();
        using (await signIn.Get("/api/session"))
        {
        }

        using var third = await signIn.Post("/api/auth/sign-in", new { email, password = "not the password" });
        using var right = await signIn.Post("/api/auth/sign-in", new { email, password = Personas.Password });
        using var changeWhileLocked = await browser.Post("/api/auth/change-password", new { currentPassword = Personas.Password, newPassword = "a completely new password" });

        await Problem.Assert(first, HttpStatusCode.BadRequest, "auth.wrong-current-password");
        await Problem.Assert(second, HttpStatusCode.BadRequest, "auth.wrong-current-password");
        await Problem.Assert(third, HttpStatusCode.Locked, "auth.locked-out"); // the third failure in a row locks
        await Problem.Assert(right, HttpStatusCode.Locked, "auth.locked-out");
        await Problem.Assert(changeWhileLocked, HttpStatusCode.Locked, "auth.locked-out");
    }

    [Fact]
    public async Task Lockout_answers_identically_for_an_existing_and_a_non_existing_email()
    {
        var cast = await Cast.Create(Host);
        var existing = cast.People["observer"].Email;
        var missing = $"nobody.{Guid.NewGuid():N}@example.org";
        using var browser = Host.NewClient();
        browser.Language = "es";

        var answers = new Dictionary<string, List<(HttpStatusCode Status, string Body)>>();
        foreach (var email in new[] { existing, missing })
        {
            answers[email] = [];
            for (var attempt = 0; attempt < 4; attempt++)
            {
                using var response = await browser.Post("/api/auth/sign-in", new { email, password = attempt == 3 ? Personas.Password : "not the password" });
                answers[email].Add((response.StatusCode, Comparable(await response.Content.ReadAsStringAsync())));
            }
        }

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Locked, HttpStatusCode.Locked],
            answers[existing].Select(a => a.Status));
        Assert.Equal(answers[existing], answers[missing]);
    }

    /// <summary>The body without what differs by request rather than by account (a trace id, if any).</summary>
    private static string Comparable(string body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        json.Remove("traceId");
        return json.ToJsonString();
    }
}

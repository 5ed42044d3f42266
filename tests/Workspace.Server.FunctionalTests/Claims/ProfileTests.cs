using System.Net;
using Workspace.Grains.Email;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Claims;

/// <summary>Profile editing and email change (confirmed at the new address, through a real SMTP server).</summary>
public sealed class ProfileTests : MailHostedTest
{
    [Fact]
    public async Task Profile_edits_are_validated_like_registration_and_the_member_list_follows()
    {
        var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var groupId = await Cast.CreateGroup(admin, "Integrity systems", null);
        var (marta, martaId) = await Register(await Cast.Invite(admin, groupId, "member"), $"marta.{Guid.NewGuid():N}@cso.example", "Marta");
        var before = await marta.Ok(HttpMethod.Get, "/api/me/profile");

        using var bad = await marta.Put("/api/me/profile", new { displayName = " ", country = "XX", language = "fr" });
        var problem = await Problem.Assert(bad, HttpStatusCode.BadRequest, "validation.failed");
        var unchanged = await marta.Ok(HttpMethod.Get, "/api/me/profile");
        var saved = await marta.Ok(HttpMethod.Put, "/api/me/profile", new { displayName = "Marta Quispe", country = "bo", language = "es" });
        var members = await admin.Ok(HttpMethod.Get, $"/api/groups/{groupId}/members");

        Assert.Equal(["country", "displayName", "language"], problem["errors"]!.AsObject().Select(p => p.Key).Order().ToArray());
        Assert.Equal(before!.ToJsonString(), unchanged!.ToJsonString());
        Assert.Equal(("Marta Quispe", "BO", "es"), ((string?)saved!["displayName"], (string?)saved["country"], (string?)saved["language"]));
        var row = members!.AsArray().Single(m => (string?)m!["userId"] == martaId.ToString())!;
        Assert.Equal(("Marta Quispe", "BO"), ((string?)row["displayName"], (string?)row["country"]));
    }

    [Fact]
    public async Task An_email_change_takes_effect_only_when_confirmed_at_the_new_address()
    {
        var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var groupId = await Cast.CreateGroup(admin, "Procurement", null);
        var oldEmail = $"pablo.{Guid.NewGuid():N}@cso.example";
        var newEmail = $"pablo.new.{Guid.NewGuid():N}@cso.example";
        var (pablo, pabloId) = await Register(await Cast.Invite(admin, groupId, "member"), oldEmail, "Pablo", language: "es");

        using var wrongPassword = await pablo.Post("/api/me/email", new { newEmail, password = "not my password" });
        using var same = await pablo.Post("/api/me/email", new { newEmail = oldEmail.ToUpperInvariant(), password = Personas.Password });
        using var requested = await pablo.Post("/api/me/email", new { newEmail, password = Personas.Password });
        var message = await Mail.WaitForMessage(newEmail);

        // Unconfirmed: the old address keeps working, the new one signs in to nothing.
        await Host.NewClient().SignIn(oldEmail);
        using var newTooEarly = await Host.NewClient().Post("/api/auth/sign-in", new { email = newEmail, password = Personas.Password });
        await Problem.Assert(newTooEarly, HttpStatusCode.Unauthorized, "auth.invalid-credentials");

        var confirmed = await Host.NewClient().Ok(HttpMethod.Post, "/api/auth/confirm-email", new { token = MailServer.Token(message, "/confirm-email/") });
        await Host.NewClient().SignIn(newEmail);
        using var oldAfter = await Host.NewClient().Post("/api/auth/sign-in", new { email = oldEmail, password = Personas.Password });
        var session = await pablo.Ok(HttpMethod.Get, "/api/session");

        await Problem.Assert(wrongPassword, HttpStatusCode.BadRequest, "auth.wrong-current-password");
        await Problem.Assert(same, HttpStatusCode.BadRequest, "validation.failed");
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        Assert.Equal(MailTemplates.ConfirmNewEmail(newEmail, "es", "Pablo", "https://x").Subject, message.Subject); // Pablo registered in Spanish
        Assert.Equal((pabloId.ToString(), newEmail, true), ((string?)confirmed!["id"], (string?)confirmed["email"], (bool)confirmed["emailConfirmed"]!));
        await Problem.Assert(oldAfter, HttpStatusCode.Unauthorized, "auth.invalid-credentials");
        Assert.Equal(newEmail, (string?)session!["user"]!["email"]);
    }
}

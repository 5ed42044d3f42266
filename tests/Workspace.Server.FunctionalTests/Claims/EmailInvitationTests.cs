using System.Net;
using Workspace.Grains.Email;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Claims;

/// <summary>
/// Acceptance 3 of issue 18 (the invitation part): invitation by email through a real SMTP server →
/// the link read from the received message → registration → confirmed → member of the group, each
/// message in the recipient's language (the facilitator chooses it per request: a recipient has no profile yet).
/// </summary>
public sealed class EmailInvitationTests : MailHostedTest
{
    [Fact]
    public async Task Each_invited_address_gets_its_own_link_in_its_language_and_joins_confirmed()
    {
        var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var lobby = await Cast.CreateGroup(admin, "Lobby", null);
        var (facilitator, facilitatorId) = await Register(await Cast.Invite(admin, lobby, "member"), $"fac.{Guid.NewGuid():N}@cso.example", "Fatima");
        var groupId = await Cast.CreateGroup(admin, "Whistleblower protection", facilitatorId);
        var ana = $"ana.{Guid.NewGuid():N}@cso.example";
        var luis = $"luis.{Guid.NewGuid():N}@cso.example";

        // Bad input: each bad address named, duplicates removed, nothing created.
        using var bad = await facilitator.Post($"/api/groups/{groupId}/email-invitations", new { emails = new[] { ana, "not an address", "x@" }, role = "member" });
        var badProblem = await Problem.Assert(bad, HttpStatusCode.BadRequest, "validation.failed");
        Assert.Equal(["emails[1]", "emails[2]"], badProblem["errors"]!.AsObject().Select(p => p.Key).Order().ToArray());
        Assert.Empty((await facilitator.Ok(HttpMethod.Get, $"/api/groups/{groupId}/invitations"))!.AsArray());

        // Ana in English (the facilitator's own language), Luis in Spanish; Ana's address twice, in other capitals.
        var english = await facilitator.Ok(HttpMethod.Post, $"/api/groups/{groupId}/email-invitations", new { emails = new[] { ana, ana.ToUpperInvariant() }, role = "member" });
        var spanish = await facilitator.Ok(HttpMethod.Post, $"/api/groups/{groupId}/email-invitations", new { emails = new[] { luis }, role = "observer", language = "es" });
        Assert.Equal([ana], english.Strings("email"));
        Assert.All(english!.AsArray().Concat(spanish!.AsArray()), i => Assert.Null((string?)i!["url"])); // the link goes only to the address

        var toAna = await Mail.WaitForMessage(ana);
        var toLuis = await Mail.WaitForMessage(luis);
        var expires = DateTimeOffset.Parse((string)spanish[0]!["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(MailTemplates.Invitation(luis, "es", "Whistleblower protection", "Fatima", "observer", "https://x", expires).Subject, toLuis.Subject);
        Assert.Equal(MailTemplates.Invitation(ana, "en", "Whistleblower protection", "Fatima", "member", "https://x", expires).Subject, toAna.Subject);
        Assert.NotEqual(toAna.Subject, toLuis.Subject);
        Assert.Contains("Fatima", toLuis.TextBody);
        var anaLink = MailServer.Token(toAna, "/invite/");
        var luisLink = MailServer.Token(toLuis, "/invite/");
        Assert.NotEqual(anaLink, luisLink);

        // The link is bound to its address: registering another address through it is refused and uses nothing.
        using var someoneElse = await Host.NewClient().Post($"/api/invitations/{anaLink}/register", new
        {
            email = $"other.{Guid.NewGuid():N}@cso.example", password = Personas.Password, displayName = "Other", organisation = "", country = "PE",
        });
        var mismatch = await Problem.Assert(someoneElse, HttpStatusCode.BadRequest, "invitation.email-mismatch");
        Assert.NotNull(mismatch["errors"]!["email"]);

        // Nor may another signed-in account join through it.
        using var wrongAccount = await facilitator.Post($"/api/invitations/{luisLink}/accept");
        await Problem.Assert(wrongAccount, HttpStatusCode.BadRequest, "invitation.email-mismatch");

        // Each registers through their own link: confirmed at once (the link proved receipt) and a member.
        var (anaClient, anaId) = await Register(anaLink, ana, "Ana");
        var (luisClient, luisId) = await Register(luisLink, luis, "Luis", language: "es");
        var members = await facilitator.Ok(HttpMethod.Get, $"/api/groups/{groupId}/members");
        var invitations = await facilitator.Ok(HttpMethod.Get, $"/api/groups/{groupId}/invitations");

        Assert.True((bool)(await anaClient.Ok(HttpMethod.Get, "/api/session"))!["user"]!["emailConfirmed"]!);
        Assert.True((bool)(await luisClient.Ok(HttpMethod.Get, "/api/session"))!["user"]!["emailConfirmed"]!);
        Assert.Contains(anaId.ToString(), members.Strings("userId"));
        Assert.Contains(luisId.ToString(), members.Strings("userId"));
        Assert.Equal("observer", (string?)members!.AsArray().Single(m => (string?)m!["userId"] == luisId.ToString())!["role"]);
        Assert.Equal(["used-up", "used-up"], invitations.Strings("status"));
        Assert.DoesNotContain(Mail.MessagesTo(ana), m => (m.TextBody ?? string.Empty).Contains("/confirm-email/", StringComparison.Ordinal)); // nothing left to confirm

        // A confirmed account is now found by its address.
        var appointed = await admin.Ok(HttpMethod.Post, $"/api/groups/{groupId}/facilitators", new { email = ana });
        Assert.Equal(anaId.ToString(), (string?)appointed!["userId"]);

        // Someone who already has an account, invited by email to another group, joins with it through the link.
        var otherGroup = await Cast.CreateGroup(admin, "Asset recovery", null);
        await admin.Ok(HttpMethod.Post, $"/api/groups/{otherGroup}/email-invitations", new { emails = new[] { ana }, role = "member" });
        var again = MailServer.Token(await Mail.WaitForMessage(ana, nth: 2), "/invite/");
        var joined = await anaClient.Ok(HttpMethod.Post, $"/api/invitations/{again}/accept");
        Assert.Equal((otherGroup.ToString(), "member"), ((string?)joined!["id"], (string?)joined["myRole"]));
    }

    [Fact]
    public async Task Resending_gives_a_new_link_and_the_old_one_dies_revoking_ends_it()
    {
        var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var groupId = await Cast.CreateGroup(admin, "Beneficial ownership", null);
        var rosa = $"rosa.{Guid.NewGuid():N}@cso.example";
        var sent = await admin.Ok(HttpMethod.Post, $"/api/groups/{groupId}/email-invitations", new { emails = new[] { rosa }, role = "member", language = "pt" });
        var id = (string)sent![0]!["id"]!;
        var first = MailServer.Token(await Mail.WaitForMessage(rosa), "/invite/");

        await admin.Ok(HttpMethod.Post, $"/api/groups/{groupId}/invitations/{id}/resend");
        var second = MailServer.Token(await Mail.WaitForMessage(rosa, nth: 2), "/invite/");
        using var old = await Host.NewClient().Get($"/api/invitations/{first}");
        var current = await Host.NewClient().Ok(HttpMethod.Get, $"/api/invitations/{second}");
        await admin.Ok(HttpMethod.Delete, $"/api/groups/{groupId}/invitations/{id}");
        var revoked = await Host.NewClient().Ok(HttpMethod.Get, $"/api/invitations/{second}");
        using var resendRevoked = await admin.Post($"/api/groups/{groupId}/invitations/{id}/resend");

        Assert.NotEqual(first, second);
        await Problem.Assert(old, HttpStatusCode.NotFound, "invitation.not-found");
        Assert.Equal(("active", rosa), ((string?)current!["status"], (string?)current["email"]));
        Assert.Equal("revoked", (string?)revoked!["status"]);
        await Problem.Assert(resendRevoked, HttpStatusCode.Gone, "invitation.revoked");
        Assert.Equal(
            MailTemplates.Invitation(rosa, "pt", "Beneficial ownership", "Ada Admin", "member", "https://x", DateTimeOffset.UtcNow).Subject,
            (await Mail.WaitForMessage(rosa, nth: 2)).Subject);
    }
}

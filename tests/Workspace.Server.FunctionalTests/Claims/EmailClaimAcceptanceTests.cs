using System.Net;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Claims;

/// <summary>
/// Acceptance 4 of issue 18: an invitation holder who registers someone else's address cannot be
/// appointed by that address, and the real owner registers, confirms and keeps it.
/// </summary>
public sealed class EmailClaimAcceptanceTests : MailHostedTest
{
    private const string Director = "director@ngo.example";

    [Fact]
    public async Task The_impostor_is_never_appointed_by_the_directors_address_and_the_director_keeps_it()
    {
        var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var lobby = await Cast.CreateGroup(admin, "Lobby", null);

        // An invitation holder registers the director's address.
        var (impostor, impostorId) = await Register(await Cast.Invite(admin, lobby, "member"), Director, "Impostor", "the impostor's password");

        // The administrator cannot find or appoint that address: creation refuses, appointment refuses.
        var groupsBefore = (await admin.Ok(HttpMethod.Get, "/api/groups"))!.AsArray().Count;
        using var create = await admin.Post("/api/groups", new { name = "Asset recovery", thematicArea = "UNCAC Art. 51", facilitatorEmail = Director });
        var groupsAfter = (await admin.Ok(HttpMethod.Get, "/api/groups"))!.AsArray().Count;
        var groupId = await Cast.CreateGroup(admin, "Asset recovery", null);
        using var appoint = await admin.Post($"/api/groups/{groupId}/facilitators", new { email = Director });
        var members = await admin.Ok(HttpMethod.Get, $"/api/groups/{groupId}/members");

        await Problem.Assert(create, HttpStatusCode.BadRequest, "account.no-confirmed-account");
        await Problem.Assert(appoint, HttpStatusCode.BadRequest, "account.no-confirmed-account");
        Assert.Equal(groupsBefore, groupsAfter);
        Assert.DoesNotContain(impostorId.ToString(), members.Strings("userId"));

        // The real director registers the same address (no 409), receives the confirmation and follows it.
        var (director, directorId) = await Register(await Cast.Invite(admin, lobby, "member"), Director, "Real Director", "the director's password");
        var mail = await Mail.WaitForMessage(Director, nth: 2); // the first is the impostor's own confirmation
        Assert.Contains("Real Director", mail.TextBody);
        using var anonymous = Host.NewClient();
        var confirmed = await anonymous.Ok(HttpMethod.Post, "/api/auth/confirm-email", new { token = MailServer.Token(mail, "/confirm-email/") });
        Assert.Equal((directorId.ToString(), true), ((string?)confirmed!["id"], (bool)confirmed["emailConfirmed"]!));

        // The impostor can no longer sign in with it (told why), and their open sign-in ended.
        using var impostorSignIn = await Host.NewClient().Post("/api/auth/sign-in", new { email = Director, password = "the impostor's password" });
        await Problem.Assert(impostorSignIn, HttpStatusCode.Conflict, "account.address-confirmed-elsewhere");
        Assert.False((bool)(await impostor.Ok(HttpMethod.Get, "/api/session"))!["authenticated"]!);
        await Host.NewClient().SignIn(Director, "the director's password");

        // Appointment by that address now reaches the real director.
        var appointed = await admin.Ok(HttpMethod.Post, $"/api/groups/{groupId}/facilitators", new { email = Director });
        Assert.Equal((directorId.ToString(), "facilitator"), ((string?)appointed!["userId"], (string?)appointed["role"]));
        Assert.True((bool)(await director.Ok(HttpMethod.Get, "/api/session"))!["user"]!["emailConfirmed"]!);
    }
}

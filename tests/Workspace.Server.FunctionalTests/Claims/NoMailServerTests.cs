using System.Net;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Claims;

/// <summary>Without a mail server (the embedded default): nothing pretends to send, and appointment is by choosing a person.</summary>
public sealed class NoMailServerTests : HostedTest
{
    [Fact]
    public async Task Email_flows_are_refused_clearly_and_the_administrator_appoints_by_choosing_a_person()
    {
        var cast = await Cast.Create(Host);
        var groupId = await Cast.CreateGroup(cast.Admin, "Asset declarations", null);
        var member = cast.People["member"].Client;

        using var invite = await cast.Admin.Post($"/api/groups/{groupId}/email-invitations", new { emails = new[] { "someone@cso.example" }, role = "member" });
        using var resend = await member.Post("/api/me/email/confirmation");
        using var change = await member.Post("/api/me/email", new { newEmail = "elsewhere@cso.example", password = Personas.Password });
        var session = await member.Ok(HttpMethod.Get, "/api/session");
        var found = await cast.Admin.Ok(HttpMethod.Get, "/api/admin/people?q=MEMB");
        var everyone = await cast.Admin.Ok(HttpMethod.Get, "/api/admin/people");
        using var notAdmin = await member.Get("/api/admin/people?q=a");
        using var byEmail = await cast.Admin.Post($"/api/groups/{groupId}/facilitators", new { email = cast.People["member"].Email });
        var appointed = await cast.Admin.Ok(HttpMethod.Post, $"/api/groups/{groupId}/facilitators", new { userId = (string)found![0]!["id"]! });

        await Problem.Assert(invite, HttpStatusCode.Conflict, "email.no-mail-server");
        await Problem.Assert(resend, HttpStatusCode.Conflict, "email.no-mail-server");
        await Problem.Assert(change, HttpStatusCode.Conflict, "email.no-mail-server");
        Assert.Empty((await cast.Admin.Ok(HttpMethod.Get, $"/api/groups/{groupId}/invitations"))!.AsArray());
        Assert.False((bool)session!["user"]!["emailConfirmed"]!); // stays unconfirmed: nothing could prove it
        Assert.Equal([cast.People["member"].Id.ToString()], found.Strings("id"));
        Assert.Equal(cast.People["member"].Email, (string?)found[0]!["email"]);
        Assert.Equal(5, everyone!.AsArray().Count); // the five, once each (the administrator acts in groups without belonging)
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        await Problem.Assert(byEmail, HttpStatusCode.BadRequest, "account.no-confirmed-account");
        Assert.Equal((cast.People["member"].Id.ToString(), "facilitator"), ((string?)appointed!["userId"], (string?)appointed["role"]));
    }
}

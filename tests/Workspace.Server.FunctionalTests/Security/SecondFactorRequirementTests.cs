using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workspace.Server.FunctionalTests.Infrastructure;
using static Workspace.Server.FunctionalTests.Infrastructure.Authenticator;

namespace Workspace.Server.FunctionalTests.Security;

/// <summary>
/// With Workspace:Accounts:RequireSecondFactor = AdministratorsAndFacilitators, the administrator and
/// facilitators without a second factor sign in restricted to enrolling one: every other endpoint (found
/// through the app's endpoint data source, so none escapes) and the live hub answer 403 until they have.
/// </summary>
public sealed partial class SecondFactorRequirementTests() : HostedTest(new Dictionary<string, string?>
{
    ["Workspace:Accounts:RequireSecondFactor"] = "AdministratorsAndFacilitators",
})
{
    /// <summary>What a person who must enrol may still reach.</summary>
    private static readonly string[] OpenDuringEnrolment =
    [
        "GET /api/session",
        "POST /api/auth/sign-in",
        "POST /api/auth/sign-out",
        "POST /api/auth/sign-in/second-factor",
        "GET /api/auth/second-factor/",
        "POST /api/auth/second-factor/enrolment",
        "POST /api/auth/second-factor/enrolment/confirm",
    ];

    [Fact]
    public async Task The_administrator_and_a_facilitator_enrol_at_their_next_sign_in_and_then_continue_normally()
    {
        await Settle();
        using var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        await AssertRestricted(admin);
        Assert.True((bool)(await Status(admin))["required"]!);

        var (adminApp, _) = await Enrol(admin);
        await AssertNormal(admin);
        await Problem.Assert(await admin.Post("/api/auth/second-factor/disable", new { password = Personas.Password, code = adminApp.Code() }), HttpStatusCode.Forbidden, "second-factor.required");

        // Someone joins as a member (not required), then is made facilitator: their current sign-in goes on,
        // the next one is restricted until they enrol.
        var lobby = await Cast.CreateGroup(admin, "Lobby", null);
        using var person = Host.NewClient();
        var email = $"facilitator.{Guid.NewGuid():N}@example.org";
        var registered = await person.Ok(HttpMethod.Post, $"/api/invitations/{await Cast.Invite(admin, lobby, "member")}/register", new
        {
            email, password = Personas.Password, displayName = "Fabiola", organisation = "CSO", country = "PE",
        });
        await AssertNormal(person);
        Assert.False((bool)(await Status(person))["required"]!);
        await Cast.CreateGroup(admin, "Integrity systems", Guid.Parse((string)registered!["user"]!["id"]!));
        await AssertNormal(person);

        using var nextSignIn = Host.NewClient();
        await nextSignIn.SignIn(email);
        await AssertRestricted(nextSignIn);
        await Enrol(nextSignIn);
        await AssertNormal(nextSignIn);

        // The administrator's next sign-in asks for the code like anyone's.
        using var again = await PasswordStep(Host, Personas.AdminEmail);
        AssertSignedIn(await CodeStep(again, code: adminApp.Code(1)), again);
        await AssertNormal(again);
    }

    [Fact]
    public async Task A_person_who_must_enrol_gets_403_on_every_endpoint_but_enrolment_session_and_sign_out()
    {
        var failures = new List<string>();
        foreach (var key in MappedEndpoints())
        {
            // A fresh restricted sign-in for each call: signing out (allowed) must not spoil the next one.
            using var admin = Host.NewClient();
            await admin.SignIn(Personas.AdminEmail);
            var (method, pattern) = (key[..key.IndexOf(' ')], key[(key.IndexOf(' ') + 1)..]);
            var path = RouteParameter().Replace(pattern.Replace("{*path:nonfile}", "groups/x").Replace("{**path}", "x").Replace("{documentName}", "v1"), m => m.Value.Contains(":int") ? "0" : m.Value.Contains(":guid") ? Guid.NewGuid().ToString() : "x");
            var verb = method != "*" ? new HttpMethod(method) : path.EndsWith("/negotiate", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
            using var response = await admin.Send(verb, path.Length > 1 ? path.TrimEnd('/') : path, new { });
            var refused = response.StatusCode == HttpStatusCode.Forbidden && (await response.Content.ReadAsStringAsync()).Contains("second-factor.enrolment-required", StringComparison.Ordinal);
            var gated = (pattern.StartsWith("/api", StringComparison.Ordinal) || pattern.StartsWith("/hubs", StringComparison.Ordinal)) && !OpenDuringEnrolment.Contains(key);
            if (refused != gated)
            {
                failures.Add($"{key}: {(gated ? "expected 403 second-factor.enrolment-required" : "expected to be open")}, got {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private async Task AssertRestricted(ApiClient person)
    {
        Assert.True((bool)(await person.Ok(HttpMethod.Get, "/api/session"))!["secondFactorEnrolmentRequired"]!);
        await Problem.Assert(await person.Get("/api/groups"), HttpStatusCode.Forbidden, "second-factor.enrolment-required");
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), await LiveSignIns.Try(Host.BaseAddress, person.Cookies));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => LiveSignIns.Connect(person));
    }

    private async Task AssertNormal(ApiClient person)
    {
        Assert.False((bool)(await person.Ok(HttpMethod.Get, "/api/session"))!["secondFactorEnrolmentRequired"]!);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await LiveSignIns.Try(Host.BaseAddress, person.Cookies));
        var (connection, _) = await LiveSignIns.Connect(person);
        await connection.DisposeAsync();
    }

    private List<string> MappedEndpoints()
    {
        Host.StartServer();
        return Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}

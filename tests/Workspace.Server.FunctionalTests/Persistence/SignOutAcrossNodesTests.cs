using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Persistence;

/// <summary>
/// "Sign out everywhere" and a password change end every sign-in of the person and close their live
/// connections on every node at once — two server processes on PostgreSQL, the person connected to both.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class SignOutAcrossNodesTests
{
    [Fact]
    public async Task Sign_out_everywhere_closes_the_persons_connections_on_both_nodes_within_two_seconds()
    {
        await using var nodes = await TwoNodes.Start();
        await nodes.EndsEverySignIn(async (first, _, email) =>
        {
            using var tablet = first.NewClient();
            await tablet.SignIn(email);
            await tablet.Ok(HttpMethod.Post, "/api/auth/sign-out-everywhere");
            using var tabletAfter = await tablet.Get("/api/groups");
            Assert.Equal(HttpStatusCode.Unauthorized, tabletAfter.StatusCode);
        });
    }

    [Fact]
    public async Task A_password_change_closes_the_persons_other_connections_on_both_nodes_within_two_seconds()
    {
        await using var nodes = await TwoNodes.Start();
        await nodes.EndsEverySignIn(async (_, second, email) =>
        {
            using var tablet = second.NewClient();
            await tablet.SignIn(email);
            await tablet.Ok(HttpMethod.Post, "/api/auth/change-password", new { currentPassword = Personas.Password, newPassword = "a completely new password" });
            using var tabletAfter = await tablet.Get("/api/groups");
            Assert.Equal(HttpStatusCode.OK, tabletAfter.StatusCode); // the browser that changed it is given a new sign-in
        });
    }

    private sealed class TwoNodes(PostgresDatabase database, ServerProcess first, ServerProcess second) : IAsyncDisposable
    {
        public static async Task<TwoNodes> Start()
        {
            var database = await PostgresDatabase.Create();
            var settings = TwoNodeClusterTests.ClusterSettings(database);
            return new TwoNodes(database, await ServerProcess.Start(settings), await ServerProcess.Start(settings));
        }

        /// <summary>
        /// The member is signed in on both nodes (laptop on the first, phone on the second), each with a live
        /// connection that has the document open; <paramref name="endEverything"/> ends their sign-ins.
        /// Both connections must close within 2 s, a submission on them must be refused and change nothing,
        /// their cookies must be refused, and someone else's connection must stay open.
        /// </summary>
        public async Task EndsEverySignIn(Func<ServerProcess, ServerProcess, string, Task> endEverything)
        {
            using var admin = first.NewClient();
            await admin.SignIn(Personas.AdminEmail);
            var groupId = await Cast.CreateGroup(admin, "Procurement integrity", null);
            var documentId = Guid.Parse((string)(await admin.Ok(HttpMethod.Post, $"/api/groups/{groupId}/documents", new { title = "Notes", visibility = "members" }))!["id"]!);
            var link = await Cast.Invite(admin, groupId, "member");
            var email = $"ines.{Guid.NewGuid():N}@cso.example";
            using (var registration = second.NewClient())
            {
                await registration.Ok(HttpMethod.Post, $"/api/invitations/{link}/register", new
                {
                    email, password = Personas.Password, displayName = "Inés", organisation = "Transparencia", country = "CO",
                });
            }

            using var laptop = first.NewClient();
            using var phone = second.NewClient();
            await laptop.SignIn(email);
            await phone.SignIn(email);
            var cookies = new[] { LiveSignIns.CopyAuthCookie(laptop), LiveSignIns.CopyAuthCookie(phone) };
            var (onFirst, firstClosed) = await LiveSignIns.Connect(laptop);
            var (onSecond, secondClosed) = await LiveSignIns.Connect(phone);
            var (adminLive, adminClosed) = await LiveSignIns.Connect(admin);
            await using var a = onFirst;
            await using var b = onSecond;
            await using var c = adminLive;
            var adminDocument = await Workspace.LiveClient.LiveDocument.OpenAsync(adminLive, documentId);
            foreach (var connection in new[] { onFirst, onSecond })
            {
                await Workspace.LiveClient.LiveDocument.OpenAsync(connection, documentId);
            }

            await endEverything(first, second, email);
            var answered = Stopwatch.StartNew();

            // At once, before the client has necessarily seen the close: refused either way, applied never.
            var late = await Task.WhenAll(new[] { onFirst, onSecond }.Select(async connection =>
            {
                try
                {
                    await LiveSignIns.Submit(connection, documentId, "written after signing out");
                    return false;
                }
                catch (Exception)
                {
                    return true;
                }
            }));
            var left = TimeSpan.FromSeconds(2) - answered.Elapsed;
            await Task.WhenAll(firstClosed, secondClosed).WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            var stillAllowed = await Task.WhenAll(cookies.Select((jar, i) => LiveSignIns.Try((i == 0 ? first : second).BaseAddress, jar)));
            await Task.Delay(300); // an edit that got through would have reached the admin's editor by now

            Assert.Equal([true, true], late);
            Assert.All(stillAllowed, s => Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), s));
            Assert.Equal(HubConnectionState.Connected, adminLive.State);
            Assert.False(adminClosed.IsCompleted);
            Assert.DoesNotContain("signing out", adminDocument.Text, StringComparison.Ordinal);
        }

        public async ValueTask DisposeAsync()
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}

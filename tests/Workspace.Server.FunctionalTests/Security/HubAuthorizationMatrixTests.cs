using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Collaboration;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;
using Workspace.Server.Live;

namespace Workspace.Server.FunctionalTests.Security;

/// <summary>
/// Every method of the live hub, found by reflection, called by each kind of signed-in person
/// on a members-only document and on one observers may follow. (Anonymous callers cannot connect:
/// see the REST matrix's negotiate row.) A hub method missing from this table
/// or the sessions' one (<see cref="SessionHubMatrixTests"/>) fails the test.
/// </summary>
public sealed class HubAuthorizationMatrixTests : HostedTest
{
    private static readonly string[] Callers = ["stranger", "observer", "member", "facilitator", "admin"];

    /// <summary>Outcome per caller ("ok" or the error code), for the members-only and the observers-visible document.</summary>
    private static readonly Dictionary<string, (string[] MembersOnly, string[] Visible)> Matrix = new()
    {
        ["Open"] = (["document.not-found", "document.not-found", "ok", "ok", "ok"], ["document.not-found", "ok", "ok", "ok", "ok"]),
        ["Send"] = (["document.not-open", "document.not-open", "ok", "ok", "ok"], ["document.not-open", "document.read-only", "ok", "ok", "ok"]),
        ["Presence"] = (["document.not-open", "document.not-open", "ok", "ok", "ok"], ["document.not-open", "ok", "ok", "ok", "ok"]),
        ["Close"] = (["ok", "ok", "ok", "ok", "ok"], ["ok", "ok", "ok", "ok", "ok"]),
        // Group-wide live events: the document does not matter; strangers are refused, observers get their own audience.
        ["WatchGroup"] = (["group.not-found", "ok", "ok", "ok", "ok"], ["group.not-found", "ok", "ok", "ok", "ok"]),
        ["UnwatchGroup"] = (["ok", "ok", "ok", "ok", "ok"], ["ok", "ok", "ok", "ok", "ok"]),
        // Network news carries no content (pages read again through REST): every signed-in person may follow it.
        ["WatchNetwork"] = (["ok", "ok", "ok", "ok", "ok"], ["ok", "ok", "ok", "ok", "ok"]),
        ["UnwatchNetwork"] = (["ok", "ok", "ok", "ok", "ok"], ["ok", "ok", "ok", "ok", "ok"]),
    };

    [Fact]
    public void Every_hub_method_is_in_the_matrix()
    {
        var methods = typeof(LiveHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
            .Select(m => m.Name)
            .Order()
            .ToArray();

        Assert.Equal(Matrix.Keys.Concat(SessionHubMatrixTests.Matrix.Keys).Order(), methods);
    }

    [Fact]
    public async Task Every_hub_method_answers_every_kind_of_person_as_it_should()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var visible = Guid.Parse((string)(await cast.Admin.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/documents", new { title = "Public draft", visibility = "observers" }))!["id"]!);
        var failures = new List<string>();
        foreach (var (method, expected) in Matrix)
        {
            foreach (var (documentId, outcomes) in new[] { (world.DocumentId, expected.MembersOnly), (visible, expected.Visible) })
            {
                for (var i = 0; i < Callers.Length; i++)
                {
                    var client = cast.People[Callers[i]].Client;
                    await using var connection = LiveConnections.Live(client.BaseAddress, client.Cookies);
                    await connection.StartAsync();
                    var outcome = await Call(connection, method, documentId, world.GroupId);
                    if (outcome != outcomes[i])
                    {
                        failures.Add($"{method} on {(documentId == visible ? "visible" : "members-only")} document as {Callers[i]}: expected {outcomes[i]}, got {outcome}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task<string> Call(HubConnection connection, string method, Guid documentId, Guid groupId)
    {
        if (method != "Open")
        {
            try
            {
                await connection.InvokeAsync<Contracts.Documents.OpenedDocument>("Open", documentId, null);
            }
            catch (HubException)
            {
                // Not allowed to open: the call below must be refused on its own.
            }
        }

        try
        {
            switch (method)
            {
                case "Open":
                    await connection.InvokeAsync<Contracts.Documents.OpenedDocument>("Open", documentId, null);
                    break;
                case "Send":
                    await connection.SendEdit(documentId, 0, TextOperation.Builder().Insert("x").Build(), Guid.NewGuid().ToString("N"), 1L);
                    break;
                case "Presence":
                    await connection.InvokeAsync("Presence", documentId, 0, 0, 0);
                    break;
                case "Close":
                    await connection.InvokeAsync("Close", documentId);
                    break;
                case "WatchGroup":
                    await connection.InvokeAsync<string>("WatchGroup", groupId);
                    break;
                case "UnwatchGroup":
                    await connection.InvokeAsync("UnwatchGroup", groupId);
                    break;
                case "WatchNetwork":
                    await connection.InvokeAsync("WatchNetwork");
                    break;
                case "UnwatchNetwork":
                    await connection.InvokeAsync("UnwatchNetwork");
                    break;
                default:
                    throw new InvalidOperationException($"No call for {method}.");
            }

            return "ok";
        }
        catch (Exception e) when (e is HubException or HubRefusedException)
        {
            return HubError.From(e)?.Code ?? e.Message;
        }
    }
}

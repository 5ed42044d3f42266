using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Security;

/// <summary>
/// Every session method of the hub, called by each kind of signed-in person in a fresh live
/// session (facilitator present, a poll open, another member present with a question), once
/// with a members-only item on the agenda and once with an item observers may see.
/// </summary>
public sealed class SessionHubMatrixTests() : HostedTest(new Dictionary<string, string?> { ["Workspace:Documents:ActionsPerSecond"] = "1000" })
{
    private static readonly string[] Callers = ["stranger", "observer", "member", "facilitator", "admin"];

    private const string NotFound = "session.not-found";
    private const string Facilitators = "group.facilitator-only";
    private static readonly string[] FacilitatorsOnly = [NotFound, Facilitators, Facilitators, "ok", "ok"];
    private static readonly string[] Everyone = [NotFound, "ok", "ok", "ok", "ok"];

    /// <summary>Outcome per caller ("ok" or the error code); the same with either agenda item unless a row says otherwise.</summary>
    public static readonly Dictionary<string, string[]> Matrix = new()
    {
        ["JoinSession"] = Everyone,
        ["LeaveSession"] = ["ok", "ok", "ok", "ok", "ok"],
        ["StartSession"] = FacilitatorsOnly,
        ["EndSession"] = FacilitatorsOnly,
        ["FocusItem"] = FacilitatorsOnly,
        ["RaiseHand"] = [NotFound, "session.observers-may-not-queue", "ok", "ok", "ok"],
        ["LowerHand"] = [NotFound, "session.hand-not-raised", "ok", "ok", "ok"],
        ["GiveFloor"] = FacilitatorsOnly,
        ["ClearFloor"] = Everyone, // after the floor was given to the caller: the speaker may end their own turn
        ["AllowObserversInQueue"] = FacilitatorsOnly,
        ["OpenSessionPoll"] = FacilitatorsOnly,
        ["VoteInSession"] = [NotFound, "recommendation.members-only", "ok", "ok", "ok"],
        ["CloseSessionPoll"] = FacilitatorsOnly,
        ["AskQuestion"] = Everyone,
        ["UpvoteQuestion"] = Everyone,
        ["MarkQuestion"] = FacilitatorsOnly,
        ["PinQuestion"] = FacilitatorsOnly,
        ["SetQuestionsOpen"] = FacilitatorsOnly,
        ["RemoveFromSession"] = FacilitatorsOnly,
        // Issue 20: the current item's time and the speaking-time limit.
        ["PauseItem"] = FacilitatorsOnly,
        ["ResumeItem"] = FacilitatorsOnly, // after the facilitator paused it
        ["ExtendItem"] = FacilitatorsOnly,
        ["SetSpeakingLimit"] = FacilitatorsOnly,
        ["NoteAnswer"] = FacilitatorsOnly, // after the facilitator marked the question answered
    };

    [Fact]
    public async Task Every_session_method_answers_every_kind_of_person_as_it_should()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var facilitatorApi = cast.People["facilitator"].Client;
        var visible = Guid.Parse((string)(await facilitatorApi.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/documents", new { title = "Public draft", visibility = "observers" }))!["id"]!);
        await using var facilitator = await Connect(cast, "facilitator");
        await using var target = await Connect(cast, "target");
        var failures = new List<string>();
        foreach (var (method, outcomes) in Matrix)
        {
            foreach (var documentId in new[] { world.DocumentId, visible })
            {
                for (var i = 0; i < Callers.Length; i++)
                {
                    var session = Guid.Parse((string)(await facilitatorApi.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/sessions", new
                    {
                        title = $"{method} as {Callers[i]}", scheduledStart = DateTimeOffset.UtcNow,
                        agenda = new[] { new { title = "Draft", target = "document", targetId = documentId, minutes = 10 } },
                    }))!["id"]!);
                    await facilitator.InvokeAsync<JsonElement>("JoinSession", session);
                    await target.InvokeAsync<JsonElement>("JoinSession", session);
                    var question = Guid.Empty;
                    if (method != "StartSession")
                    {
                        await facilitator.InvokeAsync<JsonElement>("StartSession", session);
                        var asked = await target.InvokeAsync<JsonElement>("AskQuestion", session, "Is this on the record?");
                        question = asked.GetProperty("questions")[0].GetProperty("id").GetGuid();
                        if (method != "OpenSessionPoll")
                        {
                            await facilitator.InvokeAsync<JsonElement>("OpenSessionPoll", session, (string?)null);
                        }
                    }

                    await using var caller = await Connect(cast, Callers[i]);
                    var outcome = await Call(caller, facilitator, method, session, cast.People[Callers[i]].Id, cast.People["target"].Id, question);
                    if (outcome != outcomes[i])
                    {
                        failures.Add($"{method} with a {(documentId == visible ? "visible" : "members-only")} item as {Callers[i]}: expected {outcomes[i]}, got {outcome}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task<HubConnection> Connect(Cast cast, string person)
    {
        var client = cast.People[person].Client;
        var connection = LiveConnections.Live(client.BaseAddress, client.Cookies);
        await connection.StartAsync();
        return connection;
    }

    private static async Task<string> Call(HubConnection caller, HubConnection facilitator, string method, Guid session, Guid callerId, Guid targetId, Guid question)
    {
        if (method != "JoinSession")
        {
            await Quietly(caller.InvokeAsync<JsonElement>("JoinSession", session));
        }

        if (method == "LowerHand")
        {
            await Quietly(caller.InvokeAsync<JsonElement>("RaiseHand", session, false));
        }

        if (method == "ClearFloor")
        {
            await Quietly(facilitator.InvokeAsync<JsonElement>("GiveFloor", session, callerId));
        }

        if (method == "NoteAnswer")
        {
            await Quietly(facilitator.InvokeAsync<JsonElement>("MarkQuestion", session, question, "answered"));
        }

        if (method == "ResumeItem")
        {
            await Quietly(facilitator.InvokeAsync<JsonElement>("PauseItem", session));
        }

        try
        {
            var call = method switch
            {
                "JoinSession" or "StartSession" or "EndSession" or "LowerHand" or "ClearFloor" or "CloseSessionPoll" => caller.InvokeAsync<JsonElement>(method, session),
                "OpenSessionPoll" => caller.InvokeAsync<JsonElement>(method, session, "Agreed?"),
                "LeaveSession" => Task.Run(async () => { await caller.InvokeAsync(method, session); return default(JsonElement); }),
                "FocusItem" => caller.InvokeAsync<JsonElement>(method, session, 0),
                "RaiseHand" => caller.InvokeAsync<JsonElement>(method, session, true),
                "GiveFloor" or "RemoveFromSession" => caller.InvokeAsync<JsonElement>(method, session, targetId),
                "AllowObserversInQueue" => caller.InvokeAsync<JsonElement>(method, session, true),
                "VoteInSession" => caller.InvokeAsync<JsonElement>(method, session, "agree"),
                "AskQuestion" => caller.InvokeAsync<JsonElement>(method, session, "And the budget?"),
                "UpvoteQuestion" => caller.InvokeAsync<JsonElement>(method, session, question),
                "MarkQuestion" => caller.InvokeAsync<JsonElement>(method, session, question, "answered"),
                "PinQuestion" => caller.InvokeAsync<JsonElement>(method, session, question, true),
                "SetQuestionsOpen" => caller.InvokeAsync<JsonElement>(method, session, false),
                "PauseItem" or "ResumeItem" => caller.InvokeAsync<JsonElement>(method, session),
                "NoteAnswer" => caller.InvokeAsync<JsonElement>(method, session, question, "Yes, in March."),
                "ExtendItem" => caller.InvokeAsync<JsonElement>(method, session, 5),
                "SetSpeakingLimit" => caller.InvokeAsync<JsonElement>(method, session, (int?)120),
                _ => throw new InvalidOperationException($"No call for {method}."),
            };
            await call;
            return "ok";
        }
        catch (HubException e)
        {
            return HubError.From(e)?.Code ?? e.Message;
        }
    }

    private static async Task Quietly(Task call)
    {
        try
        {
            await call;
        }
        catch (HubException)
        {
            // Not allowed: the call under test must be refused on its own.
        }
    }
}

using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;
using Workspace.Server.Hosting;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// Bad input over real sockets (a hand-written SignalR client where the real one cannot send it): each
/// gets a typed refusal or closes its own connection with a reason; the text never changes; a
/// well-behaved editor keeps getting acknowledgements throughout; nothing is logged as a failure.
/// </summary>
public sealed class LiveFuzzTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Workspace:Documents:MaxLength"] = "2000",
        ["Workspace:Documents:MaxMessageBytes"] = "16384",
        ["Workspace:Documents:SubmitsPerSecond"] = "2000",
        ["Workspace:Documents:PresencePerSecond"] = "20",
        ["Logging:LogLevel:Workspace"] = "Information",
    };

    [Fact]
    public async Task Malformed_input_is_refused_typed_or_closes_its_connection_with_a_reason_and_changes_nothing()
    {
        var logs = new RecordingLogs();
        await using var host = new WorkspaceHost(Settings) { Logs = logs };
        await using var live = await LiveWorld.Create(host);
        var bystander = await live.Open("facilitator");
        bystander.Insert(0, "Stable 🙂 text.");
        await bystander.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        var start = bystander.Text;

        // The well-behaved editor types a dot every 20 ms and waits for each acknowledgement, all along.
        using var stop = new CancellationTokenSource();
        var dots = 0;
        var typing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                bystander.Insert(bystander.Text.Length, ".");
                await bystander.WhenSynchronizedAsync(TimeSpan.FromSeconds(5));
                dots++;
                await Task.Delay(20);
            }
        });

        var member = live.Cast.People["member"].Client;
        var document = live.DocumentId;
        var stranger = Guid.NewGuid();
        var refusedOperations = 0;

        // Typed refusals: the connection stays and answers the next call.
        await using (var raw = await RawHubSocket.Connect(member))
        {
            var opened = Result(await raw.Invoke("Open", document, null));
            var revision = opened.GetProperty("revision").GetInt32();
            var length = opened.GetProperty("text").GetString()!.Length;
            var nested = new string('[', 40) + new string(']', 40);
            (string Operation, string Code)[] operations =
            [
                ("[-1,\"x\"]", "operation.invalid"),
                ($"[{length + 5},\"x\"]", "operation.invalid"),
                ($"[{length},-{length + 3}]", "operation.invalid"),
                ($"[{length},{JsonSerializer.Serialize(new string('x', 3000))}]", "document.too-large"),
                (nested, "operation.invalid"),
                ($"[{length},\"a\\u0000b\\u001b\"]", "operation.invalid"),
                ($"[{length},\"\\ud800\"]", "operation.invalid"),
                ("{\"retain\":1}", "operation.invalid"),
                ("\"text\"", "operation.invalid"),
                ("42", "operation.invalid"),
                ("true", "operation.invalid"),
                ("null", "operation.invalid"),
                ($"[{length - 1}.5,\"x\"]", "operation.invalid"),
                ("[]", "operation.invalid"),
                ($"[{length},{{\"insert\":\"x\"}}]", "operation.invalid"),
            ];
            refusedOperations = operations.Count(o => o.Code == "operation.invalid");
            var sequence = 100L;
            foreach (var (operation, code) in operations)
            {
                Assert.Equal(code, await raw.SendRefused($"[\"{document}\",{revision},{operation},\"fuzz\",{++sequence}]", "fuzz", sequence));
            }

            var fits = $"[{length},\"x\"]";
            (string Arguments, string Code)[] revisions =
            [
                ($"[\"{document}\",-1,{fits},\"fuzz\",1]", "revision.too-old"),
                ($"[\"{document}\",{revision + 1000},{fits},\"fuzz\",2]", "revision.future"),
                ($"[\"{document}\",{int.MaxValue},{fits},\"fuzz\",3]", "revision.future"),
                ($"[\"{stranger}\",0,[\"x\"],\"fuzz\",4]", "document.not-open"),
            ];
            for (var i = 0; i < revisions.Length; i++)
            {
                Assert.Equal(revisions[i].Code, await raw.SendRefused(revisions[i].Arguments, "fuzz", i + 1));
            }

            Assert.Equal("document.not-open", Refusal(await raw.Invoke("Presence", stranger, 0, 0, 0), "presence elsewhere"));
            Assert.Equal("document.not-found", Refusal(await raw.Invoke("Open", stranger, null), "open an unknown document"));
            Assert.Equal("group.not-found", Refusal(await raw.Invoke("WatchGroup", stranger), "watch an unknown group"));
            Assert.Equal("session.not-found", Refusal(await raw.Invoke("JoinSession", stranger), "join an unknown session"));
            Assert.Equal("session.not-found", Refusal(await raw.Invoke("RaiseHand", stranger, false), "raise a hand in an unknown session"));
            Assert.Equal("session.not-found", Refusal(await raw.Invoke("AskQuestion", stranger, new string('?', 100_00)), "ask in an unknown session"));

            // Presence out of range, then a flood: typed refusals, and a flood costs a few log lines, not one per call.
            Assert.NotEqual(JsonValueKind.Undefined, Completion(await raw.Invoke("Presence", document, revision, -5, 1_000_000_000)).ValueKind);
            for (var i = 0; i < 300; i++)
            {
                await raw.SendOneWay("Presence", $"[\"{document}\",{revision},0,0]");
            }

            Assert.Equal("request.rate-limited", Refusal(await raw.Invoke("Presence", document, revision, 0, 0), "presence after a flood"));

            // Sequence games: a clientId and sequence already used are never applied twice nor refused (the catch-up
            // acknowledges them); the Close answered after them shows this connection's calls before it were all handled.
            var first = await raw.SendEdit($"[\"{document}\",{revision},[{length},\"!\"],\"games\",7]", "games", 7);
            foreach (var replay in new[] { $"[{length},\"?\"]", $"[{length},\"!\"]", $"[{length},\"!!!\"]" })
            {
                await raw.SendOneWay("Send", $"[\"{document}\",{revision},{replay},\"games\",7]");
            }

            Assert.NotEqual(JsonValueKind.Undefined, Completion(await raw.Invoke("Close", document)).ValueKind);
            Assert.DoesNotContain(raw.Messages, m => Target(m) == "Refused" && m.GetProperty("arguments")[1].GetString() == "games");
            Assert.Single(raw.Messages, m => Target(m) == "Changes" && m.GetProperty("arguments")[0].GetProperty("operations").EnumerateArray()
                .Any(o => o.GetProperty("clientId").GetString() == "games" && o.GetProperty("revision").GetInt32() == first));
            var caughtUp = Result(await raw.Invoke("Open", document, first - 1)).GetProperty("since");
            Assert.Equal([("games", 7L)], caughtUp.EnumerateArray().Select(o => (o.GetProperty("clientId").GetString(), o.GetProperty("sequence").GetInt64())).Where(o => o.Item1 == "games"));
        }

        // Observers cannot edit: typed.
        await using (var observer = await RawHubSocket.Connect(live.Cast.People["observer"].Client))
        {
            var opened = await observer.Invoke("Open", document, null);
            if (Completion(opened).TryGetProperty("result", out var view))
            {
                var at = view.GetProperty("revision").GetInt32();
                Assert.Equal("document.read-only", await observer.SendRefused($"[\"{document}\",{at},[\"x\"],\"obs\",1]", "obs", 1));
            }
            else
            {
                Assert.Equal("document.not-found", Refusal(opened, "observer open of a members-only document"));
            }
        }

        // Frames that are not calls of this hub close their own connection, with a reason. Submit, removed on
        // 2026-12-07 (Send is the one way to edit), is such a call now, however well formed.
        var removedSubmit = $"{{\"type\":1,\"invocationId\":\"9\",\"target\":\"Submit\",\"arguments\":[\"{document}\",0,[\"x\"],\"c\",1]}}";
        var closedWith = new Dictionary<string, string?>();
        (string Frame, string Reason)[] closing =
        [
            ("{\"type\":99}", "request.malformed"),
            ("{\"type\":1,\"target\":\"NoSuchMethod\",\"arguments\":[]}", "request.malformed"),
            ("{\"type\":1,\"invocationId\":\"9\",\"target\":\"NoSuchMethod\",\"arguments\":[1]}", "request.malformed"),
            ($"{{\"type\":1,\"invocationId\":\"9\",\"target\":\"Send\",\"arguments\":[\"{document}\",\"abc\",[1],\"c\",1]}}", "request.malformed"),
            (removedSubmit, "request.malformed"),
            ($"{{\"type\":1,\"target\":\"Send\",\"arguments\":[\"{document}\",0]}}", "request.malformed"),
            ("{\"type\":1,\"target\":\"Close\",\"arguments\":[\"not a guid\"]}", "request.malformed"),
            ("{not json at all", "request.malformed"),
            ("{\"type\":\"one\"}", "request.malformed"),
            ("{}", "request.malformed"),
            (new string('[', 2000) + new string(']', 2000), "request.malformed"),
            ("{\"type\":4,\"invocationId\":\"s\",\"target\":\"Open\",\"arguments\":[]}", "request.malformed"),
            ("{\"type\":3,\"invocationId\":\"x\",\"result\":1}", "request.malformed"),
            ($"{{\"type\":1,\"target\":\"Send\",\"arguments\":[\"{document}\",0,[{JsonSerializer.Serialize(new string('x', 20_000))}],\"c\",1]}}", "request.message-too-large"),
        ];
        foreach (var (frame, reason) in closing)
        {
            await using var raw = await RawHubSocket.Connect(member);
            await raw.Invoke("Open", document, null);
            await raw.SendRaw(frame);
            var error = await raw.Closed.WaitAsync(TimeSpan.FromSeconds(10));
            closedWith[frame] = error;
            Assert.True(error?.StartsWith(reason + ": ", StringComparison.Ordinal) == true, $"{Clip(frame)} closed with '{error}'");
        }

        Assert.Equal("request.malformed: the server received no method 'Submit'.", closedWith[removedSubmit]);

        await Task.Delay(300);
        await stop.CancelAsync();
        await typing;
        await bystander.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));

        Assert.True(dots > 10, $"the bystander kept editing ({dots} acknowledged)");
        Assert.Empty(bystander.Errors);
        Assert.Equal(start + new string('.', dots), bystander.Text.Replace("!", string.Empty, StringComparison.Ordinal));
        Assert.Single(bystander.Text, c => c == '!'); // the one edit of the sequence games, applied once
        var stored = await live.Cast.People["facilitator"].Client.Ok(HttpMethod.Get, $"/api/documents/{document}/revisions/{bystander.Revision}");
        Assert.Equal(bystander.Text, (string)stored!["text"]!);

        var lines = logs.Lines;
        Assert.DoesNotContain(lines, l => l.Level >= LogLevel.Error);
        Assert.DoesNotContain(lines, l => l.Exception is not null || l.Message.Contains("   at ", StringComparison.Ordinal));
        var refusalLines = lines.Where(l => l.Category.EndsWith("LiveRefusals", StringComparison.Ordinal)).ToList();
        Assert.Contains(refusalLines, l => l.Level == LogLevel.Information && l.Message.Contains("operation.invalid", StringComparison.Ordinal));
        Assert.Equal(closing.Length, refusalLines.Count(l => l.Message.StartsWith("Closed live connection", StringComparison.Ordinal)));
        Assert.InRange(refusalLines.Count(l => l.Message.Contains("request.rate-limited", StringComparison.Ordinal)), 1, 2);

        var metrics = host.Services.GetRequiredService<MetricsReader>().Read().Where(m => m.Name == "workspace.live.refusals").ToList();
        Assert.Contains(metrics, m => m.Tags["workspace.refusal.code"] == "operation.invalid" && m.Value == refusedOperations);
        Assert.Contains(metrics, m => m.Tags["workspace.refusal.code"] == "request.malformed" && m.Tags["workspace.refusal.outcome"] == "closed" && m.Value == closing.Length - 1);
        Assert.Contains(metrics, m => m.Tags["workspace.refusal.code"] == "request.rate-limited" && m.Value > 100);
    }

    private static string Clip(string text) => text.Length > 80 ? text[..80] + "…" : text;

    private static JsonElement Completion(JsonElement message)
    {
        Assert.Equal(3, RawHubSocket.Type(message));
        return message;
    }

    private static JsonElement Result(JsonElement message) =>
        Completion(message).TryGetProperty("result", out var result) ? result : throw new Xunit.Sdk.XunitException($"Refused: {message.GetRawText()}");

    /// <summary>The code of a typed refusal (the error of the completion is JSON with a code), failing otherwise.</summary>
    private static string Refusal(JsonElement message, string what)
    {
        Assert.True(Completion(message).TryGetProperty("error", out var error), $"{Clip(what)} was accepted: {message.GetRawText()}");
        var text = error.GetString()!;
        var start = text.IndexOf('{', StringComparison.Ordinal);
        Assert.True(start >= 0, $"{Clip(what)}: untyped error '{text}'");
        return JsonDocument.Parse(text[start..]).RootElement.GetProperty("code").GetString()!;
    }

    private static string? Target(JsonElement message) =>
        RawHubSocket.Type(message) == 1 ? message.GetProperty("target").GetString() : null;
}

using System.Text.Json.Nodes;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;

namespace Workspace.LiveClient.UnitTests;

/// <summary>
/// tests/fixtures/protocol/*.json (format: README.md there) replayed against the .NET client's
/// protocol core, as client/src/collab/protocol.test.ts replays them against the browser's: both
/// clients must send, apply and report exactly what each scenario says.
/// </summary>
public sealed class DocumentProtocolScenarioTests
{
    private static readonly string Folder = Path.Combine(Root(), "tests", "fixtures", "protocol");

    private static IEnumerable<string> Names() => Directory.GetFiles(Folder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order();

    public static TheoryData<string> Scenarios() => [.. Names()];

    [Fact]
    public void The_scenarios_are_all_there() =>
        Assert.Superset(
            new HashSet<string>(["reconnection-resubmission", "reconnection-acknowledgement-lost", "refusal-final", "refusal-transient", "reopen-catch-up", "out-of-order-broadcasts", "concurrent-inserts-tie", "client-id-taken"]),
            new HashSet<string>(Names()));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_client_does_what_the_scenario_says(string name)
    {
        var scenario = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")))!;
        var ids = new Queue<string>(scenario["clientIds"]!.AsArray().Select(id => (string)id!));
        var protocol = new DocumentProtocol(() => ids.TryDequeue(out var id) ? id : throw new InvalidOperationException($"{name}: the client asked for more client ids than the scenario lists"));
        var steps = scenario["steps"]!.AsArray();
        for (var index = 0; index < steps.Count; index++)
        {
            var step = steps[index]!;
            var where = $"{name}, step {index + 1} ({(string)step["do"]!})";
            var effects = new ProtocolEffects();
            switch ((string)step["do"]!)
            {
                case "open":
                    Same(where, "opens from", (int?)step["from"], protocol.Opening());
                    break;
                case "answer":
                    var answer = step["answer"]!;
                    effects = protocol.Opened((string?)answer["text"], (int)answer["revision"]!, answer["since"] is JsonArray since ? Applied(since) : null);
                    break;
                case "edit":
                    effects = protocol.Edit(Operation(step["operation"]));
                    break;
                case "broadcast":
                    effects = protocol.Receive(Applied(step["operations"]!.AsArray()));
                    break;
                case "refused":
                    effects = protocol.Refused((string)step["clientId"]!, (long)step["sequence"]!, (string)step["code"]!);
                    break;
                case "disconnect":
                    protocol.Opening();
                    break;
                default:
                    throw new InvalidOperationException($"{where}: unknown step");
            }

            var expected = step["expect"] ?? new JsonObject();
            var sends = expected["send"]?.AsArray() ?? [];
            Same(where, "sends", string.Join(" ", sends.Select(s => Submission(s!))), string.Join(" ", effects.Send.Select(Describe)));
            Same(where, "opens again", expected["reopen"] is { } reopen ? From((int?)reopen["from"]) : "no", effects.Reopen ? From(effects.From) : "no");
            Same(where, "replaces the text", (bool?)expected["reset"] ?? false, effects.Reset);
            Same(where, "reports", (string?)expected["error"], effects.Error);
            if (expected["text"] is { } text)
            {
                Same(where, "text", (string)text!, protocol.Text);
            }

            if (expected["revision"] is { } revision)
            {
                Same(where, "revision", (int)revision, protocol.Revision);
            }

            if (expected["state"] is { } state)
            {
                Same(where, "state", (string)state!, State(protocol.State));
            }

            if (expected["clientId"] is { } clientId)
            {
                Same(where, "client id", (string)clientId!, protocol.ClientId);
            }
        }
    }

    private static void Same<T>(string where, string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Assert.Fail($"{where}: {what}: expected {expected?.ToString() ?? "nothing"}, got {actual?.ToString() ?? "nothing"}");
        }
    }

    private static string From(int? revision) => $"from {revision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "scratch"}";

    private static string State(ProtocolState state) => state switch
    {
        ProtocolState.Synchronized => "synchronized",
        ProtocolState.AwaitingAck => "awaiting-ack",
        _ => "awaiting-ack-with-buffer",
    };

    private static TextOperation Operation(JsonNode? json) => TextOperationJson.Parse(json!.ToJsonString());

    private static List<AppliedOperation> Applied(JsonArray operations) =>
        [.. operations.Select(o => new AppliedOperation((int)o!["revision"]!, Operation(o["operation"]), (string)o["clientId"]!, (long)o["sequence"]!, Guid.Empty, default))];

    private static string Submission(JsonNode s) =>
        Describe(new Submission((int)s["baseRevision"]!, Operation(s["operation"]), (string)s["clientId"]!, (long)s["sequence"]!));

    private static string Describe(Submission s) => $"{{base {s.BaseRevision}, {TextOperationJson.Serialize(s.Operation)}, {s.ClientId}, {s.Sequence}}}";

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workspace.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Workspace.slnx not found.");
    }
}

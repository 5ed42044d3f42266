using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workspace.Collaboration.UnitTests;

/// <summary>
/// tests/fixtures/ot/cases.json is read by this suite and by the browser client's suite
/// (client/src/collab/operation.test.ts), so the C# and TypeScript engines cannot drift apart.
/// Set WORKSPACE_WRITE_OT_FIXTURES=1 to regenerate it from this engine (then review the diff).
/// </summary>
public sealed class SharedFixtureTests
{
    private static readonly string FixturePath = Path.Combine(Root(), "tests", "fixtures", "ot", "cases.json");

    [Fact]
    public void The_engine_gives_the_shared_answers()
    {
        if (Environment.GetEnvironmentVariable("WORKSPACE_WRITE_OT_FIXTURES") == "1")
        {
            File.WriteAllText(FixturePath, Generate());
        }

        var fixtures = JsonNode.Parse(File.ReadAllText(FixturePath))!;
        var transforms = fixtures["transform"]!.AsArray();
        var composes = fixtures["compose"]!.AsArray();
        var invalid = fixtures["invalid"]!.AsArray();

        foreach (var c in transforms)
        {
            var (aPrime, bPrime) = TextOperation.Transform(Op(c!["a"]), Op(c["b"]));
            Assert.Equal(Op(c["aPrime"]), aPrime);
            Assert.Equal(Op(c["bPrime"]), bPrime);
            Assert.Equal((string)c["result"]!, bPrime.Apply(Op(c["a"]).Apply((string)c["doc"]!)));
        }

        foreach (var c in composes)
        {
            var composed = TextOperation.Compose(Op(c!["a"]), Op(c["b"]));
            Assert.Equal(Op(c["composed"]), composed);
            Assert.Equal((string)c["result"]!, composed.Apply((string)c["doc"]!));
        }

        foreach (var c in invalid)
        {
            Assert.Throws<OperationException>(() => Op(c!["op"]).Apply((string)c["doc"]!));
        }

        Assert.True(transforms.Count >= 100 && composes.Count >= 100 && invalid.Count >= 5);
    }

    private static TextOperation Op(JsonNode? node) => TextOperationJson.Parse(node!.ToJsonString());

    private static string Generate()
    {
        var edits = new RandomEdits(20261122);
        var transforms = new JsonArray();
        var composes = new JsonArray();
        var handmade = new (string Doc, string A, string B)[]
        {
            ("xy", """[1,"A",1]""", """[1,"B",1]"""),
            ("abcd", """[1,-3]""", """[2,-2]"""),
            ("a😀b", """[1,-2,1]""", """[3,"!",1]"""),
            ("", """["hola"]""", """["olá"]"""),
            ("línea", """[5,"\n"]""", """[-5]"""),
        };
        foreach (var (doc, a, b) in handmade)
        {
            transforms.Add(TransformCase(doc, TextOperationJson.Parse(a), TextOperationJson.Parse(b)));
        }

        for (var i = 0; i < 150; i++)
        {
            var doc = edits.Text();
            transforms.Add(TransformCase(doc, edits.Operation(doc), edits.Operation(doc)));
            var first = edits.Operation(doc);
            var second = edits.Operation(first.Apply(doc));
            var composed = TextOperation.Compose(first, second);
            composes.Add(new JsonObject
            {
                ["doc"] = doc, ["a"] = Json(first), ["b"] = Json(second), ["composed"] = Json(composed), ["result"] = composed.Apply(doc),
            });
        }

        var invalid = new JsonArray
        {
            Invalid("abc", "[4]", "longer than the text"),
            Invalid("abc", "[2]", "shorter than the text"),
            Invalid("a😀b", "[2,-2]", "cuts an emoji"),
            Invalid("a😀b", "[2,\"x\",2]", "inserts inside an emoji"),
            Invalid("", "[-1]", "deletes past the end"),
        };
        var root = new JsonObject { ["transform"] = transforms, ["compose"] = composes, ["invalid"] = invalid };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .Replace("},{", "},\n{", StringComparison.Ordinal) + "\n";
    }

    private static JsonObject TransformCase(string doc, TextOperation a, TextOperation b)
    {
        var (aPrime, bPrime) = TextOperation.Transform(a, b);
        return new JsonObject
        {
            ["doc"] = doc, ["a"] = Json(a), ["b"] = Json(b), ["aPrime"] = Json(aPrime), ["bPrime"] = Json(bPrime), ["result"] = bPrime.Apply(a.Apply(doc)),
        };
    }

    private static JsonObject Invalid(string doc, string op, string why) =>
        new() { ["doc"] = doc, ["op"] = JsonNode.Parse(op), ["why"] = why };

    private static JsonNode Json(TextOperation op) => JsonNode.Parse(Encoding.UTF8.GetBytes(TextOperationJson.Serialize(op)))!;

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

using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Collaboration;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// Eight real SignalR clients edit one document at once, at random, while connections drop and
/// come back: everyone ends with the server's text, and no edit is lost or applied twice.
/// </summary>
public sealed partial class ConvergenceTests() : HostedTest(new Dictionary<string, string?> { ["Workspace:Documents:SubmitsPerSecond"] = "1000" })
{
    private static readonly string[] People = ["facilitator", "member", "target", "admin"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Eight_editors_with_random_disconnects_converge_without_losing_or_repeating_an_edit(int seed)
    {
        await using var live = await LiveWorld.Create(Host);
        var random = new Random(seed);
        var editors = new List<Editor>();
        for (var i = 0; i < 8; i++)
        {
            var person = People[i % People.Length];
            var connection = await live.Connect(person);
            editors.Add(new Editor(i, person, connection, await LiveDocument.OpenAsync(connection, live.DocumentId)));
        }

        // Text is a run of tokens "⟨e3.17⟩|"; edits insert a token at a boundary or delete a whole token,
        // so that every token can be accounted for at the end.
        var inserted = new HashSet<string>();
        var deleted = new HashSet<string>();
        var count = 0;
        for (var round = 0; round < 400; round++)
        {
            var editor = editors[random.Next(editors.Count)];
            if (editor.Offline)
            {
                if (random.NextDouble() < 0.3)
                {
                    editor.Connection = await live.Connect(editor.Person);
                    await editor.Document.ReconnectAsync(editor.Connection);
                    editor.Offline = false;
                }
            }
            else if (random.NextDouble() < 0.04)
            {
                // Dropped mid-edit: what was not acknowledged must be resubmitted on reconnection, once.
                await editor.Connection.DisposeAsync();
                editor.Offline = true;
            }

            // The edit is chosen from the editor's text as it is when applied: remote operations arrive meanwhile.
            editor.Document.Edit(text =>
            {
                if (text.Length > 0 && random.NextDouble() < 0.3)
                {
                    var tokens = TokenPattern().Matches(text);
                    var victim = tokens[random.Next(tokens.Count)];
                    deleted.Add(victim.Groups["id"].Value);
                    return TextOperation.Builder().Retain(victim.Index).Delete(victim.Length).Retain(text.Length - victim.Index - victim.Length).Build();
                }

                var boundaries = Boundaries(text);
                var at = boundaries[random.Next(boundaries.Count)];
                var id = $"e{editor.Index}.{count++}";
                inserted.Add(id);
                var token = random.NextDouble() < 0.2 ? $"⟨{id}🛡️⟩|" : $"⟨{id}⟩|";
                return TextOperation.Builder().Retain(at).Insert(token).Retain(text.Length - at).Build();
            });

            if (random.NextDouble() < 0.5)
            {
                await Task.Delay(random.Next(0, 4));
            }
        }

        foreach (var editor in editors.Where(e => e.Offline))
        {
            editor.Connection = await live.Connect(editor.Person);
            await editor.Document.ReconnectAsync(editor.Connection);
        }

        foreach (var editor in editors)
        {
            await editor.Document.WhenSynchronizedAsync(TimeSpan.FromSeconds(30));
        }

        var server = await ServerText(live);
        await Eventually.True(() => editors.All(e => e.Document.Text == server.Text), "every editor ends with the server's text");
        var present = TokenPattern().Matches(server.Text).Select(m => m.Groups["id"].Value).ToList();
        Assert.Equal(present.Count, present.Distinct().Count());
        Assert.Equal(inserted.Except(deleted).Order(), present.Order());
        Assert.Equal(server.Text.Length, present.Count == 0 ? 0 : TokenPattern().Matches(server.Text).Sum(m => m.Length));
        Assert.All(editors, e => Assert.Empty(e.Document.Errors));
    }

    private static List<int> Boundaries(string text)
    {
        var result = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '|')
            {
                result.Add(i + 1);
            }
        }

        return result;
    }

    private static async Task<(int Revision, string Text)> ServerText(LiveWorld live)
    {
        var client = live.Cast.People["member"].Client;
        var revision = (int)(await client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/preview"))!["revision"]!;
        var text = (string)(await client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/revisions/{revision}"))!["text"]!;
        return (revision, text);
    }

    [GeneratedRegex("⟨(?<id>e\\d+\\.\\d+)(🛡️)?⟩\\|")]
    private static partial Regex TokenPattern();

    private sealed class Editor(int index, string person, HubConnection connection, LiveDocument document)
    {
        public int Index { get; } = index;

        public string Person { get; } = person;

        public HubConnection Connection { get; set; } = connection;

        public LiveDocument Document { get; } = document;

        public bool Offline { get; set; }
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Persistence;

/// <summary>The run command a newcomer copies from README.md starts a working server on the embedded default.</summary>
[Collection(ServerProcessCollection.Name)]
public sealed partial class ReadmeRunCommandTests
{
    [Fact]
    public async Task The_readme_run_command_serves_health_and_the_client_and_announces_the_setup_link()
    {
        var command = RunCommand();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N"));

        // Only where it listens and keeps its data differ from the README, so tests can run side by side.
        await using var server = await ServerProcess.Start(
            new Dictionary<string, string> { ["Workspace:DataDirectory"] = dataDirectory },
            fileName: "bash",
            arguments: $"-c \"{command} -- --urls http://127.0.0.1:$WORKSPACE_PORT\"",
            timeout: TimeSpan.FromMinutes(4));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var health = await http.GetAsync("/healthz");
        using var root = await http.GetAsync("/");
        var html = await root.Content.ReadAsStringAsync();
        var script = Regex.Match(html, "<script type=\"module\"[^>]*src=\"(?<src>[^\"]+)\"").Groups["src"].Value;
        using var bundle = await http.GetAsync(script);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("<main id=\"main\"", html);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"Open http://127.0.0.1:{server.Port}/", server.Output);
        Assert.Matches($@"First-run setup: open this link[^\n]*\n[\s-]+http://127\.0\.0\.1:{server.Port}/setup\?token=[\w-]{{20,}}", server.Output);
        Assert.True(File.Exists(Path.Combine(dataDirectory, "workspace.db")));
    }

    /// <summary>The first <c>dotnet run</c> line in README.md's code blocks.</summary>
    internal static string RunCommand()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var command = RunLine().Match(readme);
        Assert.True(command.Success, "README.md has no `dotnet run` command line.");
        return command.Value.Trim();
    }

    [GeneratedRegex(@"^dotnet run [^\r\n#]*", RegexOptions.Multiline)]
    private static partial Regex RunLine();
}

[CollectionDefinition(Name)]
public sealed class ServerProcessCollection
{
    public const string Name = "server processes";
}

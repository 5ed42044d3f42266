using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Workspace.Server.FunctionalTests.Infrastructure;
using Workspace.Server.Live;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// The live hub's surface against what the shipped clients use: the message names the server sends
/// (per feature) are the wire names both clients listen for, and every hub method the browser and the
/// .NET client call exists (<c>Submit</c>, removed on 2026-12-07, is called by neither).
/// </summary>
public sealed partial class LiveClientsTests
{
    private static readonly string[] DocumentMessages = ["Access", "Changes", "Closed", "Refused", "Reopen"];
    private static readonly string[] GroupMessages = ["GroupClosed", "RecommendationChanged", "RecommendationRemoved"];
    private static readonly string[] SessionMessages = ["Session", "SessionClosed"];
    private static readonly string[] NetworkMessages = ["NetworkNews"];

    [Fact]
    public void Each_feature_sends_its_own_messages_and_the_live_client_joins_them()
    {
        Assert.Equal(DocumentMessages, Names(typeof(IDocumentClient)));
        Assert.Equal(GroupMessages, Names(typeof(IGroupWatchClient)));
        Assert.Equal(SessionMessages, Names(typeof(ISessionClient)));
        Assert.Equal(NetworkMessages, Names(typeof(INetworkClient)));
        Assert.Empty(Names(typeof(ILiveClient))); // nothing of its own
        Assert.Equal([typeof(IDocumentClient), typeof(IGroupWatchClient), typeof(INetworkClient), typeof(ISessionClient)], typeof(ILiveClient).GetInterfaces().OrderBy(i => i.Name));
        Assert.True(typeof(Hub<ILiveClient>).IsAssignableFrom(typeof(LiveHub)));
    }

    [Fact]
    public void The_browser_listens_for_every_message_the_hub_sends_by_its_wire_name_and_calls_only_methods_the_hub_has()
    {
        var sources = ClientSources("client/src", "*.ts", excluding: ".test.ts");
        var listened = BrowserListens().Matches(sources).Select(m => m.Groups["name"].Value).ToHashSet();
        var called = BrowserCalls().Matches(sources).Select(m => m.Groups["name"].Value).ToHashSet();

        Assert.Equal(DocumentMessages.Concat(GroupMessages).Concat(SessionMessages).Concat(NetworkMessages).Order(), listened.Order());
        Assert.Contains("Send", called);
        Assert.DoesNotContain("Submit", called);
        Assert.All(called, name => Assert.Contains(name, HubMethods()));
    }

    [Fact]
    public void The_dotnet_client_listens_for_document_messages_by_their_wire_names_and_calls_only_methods_the_hub_has()
    {
        var sources = ClientSources("src/Workspace.LiveClient", "*.cs") + ClientSources("bench/Workspace.LoadGenerator", "*.cs");
        var listened = DotnetListens().Matches(sources).Select(m => m.Groups["name"].Value).ToHashSet();
        var called = DotnetCalls().Matches(sources).Select(m => m.Groups["name"].Value).ToHashSet();

        Assert.Equal(DocumentMessages, listened.Order());
        Assert.Contains("Send", called);
        Assert.DoesNotContain("Submit", called);
        Assert.All(called, name => Assert.Contains(name, HubMethods()));
    }

    private static string[] Names(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).Order().ToArray();

    private static HashSet<string> HubMethods() =>
        typeof(LiveHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).ToHashSet();

    private static string ClientSources(string folder, string pattern, string? excluding = null) =>
        string.Join('\n', Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && (excluding is null || !f.EndsWith(excluding, StringComparison.Ordinal)))
            .Select(File.ReadAllText));

    [GeneratedRegex(@"connection\.on\('(?<name>[A-Z][A-Za-z]+)'")]
    private static partial Regex BrowserListens();

    // Hub calls name the method in PascalCase; the REST client's calls name an HTTP verb in capitals.
    [GeneratedRegex(@"\.(invoke|send)(<[^>]*>)?\('(?<name>[A-Z][a-z][A-Za-z]*)'")]
    private static partial Regex BrowserCalls();

    [GeneratedRegex(@"connection\.On(<[^>]*>)?\(""(?<name>[A-Z][A-Za-z]+)""")]
    private static partial Regex DotnetListens();

    [GeneratedRegex(@"(InvokeAsync|SendAsync|InvokeCoreAsync)(<[^>]*>)?\(""(?<name>[A-Z][A-Za-z]+)""")]
    private static partial Regex DotnetCalls();
}

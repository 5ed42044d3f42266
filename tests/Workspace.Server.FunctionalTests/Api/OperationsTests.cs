using System.Net;
using System.Text.Json.Nodes;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>The administrators' operations view over real HTTP, after edits made over a real SignalR connection.</summary>
public sealed class OperationsTests : HostedTest
{
    private const string Path = "/api/admin/cluster";

    [Fact]
    public async Task Edits_over_a_live_connection_show_in_the_metrics_and_the_cluster_has_one_active_node()
    {
        await using var live = await LiveWorld.Create(Host);
        var admin = live.Cast.People["admin"].Client;
        var before = await admin.Ok(HttpMethod.Get, Path);

        var editor = await live.Open("facilitator");
        foreach (var word in new[] { "Asset ", "declarations ", "online." })
        {
            editor.Insert(editor.Text.Length, word);
            await editor.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        }

        var after = await admin.Ok(HttpMethod.Get, Path);

        Assert.True(Value(after, "workspace.operations") - Value(before, "workspace.operations") >= 3, "three operations were applied");
        Assert.True(HistogramCount(after, "workspace.operation.acknowledgement.duration") - HistogramCount(before, "workspace.operation.acknowledgement.duration") >= 3,
            "three submissions were acknowledged");
        Assert.True(HistogramCount(after, "workspace.storage.write.duration") > HistogramCount(before, "workspace.storage.write.duration"), "the edits were written");
        Assert.True(Value(after, "workspace.connections") >= 1, "the editor's connection is live");
        Assert.True(Value(after, "workspace.documents.open") >= 1, "the edited document is open");
        Assert.Equal("ms", (string)Metric(after, "workspace.operation.acknowledgement.duration")!["unit"]!);

        var silos = after!["silos"]!.AsArray();
        var silo = Assert.Single(silos);
        Assert.Equal("active", (string)silo!["status"]!);
        Assert.True((bool)silo["thisNode"]!);
        Assert.Equal((string)after["node"]!, (string)silo["address"]!);
        Assert.Contains(after["activations"]!.AsArray(), a => ((string)a!["grainType"]!).Contains("document", StringComparison.OrdinalIgnoreCase) && (int)a["activations"]! >= 1);
    }

    [Fact]
    public async Task Only_administrators_see_the_operations_view()
    {
        var cast = await Cast.Create(Host);
        using var anonymous = Host.NewClient();

        using var refusedAnonymous = await anonymous.Get(Path);
        using var refusedMember = await cast.People["member"].Client.Get(Path);
        using var refusedFacilitator = await cast.People["facilitator"].Client.Get(Path);
        var problem = JsonNode.Parse(await refusedMember.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refusedAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedMember.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedFacilitator.StatusCode);
        Assert.Equal("group.admin-only", (string)problem!["code"]!);
    }

    private static JsonNode? Metric(JsonNode? view, string name) =>
        view!["metrics"]!.AsArray().FirstOrDefault(m => (string)m!["name"]! == name);

    /// <summary>A counter's total or a gauge's value summed over its tags; 0 before the first measurement.</summary>
    private static double Value(JsonNode? view, string name) =>
        view!["metrics"]!.AsArray().Where(m => (string)m!["name"]! == name).Sum(m => (double)m!["value"]!);

    private static long HistogramCount(JsonNode? view, string name) =>
        view!["metrics"]!.AsArray().Where(m => (string)m!["name"]! == name).Sum(m => (long)m!["count"]!);
}

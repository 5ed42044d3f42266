namespace Workspace.Grains.Live;

/// <summary>
/// How nodes keep their live subscriptions to grains (documents, groups, sessions), configuration
/// section <c>Workspace:Nodes</c>: one policy for all three, read by the grains (expiry) and the
/// nodes (renewal).
/// </summary>
public sealed class NodeOptions
{
    public const string Section = "Workspace:Nodes";

    /// <summary>
    /// How often a node renews each of its subscriptions. A renewal also tells a grain that was
    /// reactivated elsewhere (its node died) who is here, so it is the longest a reactivated grain
    /// waits to learn this node's connections again.
    /// </summary>
    public TimeSpan RenewEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A node that has not renewed for this long is gone, and so are its connections (a node the cluster declares dead goes at once).</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How often a grain looks for nodes that expired or died: often enough to notice a dead node within seconds, cheap (a look at memory).</summary>
    public TimeSpan SweepEvery => TimeSpan.FromTicks(Math.Min(Expiry.Ticks / 3, TimeSpan.FromSeconds(3).Ticks));

    /// <summary>The problems with these settings, if any.</summary>
    public IEnumerable<string> Problems()
    {
        if (RenewEvery < TimeSpan.FromMilliseconds(100))
        {
            yield return "RenewEvery must be at least 100 milliseconds.";
        }

        if (Expiry < RenewEvery * 3)
        {
            yield return "Expiry must be at least three times RenewEvery (a node misses a renewal or two before it is taken for gone).";
        }
    }
}

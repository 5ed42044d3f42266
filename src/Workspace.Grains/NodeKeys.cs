namespace Workspace.Grains;

/// <summary>
/// Names for a node's live subscriptions (documents, sessions), carrying the node's silo address,
/// so a grain can tell at once that a node the cluster has declared dead will never renew — and
/// take that node's people out of presence lists instead of waiting for the subscription to expire.
/// </summary>
public static class NodeKeys
{
    public static string For(SiloAddress silo) => $"{silo.ToParsableString()}|{Guid.NewGuid():N}";

    /// <summary>True when the cluster has declared the node behind <paramref name="nodeKey"/> dead.</summary>
    public static bool IsDead(string nodeKey, IClusterMembershipService? membership)
    {
        var bar = nodeKey.IndexOf('|', StringComparison.Ordinal);
        if (membership is null || bar <= 0)
        {
            return false;
        }

        try
        {
            return membership.CurrentSnapshot.GetSiloStatus(SiloAddress.FromParsableString(nodeKey[..bar])) == SiloStatus.Dead;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

namespace Workspace.Grains;

/// <summary>
/// Names for a node's live subscriptions (documents, groups, sessions), carrying the node's silo
/// address, so a grain can tell at once that a node the cluster has declared dead will never renew —
/// and take that node's people out of presence lists instead of waiting for the subscription to expire.
/// </summary>
public static class NodeKeys
{
    /// <summary>A key for this process's subscriptions: its silo address, and a part new every start.</summary>
    public static string For(SiloAddress silo) => $"{silo.ToParsableString()}|{Guid.NewGuid():N}";

    /// <summary>The silo behind a node key; null for a key not made by <see cref="For"/>.</summary>
    public static SiloAddress? Silo(string nodeKey)
    {
        var bar = nodeKey.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0)
        {
            return null;
        }

        try
        {
            return SiloAddress.FromParsableString(nodeKey[..bar]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>True when the cluster has declared <paramref name="silo"/> dead.</summary>
    public static bool IsDead(SiloAddress? silo, IClusterMembershipService? membership) =>
        silo is not null && membership is not null && membership.CurrentSnapshot.GetSiloStatus(silo) == SiloStatus.Dead;

    /// <summary>True when the cluster has declared the node behind <paramref name="nodeKey"/> dead.</summary>
    public static bool IsDead(string nodeKey, IClusterMembershipService? membership) => IsDead(Silo(nodeKey), membership);
}

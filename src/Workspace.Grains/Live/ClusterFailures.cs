namespace Workspace.Grains.Live;

/// <summary>The failures of a node going away, as the nodes that remain see them until the cluster moves its grains.</summary>
public static class ClusterFailures
{
    public static bool IsUnavailable(Exception e) => e is SiloUnavailableException
        or OrleansMessageRejectionException
        or Orleans.Runtime.Messaging.ConnectionFailedException
        or TimeoutException;
}

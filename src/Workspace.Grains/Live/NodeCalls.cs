using Orleans.Utilities;

namespace Workspace.Grains.Live;

/// <summary>Tells every node subscribed to a grain (by node key) at once; a node that does not answer in time is dropped until it renews.</summary>
public static class NodeCalls
{
    public static async Task TellEvery<TObserver>(
        ObserverManager<string, TObserver> nodes, Func<TObserver, Task> tell, TimeSpan deadline, Action<Exception, string> missed)
        where TObserver : IAddressable
    {
        nodes.ClearExpired();
        var calls = nodes.Observers.Select(async node =>
        {
            try
            {
                await tell(node.Value).WaitAsync(deadline);
                return null;
            }
            catch (Exception e)
            {
                missed(e, node.Key);
                return node.Key;
            }
        });
        foreach (var key in await Task.WhenAll(calls))
        {
            if (key is not null)
            {
                nodes.Unsubscribe(key);
            }
        }
    }
}

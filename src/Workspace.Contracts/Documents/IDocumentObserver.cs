using Orleans.Concurrency;

namespace Workspace.Contracts.Documents;

/// <summary>
/// A node's subscription to one document: receives what the document publishes and forwards it
/// to that node's connections. One per node per open document.
/// </summary>
[Alias("Workspace.IDocumentObserver")]
public interface IDocumentObserver : IGrainObserver
{
    /// <summary>
    /// Delivers a broadcast to the node's readers; completes once it is handed on (not one-way: the
    /// document paces its next broadcast by these answers, see <c>PublishPacer</c>).
    /// </summary>
    [Alias("Publish")] Task Publish(DocumentBroadcast broadcast);

    /// <summary>
    /// The document met this node for the first time since it was activated (after a node died,
    /// say): the node answers at once with <see cref="IDocumentGrain.Renew"/>, so that its other
    /// readers, which the new activation does not know, reopen instead of waiting for the next renewal.
    /// </summary>
    [OneWay, Alias("ListReaders")] Task ListReaders();
}

using Orleans.Concurrency;

namespace Workspace.Contracts.Documents;

/// <summary>
/// A node's subscription to one document: receives what the document publishes and forwards it
/// to that node's connections. One per node per open document.
/// </summary>
[Alias("Workspace.IDocumentObserver")]
public interface IDocumentObserver : IGrainObserver
{
    [OneWay, Alias("Publish")] Task Publish(DocumentBroadcast broadcast);
}

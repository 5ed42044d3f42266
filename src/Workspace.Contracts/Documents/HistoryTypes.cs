namespace Workspace.Contracts.Documents;

/// <summary>
/// One editing session of a document's history (consecutive revisions less than five minutes apart, or one
/// restore): its revisions, when, who wrote in it (in the order they first did) and how many UTF-16 code units it
/// added and removed. Sent between grain and server only; never stored.
/// </summary>
[GenerateSerializer, Alias("Workspace.HistoryGroup")]
public sealed record HistoryGroup(
    [property: Id(0)] int FirstRevision,
    [property: Id(1)] int LastRevision,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] DateTimeOffset End,
    [property: Id(4)] IReadOnlyList<Guid> Authors,
    [property: Id(5)] int Added,
    [property: Id(6)] int Removed,
    [property: Id(7)] int? RestoredFrom);

/// <summary>A page of history groups, newest first; <see cref="Before"/> asks for the next, older page (null: none).</summary>
[GenerateSerializer, Alias("Workspace.HistoryPage")]
public sealed record HistoryPage(
    [property: Id(0)] IReadOnlyList<HistoryGroup> Groups,
    [property: Id(1)] int? Before);

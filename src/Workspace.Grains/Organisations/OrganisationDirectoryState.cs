using Workspace.Contracts.Organisations;

namespace Workspace.Grains.Organisations;

/// <summary>Stored index of every organisation, the aliases merges left, and the administrator's log.</summary>
[GenerateSerializer, Alias("Workspace.OrganisationDirectoryState")]
public sealed class OrganisationDirectoryState
{
    [Id(0)] public Dictionary<Guid, OrganisationSummary> Entries { get; set; } = [];
    [Id(1)] public Dictionary<Guid, Guid> Aliases { get; set; } = [];
    [Id(2)] public List<OrganisationAuditEntry> Audit { get; set; } = [];

    /// <summary>Ids handed out by FindOrReserve whose grain is being created: a second proposal of the same name finds them.</summary>
    [Id(3)] public Dictionary<Guid, OrganisationDetails> Reserved { get; set; } = [];
}

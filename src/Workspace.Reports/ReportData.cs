namespace Workspace.Reports;

/// <summary>Implementation status of one country, in report order.</summary>
public enum ImplementationStatus
{
    NotStarted,
    InProgress,
    PartiallyImplemented,
    Implemented,
    NoInformation,
}

/// <summary>An organisation's endorsement of a recommendation.</summary>
public sealed record Endorsement(string Organisation, bool WithReservations);

/// <summary>The latest follow-up of one country (none yet: <see cref="Date"/> is null), with the web addresses given as its evidence.</summary>
public sealed record CountryStatus(string Country, ImplementationStatus Status, DateOnly? Date, string? Note, IReadOnlyList<string>? Evidence = null);

/// <summary>One adopted recommendation, with what the reports print about it. Only what the reader may see is passed in.</summary>
public sealed record AdoptedRecommendation(
    string Title,
    string ThematicArea,
    string Body,
    IReadOnlyList<string> Articles,
    IReadOnlyList<string> Addressees,
    IReadOnlyList<string> Countries,
    DateOnly AdoptedOn,
    IReadOnlyList<Endorsement> Endorsements,
    IReadOnlyList<CountryStatus> FollowUp);

/// <summary>The group a report is about, the day it was generated, and the group's languages (its first one the product writes in is the report's default).</summary>
public sealed record ReportHeader(string GroupName, DateOnly GeneratedOn, IReadOnlyList<string>? Languages = null);

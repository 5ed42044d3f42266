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

/// <summary>The latest follow-up of one country (none yet: <see cref="Date"/> is null).</summary>
public sealed record CountryStatus(string Country, ImplementationStatus Status, DateOnly? Date, string? Note);

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

/// <summary>The group a report is about and the day it was generated.</summary>
public sealed record ReportHeader(string GroupName, DateOnly GeneratedOn);

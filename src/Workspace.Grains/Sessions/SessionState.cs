using Workspace.Contracts.Groups;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Recommendations;

namespace Workspace.Grains.Sessions;

/// <summary>Stored state of one facilitated session (who is connected right now is kept in memory only).</summary>
[GenerateSerializer, Alias("Workspace.SessionState")]
public sealed class SessionState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public Guid GroupId { get; set; }
    [Id(2)] public string Title { get; set; } = string.Empty;
    [Id(3)] public DateTimeOffset ScheduledStart { get; set; }
    [Id(4)] public SessionStatus Status { get; set; }
    [Id(5)] public List<AgendaItemRecord> Agenda { get; set; } = [];
    [Id(6)] public int? CurrentItem { get; set; }
    [Id(7)] public DateTimeOffset? ItemStartedAt { get; set; }
    [Id(8)] public List<HandRecord> Queue { get; set; } = [];
    [Id(9)] public HandRecord? Floor { get; set; }
    [Id(10)] public bool ObserversMayQueue { get; set; }
    [Id(11)] public Dictionary<Guid, AttendanceRecord> Attendance { get; set; } = [];
    [Id(12)] public DateTimeOffset? StartedAt { get; set; }
    [Id(13)] public DateTimeOffset? EndedAt { get; set; }
}

[GenerateSerializer, Alias("Workspace.AgendaItemRecord")]
public sealed record AgendaItemRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Title,
    [property: Id(2)] AgendaTarget Target,
    [property: Id(3)] Guid TargetId,
    [property: Id(4)] int Minutes);

[GenerateSerializer, Alias("Workspace.HandRecord")]
public sealed record HandRecord(
    [property: Id(0)] Person Person,
    [property: Id(1)] GroupRole Role,
    [property: Id(2)] bool PointOfOrder,
    [property: Id(3)] DateTimeOffset RaisedAt);

[GenerateSerializer, Alias("Workspace.AttendanceRecord")]
public sealed record AttendanceRecord(
    [property: Id(0)] Person Person,
    [property: Id(1)] GroupRole Role,
    [property: Id(2)] DateTimeOffset JoinedAt);

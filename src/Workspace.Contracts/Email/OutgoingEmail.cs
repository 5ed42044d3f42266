namespace Workspace.Contracts.Email;

/// <summary>
/// One message to one person, already written in their language (plain text and simple HTML). The
/// <paramref name="Kind"/> names what it is for (e.g. "confirm-email", "password-reset", "invitation")
/// so the administrator's outbox view can say so without showing its content.
/// </summary>
[GenerateSerializer, Alias("Workspace.OutgoingEmail")]
public sealed record OutgoingEmail(
    [property: Id(0)] string To,
    [property: Id(1)] string Subject,
    [property: Id(2)] string Text,
    [property: Id(3)] string Html,
    [property: Id(4)] string Kind,
    [property: Id(5)] string Language);

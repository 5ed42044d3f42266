namespace Workspace.Contracts.Errors;

/// <summary>The class of a refusal; decides the HTTP status or hub error a caller sees.</summary>
[GenerateSerializer, Alias("Workspace.ErrorKind")]
public enum ErrorKind
{
    Validation = 0,
    Unauthenticated = 1,
    Forbidden = 2,
    NotFound = 3,
    Conflict = 4,
    Locked = 5,
    Gone = 6,

    /// <summary>A passing failure (storage unreachable): nothing was kept; trying again later is safe.</summary>
    Unavailable = 7,

    /// <summary>Too many attempts in a while (wrong second-factor codes): wait, then try again.</summary>
    TooManyRequests = 8,
}

namespace Workspace.Contracts.Errors;

/// <summary>
/// A refusal by a grain: a stable code users' messages are looked up by, and nothing changed.
/// Crosses grain and silo boundaries intact so the web layer can map it to problem+json.
/// </summary>
[GenerateSerializer, Alias("Workspace.WorkspaceException")]
public sealed class WorkspaceException : Exception
{
    public WorkspaceException(ErrorKind kind, string code, IReadOnlyList<FieldError>? fieldErrors = null)
        : base(code)
    {
        Kind = kind;
        Code = code;
        FieldErrors = fieldErrors ?? [];
    }

    [Id(0)] public ErrorKind Kind { get; }

    [Id(1)] public string Code { get; }

    [Id(2)] public IReadOnlyList<FieldError> FieldErrors { get; }

    public static WorkspaceException NotFound(string code) => new(ErrorKind.NotFound, code);

    public static WorkspaceException Forbidden(string code) => new(ErrorKind.Forbidden, code);

    public static WorkspaceException Conflict(string code) => new(ErrorKind.Conflict, code);

    public static WorkspaceException Invalid(IReadOnlyList<FieldError> errors) =>
        new(ErrorKind.Validation, ErrorCodes.ValidationFailed, errors);
}

namespace Workspace.Contracts.Errors;

/// <summary>One invalid field: its name, the error code, and the limit it broke (if any).</summary>
[GenerateSerializer, Alias("Workspace.FieldError")]
public sealed record FieldError([property: Id(0)] string Field, [property: Id(1)] string Code, [property: Id(2)] int? Limit = null);

namespace Workspace.Collaboration;

/// <summary>An operation that does not fit the text it is applied to, or that is malformed.</summary>
public sealed class OperationException(string message) : Exception(message);

using Workspace.Contracts.Errors;
using Workspace.Grains.Validation;

namespace Workspace.Server.Search;

/// <summary>What to look for where, checked: a refusal is typed and nothing is read.</summary>
public sealed record SearchRequest(string Query, SearchText Text, Guid? GroupId, bool GroupUnknown, IReadOnlySet<string> Kinds, int Limit)
{
    public const int MinQuery = 2;
    public const int MaxQuery = 200;
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    public static readonly IReadOnlyList<string> AllKinds = ["document", "recommendation", "comment", "session"];

    public static SearchRequest Parse(string? q, string? group, string? kind, int? limit)
    {
        var query = (q ?? string.Empty).Trim();
        FieldError? problem = query.Length < MinQuery ? new FieldError("q", ErrorCodes.TooShort, MinQuery)
            : query.Length > MaxQuery ? new FieldError("q", ErrorCodes.TooLong, MaxQuery)
            : !Characters.IsSingleLine(query) ? new FieldError("q", ErrorCodes.InvalidCharacters)
            : null;
        var text = problem is null ? SearchText.Parse(query) : null;
        if (problem is null && text!.Terms.Count == 0)
        {
            problem = new FieldError("q", ErrorCodes.TooShort, MinQuery); // only marks that fold away
        }

        if (problem is not null)
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.SearchQueryInvalid, [problem]);
        }

        IReadOnlySet<string> kinds = string.IsNullOrWhiteSpace(kind)
            ? AllKinds.ToHashSet(StringComparer.Ordinal)
            : AllKinds.Contains(kind.Trim().ToLowerInvariant())
                ? new HashSet<string>(StringComparer.Ordinal) { kind.Trim().ToLowerInvariant() }
                : throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.SearchKindUnknown, [new FieldError("kind", ErrorCodes.SearchKindUnknown)]);

        // A group id that is not one is unknown, answered as every unknown group is (404), not as malformed input.
        Guid? groupId = null;
        var unknown = false;
        if (!string.IsNullOrWhiteSpace(group))
        {
            unknown = !Guid.TryParse(group.Trim(), out var parsed);
            groupId = unknown ? null : parsed;
        }

        return new SearchRequest(query, text!, groupId, unknown, kinds, Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit));
    }
}

using Workspace.Collaboration;
using Workspace.Contracts.Documents;

namespace Workspace.Grains.Documents;

/// <summary>The engine's applied operations as they cross grains and are stored, and back (same fields).</summary>
public static class EditConversions
{
    public static AppliedOperation ToContract(this AppliedEdit edit) =>
        new(edit.Revision, edit.Operation, edit.ClientId, edit.Sequence, edit.AuthorId, edit.At);

    public static AppliedEdit ToEdit(this AppliedOperation applied) =>
        new(applied.Revision, applied.Operation, applied.ClientId, applied.Sequence, applied.AuthorId, applied.At);
}

using System.Security.Cryptography;
using Workspace.Contracts.Recommendations;

namespace Workspace.Contracts.Groups;

/// <summary>
/// How the people of a group appear to one reader — the one place that decides it. Facilitators,
/// members and administrators see names and user ids; an observer sees them only when the group's
/// <c>ObserversSeeNames</c> setting is on, and otherwise sees organisations and roles, never a name
/// or a user id (the Chatham House rule). Every path that carries people goes through it.
/// </summary>
[GenerateSerializer, Alias("Workspace.Disclosure")]
public sealed record Disclosure(
    [property: Id(0)] GroupRole ReaderRole,
    [property: Id(1)] bool ObserversSeeNames)
{
    /// <summary>What a reader with full sight sees (members, facilitators, administrators).</summary>
    public static Disclosure Full { get; } = new(GroupRole.Facilitator, true);

    /// <summary>Whether this reader sees names and user ids.</summary>
    public bool ShowsNames => ReaderRole > GroupRole.Observer || ObserversSeeNames;

    /// <summary>
    /// What one text shared by every reader of a document (generated minutes) may say about people: what its
    /// least-privileged reader may see — observers' sight when the document is visible to observers.
    /// </summary>
    public static Disclosure ForReadersOf(Documents.DocumentVisibility visibility, bool observersSeeNames) =>
        new(visibility == Documents.DocumentVisibility.Observers ? GroupRole.Observer : GroupRole.Member, observersSeeNames);

    /// <summary>A person as this reader sees them; without names, only the organisation ("" for independent people).</summary>
    public PersonView Person(Guid id, string name, string organisation) =>
        ShowsNames ? new PersonView(id, name, organisation) : new PersonView(null, null, organisation);

    /// <summary>
    /// A user id as this reader may see it: the id itself, or a pseudonymous key that is stable within
    /// <paramref name="scope"/> (a document, a session) so authors stay distinguishable, yet cannot be
    /// turned back into the id, nor linked across scopes. (Unkeyed on purpose: only someone who already
    /// knows a user id — a member, who sees names anyway — could recompute it.)
    /// </summary>
    public Guid Id(Guid scope, Guid userId) => ShowsNames || userId == Guid.Empty ? userId : Pseudonym(scope, userId);

    /// <summary>A label or other free text naming a person: kept for readers who see names, otherwise <paramref name="hidden"/>.</summary>
    public string Name(string name, string hidden = "") => ShowsNames ? name : hidden;

    /// <summary>A key derived one-way from (scope, user id): the same person in the same scope always gets the same key.</summary>
    public static Guid Pseudonym(Guid scope, Guid userId)
    {
        Span<byte> input = stackalloc byte[48];
        "workspace.pseudonym.v1"u8.CopyTo(input);
        scope.TryWriteBytes(input[16..]);
        userId.TryWriteBytes(input[32..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // a version-8 (custom) UUID: never mistaken for a real id
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]);
    }
}

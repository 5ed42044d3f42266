using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Organisations;
using Workspace.Contracts.Recommendations;
using Workspace.Convention;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Library;

/// <summary>Who is asking, as the library needs it: the groups whose entries they may read (member or facilitator, never observer).</summary>
public sealed record LibraryReader(Guid UserId, bool IsAdmin, IReadOnlySet<Guid> Groups)
{
    /// <summary>Group ids a search may return entries of; null for the administrator (all of them).</summary>
    public IReadOnlyCollection<Guid>? SearchGroups => IsAdmin ? null : Groups;
}

/// <summary>
/// The library's rules in one place: who may read an entry, share one (and for which audience), edit or withdraw
/// it, and cite it from a group's recommendation, document or follow-up; the REST handlers ask, the store stores.
/// </summary>
public static class LibraryRules
{
    public const int TitleMax = 300;
    public const int SummaryMax = 20_000;
    public const int MaxCountries = 30;
    public const int MaxArticles = 40;
    public const int MaxLinks = 20;
    public const int LinkMax = 2_000;
    public const int MaxFiles = 10;
    public static readonly IReadOnlyList<string> CitationKinds = ["recommendation", "document", "followUp"];

    /// <summary>The reader and the groups in which they are a member or facilitator.</summary>
    public static async Task<LibraryReader> Reader(IGrainFactory grains, UserProfile me)
    {
        var ids = await grains.GetGrain<IUserGrain>(me.Id).GetGroups();
        var roles = await Task.WhenAll(ids.Select(async id => (id, role: await grains.GetGrain<IWorkingGroupGrain>(id).GetRole(me.Id))));
        return new LibraryReader(me.Id, me.IsAdmin, roles.Where(r => r.role >= GroupRole.Member).Select(r => r.id).ToHashSet());
    }

    /// <summary>A network entry is for every signed-in person; a group entry for that group's members and facilitators (and the administrator).</summary>
    public static bool CanRead(LibraryEntryRecord entry, LibraryReader reader) =>
        reader.IsAdmin || entry.GroupId is not { } group || reader.Groups.Contains(group);

    /// <summary>The entry as <paramref name="reader"/> may know it: absent (404) when they may not read it, gone (410) when withdrawn.</summary>
    public static LibraryEntryRecord Readable(LibraryEntryRecord? entry, LibraryReader reader) =>
        entry is null || !CanRead(entry, reader) ? throw WorkspaceException.NotFound(ErrorCodes.LibraryEntryNotFound)
        : entry.Withdrawn ? throw new WorkspaceException(ErrorKind.Gone, ErrorCodes.LibraryEntryWithdrawn)
        : entry;

    /// <summary>The sharer, a contact of the sharing organisation, or the administrator may edit and withdraw an entry.</summary>
    public static async Task<bool> CanEdit(IGrainFactory grains, LibraryEntryRecord entry, LibraryReader reader)
    {
        if (reader.IsAdmin || entry.SharedBy == reader.UserId)
        {
            return true;
        }

        var standing = await grains.GetGrain<IOrganisationGrain>(entry.OrganisationId).Standing(reader.UserId);
        return standing is { Contact: true, Tie: TieStatus.Confirmed };
    }

    /// <summary>The entry, readable and editable by <paramref name="reader"/> (404/410 as for reading, 403 for a reader who may not edit).</summary>
    public static async Task<LibraryEntryRecord> Editable(IGrainFactory grains, LibraryEntryRecord? entry, LibraryReader reader)
    {
        var readable = Readable(entry, reader);
        return await CanEdit(grains, readable, reader) ? readable : throw WorkspaceException.Forbidden(ErrorCodes.LibraryEditorsOnly);
    }

    /// <summary>The organisation a person shares for: their own, verified, with their tie confirmed; anyone else is refused with a clear reason.</summary>
    public static async Task<Guid> SharingOrganisation(IGrainFactory grains, UserProfile me)
    {
        if (me.OrganisationId is not { } id)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.LibraryNeedsOrganisation);
        }

        var standing = await grains.GetGrain<IOrganisationGrain>(id).Standing(me.Id);
        return standing is { Status: OrganisationStatus.Verified, Tie: TieStatus.Confirmed }
            ? id
            : throw WorkspaceException.Forbidden(ErrorCodes.LibraryNeedsOrganisation);
    }

    /// <summary>A group audience needs the sharer to be a member or facilitator of that group.</summary>
    public static void RequireAudience(Guid? groupId, LibraryReader reader)
    {
        if (groupId is { } group && !reader.Groups.Contains(group))
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.ValidationFailed, [new FieldError("groupId", ErrorCodes.LibraryGroupNotYours)]);
        }
    }

    /// <summary>Checks and normalises what a person typed (articles as "Art. 33.2", countries upper case); refuses with every problem at once.</summary>
    public static EntryFields Validate(string? title, string? summary, string? kind, string? language, IReadOnlyList<string>? countries, IReadOnlyList<string>? articles, IReadOnlyList<string>? links)
    {
        var normalisedCountries = (countries ?? []).Select(c => c?.Trim().ToUpperInvariant() ?? string.Empty).Distinct(StringComparer.Ordinal).ToArray();
        var references = (articles ?? []).Select(a => Uncac.Reference(a)).ToArray();
        var cleanLinks = (links ?? []).Select(l => l?.Trim() ?? string.Empty).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var validator = new Validator()
            .Line("title", title, TitleMax)
            .Text("summary", summary, SummaryMax)
            .Markdown("summary", summary)
            .Check(LibraryKinds.IsKnown(kind), "kind", ErrorCodes.LibraryKindUnknown)
            .Check(IsoCodes.IsLanguage(language), "language", ErrorCodes.InvalidLanguage)
            .Check(normalisedCountries.Length <= MaxCountries, "countries", ErrorCodes.TooMany)
            .Check(normalisedCountries.All(IsoCodes.IsCountry), "countries", ErrorCodes.InvalidCountry)
            .Check(references.Length <= MaxArticles, "articles", ErrorCodes.TooMany)
            .Check(references.All(r => r is not null), "articles", ErrorCodes.ArticleUnknown)
            .Check(cleanLinks.Length <= MaxLinks, "links", ErrorCodes.TooMany)
            .Check(cleanLinks.All(IsWebLink), "links", ErrorCodes.LibraryLinkInvalid);
        validator.ThrowIfInvalid();
        return new EntryFields(title!.Trim(), summary!, kind!, language!, normalisedCountries,
            references.OfType<string>().Distinct(StringComparer.Ordinal).OrderBy(r => Uncac.Order(r)).ToArray(), cleanLinks);
    }

    /// <summary>An absolute http or https address, nothing else (no javascript:, data:, file:).</summary>
    public static bool IsWebLink(string link) =>
        link.Length <= LinkMax && Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !link.Any(char.IsControl);

    /// <summary>
    /// Someone who may change the citing thing may cite: a member or facilitator of the group (observers refused) and,
    /// for a document, someone who may edit it; a recommendation or follow-up must be of an adopted recommendation of
    /// that group. Returns the normalised country of a follow-up citation.
    /// </summary>
    public static async Task<string?> RequireCiter(IGrainFactory grains, Guid userId, string kind, Guid groupId, Guid targetId, string? country)
    {
        var role = await GroupAccess(grains, userId, groupId);
        if (role < GroupRole.Member)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.LibraryCiteMembersOnly);
        }

        switch (kind)
        {
            case "document":
                var access = await grains.GetGrain<IWorkingGroupGrain>(groupId).GetDocumentAccess(userId, targetId);
                return access.Role >= GroupRole.Member ? null : throw WorkspaceException.Forbidden(ErrorCodes.LibraryCiteMembersOnly);
            case "recommendation" or "followUp":
                var view = await grains.GetGrain<IRecommendationGrain>(targetId).Get(userId);
                if (view.Summary.GroupId != groupId)
                {
                    throw WorkspaceException.NotFound(ErrorCodes.RecommendationNotFound);
                }

                if (view.Summary.Status != RecommendationStatus.Adopted)
                {
                    throw WorkspaceException.Conflict(ErrorCodes.LibraryCiteAdoptedOnly);
                }

                if (kind == "recommendation")
                {
                    return null;
                }

                var code = country?.Trim().ToUpperInvariant();
                return IsoCodes.IsCountry(code)
                    ? code
                    : throw WorkspaceException.Invalid([new FieldError("country", ErrorCodes.InvalidCountry)]);
            default:
                throw WorkspaceException.Invalid([new FieldError("kind", ErrorCodes.LibraryCitationKindUnknown)]);
        }
    }

    /// <summary>Who may remove a citation made from a place: a member or facilitator of its group who may edit it (observers refused).</summary>
    public static async Task RequireCiterStanding(IGrainFactory grains, Guid userId, LibraryCitationRecord citation)
    {
        var role = await GroupAccess(grains, userId, citation.GroupId);
        var allowed = role >= GroupRole.Member && (citation.Kind != "document"
            || (await grains.GetGrain<IWorkingGroupGrain>(citation.GroupId).GetDocumentAccess(userId, citation.TargetId)).Role >= GroupRole.Member);
        if (!allowed)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.LibraryCiteMembersOnly);
        }
    }

    /// <summary>The title of the citing thing when <paramref name="userId"/> may read it; null when they may not (it is then only counted).</summary>
    public static async Task<string?> CitingTitle(IGrainFactory grains, Guid userId, LibraryCitationRecord citation)
    {
        try
        {
            return citation.Kind == "document"
                ? (await grains.GetGrain<IWorkingGroupGrain>(citation.GroupId).GetDocumentAccess(userId, citation.TargetId)).Summary.Title
                : (await grains.GetGrain<IRecommendationGrain>(citation.TargetId).Get(userId)).Summary.Facts.Title;
        }
        catch (WorkspaceException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.Forbidden)
        {
            return null;
        }
    }

    private static async Task<GroupRole> GroupAccess(IGrainFactory grains, Guid userId, Guid groupId)
    {
        try
        {
            return (await grains.GetGrain<IWorkingGroupGrain>(groupId).GetMemberAccess(userId)).Role;
        }
        catch (WorkspaceException e) when (e.Kind == ErrorKind.NotFound)
        {
            throw WorkspaceException.NotFound(ErrorCodes.GroupNotFound);
        }
    }
}

/// <summary>An entry's fields, checked and normalised.</summary>
public sealed record EntryFields(string Title, string Summary, string Kind, string Language, IReadOnlyList<string> Countries, IReadOnlyList<string> Articles, IReadOnlyList<string> Links);

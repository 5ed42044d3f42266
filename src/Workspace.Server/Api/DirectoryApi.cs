using System.Text.Json;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Organisations;
using Workspace.Contracts.Server;
using Workspace.Convention;
using Workspace.Grains.Validation;

namespace Workspace.Server.Api;

/// <summary>
/// The directory of organisations for every signed-in person (issue 21): search, an organisation's page and
/// "Find partners", all answered from the directory's index; pending and unlisted organisations never appear
/// (an unlisted one's page: to its own people and the administrator only). What an organisation's page
/// shows of groups and recommendations is read as the reader (<see cref="DirectoryProfiles"/>).
/// </summary>
public static class DirectoryApi
{
    public const int PartnersLimit = 20;

    public static RouteGroupBuilder MapDirectoryApi(this RouteGroupBuilder api)
    {
        var directory = api.MapGroup("/directory");
        directory.MapGet("/", Browse)
            .WithSummary("Search the directory of organisations")
            .WithDescription("Listed organisations by name; q (name, short name, thematic area), country, kind, area, article (a scope: \"33\", \"chapter:III\", \"cycle:2\"), language, limit, offset.");
        directory.MapGet("/partners", Partners)
            .WithSummary("Find partners")
            .WithDescription("Listed organisations other than mine working on the same articles (default: my organisation's) in the same, a neighbouring or the same-region country (default: my organisation's), ranked, each with its reasons.");
        directory.MapGet("/{organisationId:guid}", DirectoryProfiles.Get)
            .WithSummary("An organisation's page")
            .WithDescription("Its profile (no people), the working groups it takes part in among the reader's, and the adopted recommendations it endorsed that the reader may read.");
        api.MapPut("/organisations/{organisationId:guid}/listing", SetListing)
            .WithSummary("Choose whether an organisation is listed in the directory")
            .WithDescription("The administrator or a contact of the organisation: default (listed when a verified civil-society organisation), listed or unlisted.");
        return api;
    }

    private static async Task<DirectoryAnswer> Browse(
        string? q, string? country, string? kind, string? area, string? article, string? language, int? limit, int? offset,
        HttpContext context, IGrainFactory grains)
    {
        await OrganisationsApi.Me(context, grains);
        var errors = new List<FieldError>();
        var scope = Scope(article, errors);
        var code = Country(country, errors);
        var kindValue = Kind(kind, errors);
        var languageCode = string.IsNullOrWhiteSpace(language) ? null : language.Trim().ToLowerInvariant();
        if (languageCode is not null && !IsoCodes.IsLanguage(languageCode))
        {
            errors.Add(new FieldError("language", ErrorCodes.InvalidLanguage));
        }

        ThrowIf(errors);
        var page = await grains.GetGrain<IOrganisationDirectoryGrain>(0).Browse(new DirectoryQuery(
            q, code, kindValue, area, scope?.Order().ToArray(), languageCode, limit ?? 0, offset ?? 0));
        return new DirectoryAnswer(page.Items.Select(DirectoryItem.From).ToArray(), page.Total);
    }

    private static async Task<PartnersAnswer> Partners(string? article, string? country, HttpContext context, IGrainFactory grains)
    {
        var me = await OrganisationsApi.Me(context, grains);
        var directory = grains.GetGrain<IOrganisationDirectoryGrain>(0);
        OrganisationSummary? mine = null;
        if (me.OrganisationId is { } organisationId && (await directory.Resolve([organisationId])).TryGetValue(organisationId, out var found))
        {
            mine = found;
        }

        var errors = new List<FieldError>();
        var articles = string.IsNullOrWhiteSpace(article)
            ? (mine?.Articles ?? []).Select(Uncac.ArticleOf).Distinct().Order().ToArray()
            : Scope(article, errors)?.Order().ToArray() ?? [];
        if (string.IsNullOrWhiteSpace(article) && articles.Length == 0)
        {
            errors.Add(new FieldError("article", ErrorCodes.Required));
        }

        var code = string.IsNullOrWhiteSpace(country) ? mine?.Country : Country(country, errors);
        if (code is null && string.IsNullOrWhiteSpace(country))
        {
            errors.Add(new FieldError("country", ErrorCodes.Required));
        }

        ThrowIf(errors);
        var suggestions = await directory.Partners(new PartnerQuery(articles, code!, mine?.Id, PartnersLimit));
        return new PartnersAnswer(
            suggestions.Select(s => new PartnerItem(DirectoryItem.From(s.Organisation), s.Score, s.Reasons.Select(r => new PartnerReasonItem(r.Code, r.Value)).ToArray())).ToArray(),
            articles.Select(a => $"Art. {a}").ToArray(),
            code!);
    }

    private static async Task<OrganisationView> SetListing(Guid organisationId, ListingRequest request, HttpContext context, IGrainFactory grains)
    {
        var actor = await OrganisationsApi.RequireAdminOrContact(organisationId, context, grains);
        if (request.Listing is not { } listing || !Enum.IsDefined(listing))
        {
            throw WorkspaceException.Invalid([new FieldError("listing", ErrorCodes.Required)]);
        }

        var view = await grains.GetGrain<IOrganisationGrain>(organisationId).SetListing(listing);
        await OrganisationsAdminApi.Audit(grains, actor, "organisation.listing", organisationId, Name(listing));
        return view;
    }

    /// <summary>An article scope as <see cref="Uncac.Scope"/> reads it; an unknown one is an error on "article".</summary>
    private static IReadOnlySet<int>? Scope(string? article, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(article))
        {
            return null;
        }

        var scope = Uncac.Scope(article);
        if (scope is null)
        {
            errors.Add(new FieldError("article", ErrorCodes.ArticleUnknown));
        }

        return scope;
    }

    private static string? Country(string? country, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(country))
        {
            return null;
        }

        var code = country.Trim().ToUpperInvariant();
        if (!IsoCodes.IsCountry(code))
        {
            errors.Add(new FieldError("country", ErrorCodes.InvalidCountry));
        }

        return code;
    }

    private static OrganisationKind? Kind(string? kind, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            return null;
        }

        foreach (var value in Enum.GetValues<OrganisationKind>())
        {
            if (Name(value) == kind.Trim().ToLowerInvariant())
            {
                return value;
            }
        }

        errors.Add(new FieldError("kind", ErrorCodes.OrganisationKindUnknown));
        return null;
    }

    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static void ThrowIf(List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw WorkspaceException.Invalid(errors.ToArray());
        }
    }
}

/// <summary>One listed organisation as the directory lists it (other pages code against this shape: keep it).</summary>
public sealed record DirectoryItem(
    Guid Id, string Name, string? ShortName, string Country, OrganisationKind Kind,
    IReadOnlyList<string> Articles, IReadOnlyList<string> ThematicAreas, IReadOnlyList<string> Languages, string? Website)
{
    public static DirectoryItem From(OrganisationSummary s) =>
        new(s.Id, s.Name, s.ShortName, s.Country, s.Kind, s.Articles ?? [], s.ThematicAreas ?? [], s.Languages ?? [], s.Website);
}

public sealed record DirectoryAnswer(IReadOnlyList<DirectoryItem> Items, int Total);

public sealed record PartnerReasonItem(string Code, string Value);

public sealed record PartnerItem(DirectoryItem Organisation, int Score, IReadOnlyList<PartnerReasonItem> Reasons);

/// <summary>Suggestions, best first, with the articles and country they were found for (the client shows what it searched).</summary>
public sealed record PartnersAnswer(IReadOnlyList<PartnerItem> Items, IReadOnlyList<string> Articles, string Country);

public sealed record ListingRequest(OrganisationListing? Listing);

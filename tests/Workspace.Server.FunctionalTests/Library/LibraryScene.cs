using System.Text.Json.Nodes;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Library;

/// <summary>
/// The cast and a world group, plus the people the library's visibility is about: a member of another group
/// ("outsider"), and the stranger with no group at all (they left the lobby they registered through).
/// </summary>
public sealed class LibraryScene
{
    private LibraryScene(Cast cast, World world, Guid otherGroupId, ApiClient outsider)
    {
        Cast = cast;
        World = world;
        OtherGroupId = otherGroupId;
        Outsider = outsider;
    }

    public Cast Cast { get; }

    public World World { get; }

    public Guid OtherGroupId { get; }

    /// <summary>A member of another group only, with a verified organisation.</summary>
    public ApiClient Outsider { get; }

    public ApiClient Client(string person) => person == "outsider" ? Outsider : Cast.People[person].Client;

    public static async Task<LibraryScene> Create(WorkspaceHost host)
    {
        var cast = await Cast.Create(host);
        var world = await cast.NewWorld();
        var stranger = cast.People["stranger"].Client;
        foreach (var group in (await stranger.Ok(HttpMethod.Get, "/api/groups"))!.AsArray())
        {
            await stranger.Ok(HttpMethod.Post, $"/api/groups/{(string)group!["id"]!}/leave");
        }

        var other = await Cast.CreateGroup(cast.Admin, "Asset recovery", null);
        var outsider = host.NewClient();
        var registered = await outsider.Ok(HttpMethod.Post, $"/api/invitations/{await Cast.Invite(cast.Admin, other, "member")}/register", new
        {
            email = $"outsider.{Guid.NewGuid():N}@example.org", password = Personas.Password, displayName = "Outsider", organisation = $"Outsider CSO {Guid.NewGuid():N}", country = "CO",
        });
        await Cast.Vouch(cast.Admin, Guid.Parse((string)registered!["user"]!["organisationId"]!), Guid.Parse((string)registered["user"]!["id"]!));
        return new LibraryScene(cast, world, other, outsider);
    }

    public static object Entry(string title, Guid? groupId = null, string kind = "parallel-report", string[]? countries = null, string[]? articles = null, string language = "en", string summary = "A **summary**.") => new
    {
        title, summary, kind, countries = countries ?? ["MX"], articles = articles ?? ["art 33"], language, links = new[] { "https://example.org/report" }, groupId,
    };

    public static async Task<Guid> Share(ApiClient client, object entry) =>
        Guid.Parse((string)(await client.Ok(HttpMethod.Post, "/api/library", entry))!["id"]!);

    public static Task<HttpResponseMessage> Upload(ApiClient client, Guid entryId, byte[] content, string fileName, string? contentType) =>
        client.Send(HttpMethod.Post, $"/api/library/{entryId}/files", content: LibraryFiles.Multipart(content, fileName, contentType));

    public static async Task<Guid> UploadOk(ApiClient client, Guid entryId, byte[] content, string fileName, string? contentType = null)
    {
        using var response = await Upload(client, entryId, content, fileName, contentType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return Guid.Parse((string)JsonNode.Parse(text)!["id"]!);
    }

    public static async Task<string[]> Titles(ApiClient client, string query)
    {
        var found = await client.Ok(HttpMethod.Get, "/api/library" + query);
        return found!["items"]!.AsArray().Select(i => (string)i!["title"]!).ToArray();
    }
}

using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Server.FunctionalTests.Infrastructure;
using Workspace.Server.FunctionalTests.Live;
using Workspace.Server.FunctionalTests.Persistence;

namespace Workspace.Server.FunctionalTests.Library;

/// <summary>
/// Two server processes on one PostgreSQL database: a file uploaded through one node is served by the other (files live in
/// the database, not on a node's disk), an entry shared on one is found by a search on the other, and the other's open
/// library pages hear of it (network news).
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class LibraryTwoNodeTests
{
    [Fact]
    public async Task A_file_uploaded_through_node_A_downloads_through_node_B_whose_open_pages_hear_of_it()
    {
        await using var database = await PostgresDatabase.Create();
        var settings = TwoNodeClusterTests.ClusterSettings(database);
        await using var first = await ServerProcess.Start(settings);
        await using var second = await ServerProcess.Start(settings);

        using var adminOnFirst = first.NewClient();
        await adminOnFirst.SignIn(Personas.AdminEmail);
        var groupId = await Cast.CreateGroup(adminOnFirst, "Whistleblower protection", null);
        using var sharerOnFirst = first.NewClient();
        var registered = await sharerOnFirst.Ok(HttpMethod.Post, $"/api/invitations/{await Cast.Invite(adminOnFirst, groupId, "member")}/register", new
        {
            email = "sharer@cso.example", password = Personas.Password, displayName = "Ana", organisation = "Transparencia Mexicana", country = "MX",
        });
        await Cast.Vouch(adminOnFirst, Guid.Parse((string)registered!["user"]!["organisationId"]!), Guid.Parse((string)registered["user"]!["id"]!));

        using var readerOnSecond = second.NewClient();
        await readerOnSecond.Ok(HttpMethod.Post, $"/api/invitations/{await Cast.Invite(adminOnFirst, groupId, "observer")}/register", new
        {
            email = "reader@cso.example", password = Personas.Password, displayName = "Beto", organisation = "Observatorio", country = "CO",
        });
        await using var pageOnSecond = await Listener.Connect(readerOnSecond); // an open library page on node B
        await pageOnSecond.Connection.InvokeAsync("WatchNetwork");

        var entryId = await LibraryScene.Share(sharerOnFirst, LibraryScene.Entry("Informe paralelo: protección de denunciantes", countries: ["MX"], articles: ["Art. 33"], language: "es"));
        var pdf = LibraryFiles.Pdf(padding: 200_000);
        var fileId = await LibraryScene.UploadOk(sharerOnFirst, entryId, pdf, "informe.pdf", "application/pdf");
        await Eventually.True(() => pageOnSecond.Messages.Contains("NetworkNews [\"library\"]"), "node B's open page hears of the entry shared on node A");
        Assert.Equal(["Informe paralelo: protección de denunciantes"], await LibraryScene.Titles(readerOnSecond, "?q=proteccion&country=MX&article=chapter:III"));
        using var download = await readerOnSecond.Get($"/api/library/{entryId}/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
    }
}

using System.Net;
using Workspace.Contracts.Errors;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Library;

/// <summary>
/// Library files over real HTTP (SQLite, the limit set small): a round trip keeps every byte; the type is the bytes';
/// a file over the limit is refused while it is read; every download is an attachment with a safe name, never inline.
/// </summary>
public sealed class LibraryFileTests() : HostedTest(new Dictionary<string, string?> { ["Workspace:Library:MaxFileBytes"] = Limit.ToString() })
{
    private const int Limit = 64 * 1024;

    [Fact]
    public async Task A_pdf_goes_up_and_comes_back_byte_for_byte_as_an_attachment_that_cannot_run()
    {
        var cast = await Cast.Create(Host);
        var member = cast.People["member"].Client;
        var entryId = await LibraryScene.Share(member, LibraryScene.Entry("Parallel report on Mexico"));
        var pdf = LibraryFiles.Pdf(padding: 3000);
        var fileId = await LibraryScene.UploadOk(member, entryId, pdf, "Informe paralelo.pdf", "application/pdf");

        using var download = await cast.People["stranger"].Client.Get($"/api/library/{entryId}/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        AssertServedSafely(download, "application/pdf");
        Assert.Equal("Informe paralelo.pdf", download.Content.Headers.ContentDisposition!.FileNameStar);

        // Each kind the library accepts, told from its bytes; a download counts as a use.
        foreach (var (bytes, name, type) in new[] { (LibraryFiles.Docx(), "brief.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), (LibraryFiles.Odt(), "brief.odt", "application/vnd.oasis.opendocument.text"), (LibraryFiles.Png, "chart.png", "image/png") })
        {
            var id = await LibraryScene.UploadOk(member, entryId, bytes, name);
            using var back = await member.Get($"/api/library/{entryId}/files/{id}");
            Assert.Equal(bytes, await back.Content.ReadAsByteArrayAsync());
            AssertServedSafely(back, type);
        }

        var entry = await member.Ok(HttpMethod.Get, $"/api/library/{entryId}");
        Assert.Equal(4, entry!["files"]!.AsArray().Count);
        Assert.Equal(4, (int)entry["uses"]!);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_with_413_whether_its_length_is_declared_or_not()
    {
        var cast = await Cast.Create(Host);
        var member = cast.People["member"].Client;
        var entryId = await LibraryScene.Share(member, LibraryScene.Entry("Toolkit"));

        // Declared length over the limit and the room for multipart framing: refused before the body is read.
        using var declared = await LibraryScene.Upload(member, entryId, LibraryFiles.Pdf(padding: Limit + 70 * 1024), "big.pdf", "application/pdf");
        await Problem.Assert(declared, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.LibraryFileTooLarge);

        // Within the request limit but over the file limit (framing counted apart): refused while reading the file part.
        using var justOver = await LibraryScene.Upload(member, entryId, LibraryFiles.Pdf(padding: Limit - 20), "just-over.pdf", "application/pdf");
        await Problem.Assert(justOver, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.LibraryFileTooLarge);

        // No declared length (chunked): the limit holds as the bytes arrive.
        var chunked = LibraryFiles.Multipart(LibraryFiles.Pdf(padding: 4 * Limit), "chunked.pdf", "application/pdf");
        chunked.Headers.ContentLength = null;
        using var streamed = await member.Send(HttpMethod.Post, $"/api/library/{entryId}/files", content: new StreamContent(await chunked.ReadAsStreamAsync()) { Headers = { ContentType = chunked.Headers.ContentType } });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);

        using var atLimit = await LibraryScene.Upload(member, entryId, LibraryFiles.Pdf(padding: Limit - 100), "fits.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.Created, atLimit.StatusCode);
        Assert.Single((await member.Ok(HttpMethod.Get, $"/api/library/{entryId}"))!["files"]!.AsArray());
    }

    [Theory]
    [InlineData("pdf-named-docx", "report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ErrorCodes.LibraryFileTypeMismatch)]
    [InlineData("pdf-claimed-png", "report.pdf", "image/png", ErrorCodes.LibraryFileTypeMismatch)]
    [InlineData("html-named-pdf", "report.pdf", "application/pdf", ErrorCodes.LibraryFileTypeUnsupported)]
    [InlineData("html", "page.html", "text/html", ErrorCodes.LibraryFileTypeUnsupported)]
    [InlineData("svg", "logo.svg", "image/svg+xml", ErrorCodes.LibraryFileTypeUnsupported)]
    [InlineData("svg-named-png", "logo.png", "image/png", ErrorCodes.LibraryFileTypeUnsupported)]
    [InlineData("plain-zip-named-docx", "brief.docx", null, ErrorCodes.LibraryFileTypeUnsupported)]
    public async Task Bytes_that_do_not_match_the_claimed_type_or_are_not_accepted_are_refused(string bytes, string name, string? type, string code)
    {
        var cast = await Cast.Create(Host);
        var member = cast.People["member"].Client;
        var entryId = await LibraryScene.Share(member, LibraryScene.Entry("Checked files"));
        var content = bytes switch
        {
            "pdf-named-docx" or "pdf-claimed-png" => LibraryFiles.Pdf(),
            "html-named-pdf" or "html" => LibraryFiles.Html,
            "plain-zip-named-docx" => LibraryFiles.Zip(("notes.txt", "hello")),
            _ => LibraryFiles.Svg,
        };

        using var refused = await LibraryScene.Upload(member, entryId, content, name, type);
        var problem = await Problem.Assert(refused, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(code, (string?)problem["fieldErrors"]![0]!["code"]);
        Assert.Empty((await member.Ok(HttpMethod.Get, $"/api/library/{entryId}"))!["files"]!.AsArray());
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("..\\..\\windows\\report.pdf", "report.pdf")]
    [InlineData("a\r\nSet-Cookie: x=1.pdf", "a Set-Cookie x=1.pdf")]
    [InlineData("quo\"te'd.pdf", "quo te d.pdf")]
    [InlineData("bell\u0007tab\tnul\u0000.pdf", "bell tab nul.pdf")]
    [InlineData("Protección de denunciantes.pdf", "Protección de denunciantes.pdf")]
    [InlineData(".pdf", "file.pdf")]
    public async Task A_file_name_with_path_parts_quotes_or_control_characters_is_served_safely(string uploaded, string served)
    {
        var cast = await Cast.Create(Host);
        var member = cast.People["member"].Client;
        var entryId = await LibraryScene.Share(member, LibraryScene.Entry("Names"));
        var fileId = await LibraryScene.UploadOk(member, entryId, LibraryFiles.Pdf(), uploaded, "application/pdf");

        using var download = await member.Get($"/api/library/{entryId}/files/{fileId}");
        AssertServedSafely(download, "application/pdf");
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal(served, disposition.FileNameStar);
        var raw = string.Join(";", download.Content.Headers.GetValues("Content-Disposition"));
        Assert.DoesNotContain('\r', raw);
        Assert.DoesNotContain('\n', raw);
        Assert.DoesNotContain("/", raw.Replace("filename*=UTF-8''", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(download.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("x=", StringComparison.Ordinal));
        var listed = (await member.Ok(HttpMethod.Get, $"/api/library/{entryId}"))!["files"]![0]!;
        Assert.Equal(served, (string?)listed["name"]);
    }

    private static void AssertServedSafely(HttpResponseMessage response, string contentType)
    {
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.StartsWith("sandbox", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
    }
}

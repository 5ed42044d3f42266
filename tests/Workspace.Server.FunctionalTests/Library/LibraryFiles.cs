using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace Workspace.Server.FunctionalTests.Library;

/// <summary>Small files of each kind the library meets, made here from their real signatures.</summary>
public static class LibraryFiles
{
    public static byte[] Pdf(int padding = 0) => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\n" + new string('%', padding) + "\ntrailer <<>>\n%%EOF\n");

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    public static readonly byte[] Html = Encoding.UTF8.GetBytes("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");

    public static readonly byte[] Svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");

    public static byte[] Docx() => Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"));

    public static byte[] Odt() => Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>"));

    public static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.NoCompression).Open());
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A multipart body written by hand, so that a file name can carry what a browser would never send (CR/LF,
    /// control characters) — as RFC 5987 <c>filename*</c>, percent-encoded, which the server decodes.
    /// </summary>
    public static HttpContent Multipart(byte[] content, string fileName, string? contentType)
    {
        const string boundary = "----library-test-boundary";
        var encoded = Uri.EscapeDataString(fileName);
        var head = $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''{encoded}\r\n"
            + (contentType is null ? string.Empty : $"Content-Type: {contentType}\r\n") + "\r\n";
        var tail = $"\r\n--{boundary}--\r\n";
        var body = Encoding.ASCII.GetBytes(head).Concat(content).Concat(Encoding.ASCII.GetBytes(tail)).ToArray();
        var result = new ByteArrayContent(body);
        result.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return result;
    }
}

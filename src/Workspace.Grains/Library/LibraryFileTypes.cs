using System.IO.Compression;
using System.Text;

namespace Workspace.Grains.Library;

/// <summary>One file type the library accepts: its content type and the extension it is stored under.</summary>
public sealed record LibraryFileType(string ContentType, string Extension);

/// <summary>
/// The file types the library accepts, decided from the bytes (never from the name or the claimed type):
/// PDF, .docx, .odt, PNG, JPEG, GIF, WebP. Anything else (SVG, HTML, scripts, archives) is refused.
/// </summary>
public static class LibraryFileTypes
{
    public static readonly LibraryFileType Pdf = new("application/pdf", "pdf");
    public static readonly LibraryFileType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx");
    public static readonly LibraryFileType Odt = new("application/vnd.oasis.opendocument.text", "odt");
    public static readonly LibraryFileType Png = new("image/png", "png");
    public static readonly LibraryFileType Jpeg = new("image/jpeg", "jpg");
    public static readonly LibraryFileType Gif = new("image/gif", "gif");
    public static readonly LibraryFileType WebP = new("image/webp", "webp");

    private static readonly Dictionary<string, LibraryFileType> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pdf"] = Pdf, ["docx"] = Docx, ["odt"] = Odt, ["png"] = Png, ["jpg"] = Jpeg, ["jpeg"] = Jpeg, ["gif"] = Gif, ["webp"] = WebP,
    };

    /// <summary>The type the bytes are, or null when they are none of the accepted types.</summary>
    public static LibraryFileType? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return Png;
        }

        if (bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return Jpeg;
        }

        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        return bytes.StartsWith("PK\x03\x04"u8) ? SniffZip(bytes.ToArray()) : null;
    }

    /// <summary>
    /// The accepted type of an upload: the bytes decide, and the name's extension and the claimed content type (when
    /// the browser sent a specific one) must agree with them. Returns the type, or the error code of the refusal.
    /// </summary>
    public static (LibraryFileType? Type, string? Error) Decide(ReadOnlySpan<byte> bytes, string? fileName, string? claimedType)
    {
        var extension = Path.GetExtension(fileName ?? string.Empty).TrimStart('.');
        var sniffed = Sniff(bytes);
        if (sniffed is null || !ByExtension.TryGetValue(extension, out var named))
        {
            return (null, Contracts.Errors.ErrorCodes.LibraryFileTypeUnsupported);
        }

        var claimed = claimedType?.Split(';')[0].Trim();
        var claimedAgrees = string.IsNullOrEmpty(claimed) || claimed.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)
            || claimed.Equals(sniffed.ContentType, StringComparison.OrdinalIgnoreCase)
            || sniffed == Jpeg && claimed.Equals("image/jpg", StringComparison.OrdinalIgnoreCase);
        return named == sniffed && claimedAgrees ? (sniffed, null) : (null, Contracts.Errors.ErrorCodes.LibraryFileTypeMismatch);
    }

    /// <summary>.odt: the first entry is "mimetype" holding the ODF text type; .docx: [Content_Types].xml and word/document.xml.</summary>
    private static LibraryFileType? SniffZip(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count == 0)
            {
                return null;
            }

            var first = zip.Entries[0];
            if (first.FullName == "mimetype" && first.Length < 100)
            {
                using var reader = new StreamReader(first.Open(), Encoding.ASCII);
                return reader.ReadToEnd().Trim() == Odt.ContentType ? Odt : null;
            }

            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            return names.Contains("[Content_Types].xml") && names.Contains("word/document.xml") ? Docx : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}

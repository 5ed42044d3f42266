using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Workspace.Server.Api;

/// <summary>
/// One file read from a multipart upload, never more than the limit plus one byte: a larger file stops the read
/// (<see cref="TooLarge"/>) instead of being buffered whole. Only the first file part counts.
/// </summary>
public sealed record LibraryUpload(string? FileName, string? ContentType, byte[]? Content, bool TooLarge)
{
    private static readonly LibraryUpload None = new(null, null, null, false);

    public static async Task<LibraryUpload> Read(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return None;
        }

        try
        {
            var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = await section.Body.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    if (buffer.Length + read > maxBytes)
                    {
                        return new LibraryUpload(name, section.ContentType, null, true);
                    }

                    buffer.Write(chunk, 0, read);
                }

                return new LibraryUpload(name, section.ContentType, buffer.ToArray(), false);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new LibraryUpload(null, null, null, true); // the server's own cap on the request
        }
        catch (InvalidDataException)
        {
            return None; // not well-formed multipart
        }

        return None;
    }
}

namespace Workspace.Server.Configuration;

/// <summary>The library of practice (section "Workspace:Library", env Workspace__Library__…).</summary>
public sealed class LibraryOptions
{
    public const string Section = "Workspace:Library";

    /// <summary>Largest file one upload may carry (default 20 MB); enforced while the request is read.</summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Room for the multipart framing around the file (boundaries, headers).</summary>
    public const long MultipartOverhead = 64 * 1024;

    public const long MaxAllowed = 1024L * 1024 * 1024;

    public bool IsValid => MaxFileBytes is >= 1 and <= MaxAllowed;
}

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>Where the repository and the built server are, seen from the test assembly.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ServerProject => Path.Combine(Root, "src", "Workspace.Server");

    /// <summary>The server built in the same configuration as these tests.</summary>
    public static string ServerAssembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(ServerProject, "bin", configuration, "net10.0", "Workspace.Server.dll");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workspace.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Workspace.slnx not found above " + AppContext.BaseDirectory);
    }
}

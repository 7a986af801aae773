namespace PressDeck.Testing;

/// <summary>
/// The recorded network payloads in ../shared/fixtures beside the repository (CI checks shared/ out beside its clone).
/// They are read where they are, never copied into the repository.
/// </summary>
internal static class SharedFixtures
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string PathOf(string relativePath) => Path.Combine(Root.Value, relativePath);

    public static string[] Lines(string relativePath) =>
        [.. File.ReadAllLines(PathOf(relativePath)).Where(line => line.Length > 0)];

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PressDeck.slnx")))
            {
                var fixtures = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "fixtures"));
                return Directory.Exists(fixtures)
                    ? fixtures
                    : throw new DirectoryNotFoundException($"The recorded payloads are expected in {fixtures} (shared/ beside the clone).");
            }
        }

        throw new DirectoryNotFoundException($"No PressDeck.slnx above {AppContext.BaseDirectory}.");
    }
}

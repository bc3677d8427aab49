namespace Journal.EventStore.Tests.Codec;

/// <summary>Locates the repository root (the directory holding Journal.sln) from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Journal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Journal.sln not found above " + AppContext.BaseDirectory);
    }
}

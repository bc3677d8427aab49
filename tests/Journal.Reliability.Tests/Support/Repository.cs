namespace Journal.Reliability.Tests.Support;

/// <summary>Where the repository and the build outputs the tests run are.</summary>
public static class Repository
{
    /// <summary>The directory holding Journal.sln.</summary>
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, "Journal.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Journal.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The configuration the tests were built in (bin/&lt;Configuration&gt;/net10.0).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    /// <summary>The crash child's dll, built with the tests through a ProjectReference.</summary>
    public static string CrashChildDll
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar)).Name;
            var path = System.IO.Path.Combine(Root, "tests", "Journal.CrashChild", "bin", Configuration, framework, "Journal.CrashChild.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("build tests/Journal.CrashChild first", path);
        }
    }
}

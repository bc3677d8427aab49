using Microsoft.Data.Sqlite;

namespace Journal.Reliability.Tests.Support;

/// <summary>A fresh temp directory per test, deleted afterwards.</summary>
public sealed class TestDirectory : IDisposable
{
    public TestDirectory(string area)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "journal-reliability", area, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The tape path inside <c>data/</c>.</summary>
    public string Tape => System.IO.Path.Combine(Path, "data", "journal.db");

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

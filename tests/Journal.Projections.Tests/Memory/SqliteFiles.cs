using System.Text;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Tests.Memory;

/// <summary>Looks for text in the bytes of every database file of a directory (main files, WALs, journals).</summary>
internal static class SqliteFiles
{
    /// <summary>Moves every WAL's content into its database and truncates the WAL (tape and read models).</summary>
    public static void Checkpoint(MemoryFixture f)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(f.Directory, "*.db"))
        {
            using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal(0L, reader.GetInt64(0));
        }
    }

    /// <summary>The files whose bytes hold <paramref name="text"/> as UTF-8 (or as UTF-16, to be thorough).</summary>
    public static IReadOnlyList<string> Containing(string directory, string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var utf16 = Encoding.Unicode.GetBytes(text);
        var found = new List<string>();
        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories))
        {
            var bytes = ReadShared(file);
            if (bytes.AsSpan().IndexOf(utf8) >= 0 || bytes.AsSpan().IndexOf(utf16) >= 0)
            {
                found.Add(Path.GetFileName(file));
            }
        }

        return found;
    }

    private static byte[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

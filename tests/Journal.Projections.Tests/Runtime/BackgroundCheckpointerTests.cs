using Journal.Projections.Runtime;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Tests.Runtime;

/// <summary>The live writer's WAL is checkpointed in the background, every so many commits, not inside a commit.</summary>
public sealed class BackgroundCheckpointerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-wal", Guid.NewGuid().ToString("N"));
    private readonly ReadModelStore _store;

    public BackgroundCheckpointerTests() => _store = new ReadModelStore(Path.Combine(_directory, "projections.db"));

    [Fact]
    public async Task Committed_checkpoints_the_wal_into_the_file_after_enough_commits_and_not_before()
    {
        using var writer = _store.OpenLiveWriter(_store.Generation, BackgroundCheckpointer.BackstopPages);
        Exec(writer, "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)");
        var checkpointer = new BackgroundCheckpointer(_store.OpenReader, BackgroundCheckpointer.DefaultCommitsPerCheckpoint);
        var before = new FileInfo(_store.CurrentPath).Length;

        for (var i = 0; i < BackgroundCheckpointer.DefaultCommitsPerCheckpoint - 1; i++)
        {
            Exec(writer, $"INSERT INTO t (body) VALUES (zeroblob(2000))");
            checkpointer.Committed();
        }

        await checkpointer.Running;
        var beforeThreshold = new FileInfo(_store.CurrentPath).Length;
        Exec(writer, "INSERT INTO t (body) VALUES (zeroblob(2000))");
        checkpointer.Committed();
        await checkpointer.Running;
        var after = new FileInfo(_store.CurrentPath).Length;

        Assert.Equal(before, beforeThreshold);
        Assert.True(after >= BackgroundCheckpointer.DefaultCommitsPerCheckpoint * 2000, $"the file holds {after} bytes after the checkpoint");
        Assert.Equal(BackgroundCheckpointer.BackstopPages, Pragma(writer, "wal_autocheckpoint"));
    }

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (long)command.ExecuteScalar()!;
    }
}

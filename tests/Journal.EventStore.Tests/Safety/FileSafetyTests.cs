using Journal.Domain.Tape;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Safety;

public sealed class FileSafetyTests
{
    [Fact]
    public async Task Open_creates_the_data_directory_0700_and_the_database_files_0600()
    {
        await using var fixture = new StoreFixture();
        var store = fixture.Open();
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, Events.Many(3), EventMetadata.Empty, default);
        var directory = Path.GetDirectoryName(fixture.DatabasePath)!;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        foreach (var file in new[] { fixture.DatabasePath, fixture.DatabasePath + "-wal", fixture.DatabasePath + "-shm" })
        {
            Assert.True(File.Exists(file), file);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task Open_tightens_an_existing_world_readable_database_file()
    {
        await using var fixture = new StoreFixture();
        await fixture.CloseAsync(fixture.Open());
        File.SetUnixFileMode(fixture.DatabasePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead | UnixFileMode.GroupRead);

        fixture.Open();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fixture.DatabasePath));
    }

    [Theory]
    [InlineData("../journal.db")]
    [InlineData("data/../../etc/journal.db")]
    [InlineData("")]
    public void Open_refuses_a_path_with_dot_dot_or_no_path(string path)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = path }, StoreFixture.Registry, TimeProvider.System));

        Assert.Contains("DatabasePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_use_wal_synchronous_full_foreign_keys_and_a_busy_timeout()
    {
        await using var fixture = new StoreFixture();
        var store = fixture.Open(o => o with { BusyTimeoutMs = 4321 });
        using var connection = store.File.Connections.Open();

        Assert.Equal("wal", Pragma(connection, "journal_mode"));
        Assert.Equal("2", Pragma(connection, "synchronous"));
        Assert.Equal("1", Pragma(connection, "foreign_keys"));
        Assert.Equal("4321", Pragma(connection, "busy_timeout"));
    }

    private static string Pragma(Microsoft.Data.Sqlite.SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}

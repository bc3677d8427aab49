using Journal.Domain.Tape;
using Journal.EventStore.Schema;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Schema;

public sealed class MigrationTests
{
    [Fact]
    public async Task Open_records_every_migration_with_its_checksum()
    {
        await using var fixture = new StoreFixture();
        var store = fixture.Open();
        using var connection = fixture.RawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, checksum FROM schema_migrations ORDER BY version";
        using var reader = command.ExecuteReader();
        var recorded = new List<(long, string)>();
        while (reader.Read())
        {
            recorded.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        var set = MigrationSet.Tape();
        Assert.Equal(set.Migrations.Select(m => ((long)m.Version, m.Checksum)), recorded);
        Assert.Equal(set.LatestVersion, store.File.SchemaVersion);
        Assert.NotEqual(Guid.Empty, store.File.JournalId);
    }

    [Fact]
    public async Task Open_keeps_the_journal_id_across_reopen()
    {
        await using var fixture = new StoreFixture();
        var first = fixture.Open();
        var id = first.File.JournalId;

        var second = await fixture.ReopenAsync(first);

        Assert.Equal(id, second.File.JournalId);
    }

    [Fact]
    public async Task Open_refuses_a_file_whose_schema_is_newer_than_the_code()
    {
        await using var fixture = new StoreFixture();
        await fixture.CloseAsync(fixture.Open());
        fixture.Execute("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (99, 'future', 'x', 0)");

        var error = Assert.Throws<SchemaException>(() => fixture.Open());

        Assert.Equal("schema.too_new", error.Code);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_refuses_a_file_whose_recorded_checksum_differs()
    {
        await using var fixture = new StoreFixture();
        await fixture.CloseAsync(fixture.Open());
        fixture.Execute("UPDATE schema_migrations SET checksum = 'abc' WHERE version = 1");

        var error = Assert.Throws<SchemaException>(() => fixture.Open());

        Assert.Equal("schema.checksum_mismatch", error.Code);
    }

    [Fact]
    public async Task Open_upgrades_a_version_1_file_without_losing_a_row()
    {
        await using var fixture = new StoreFixture();
        Directory.CreateDirectory(Path.GetDirectoryName(fixture.DatabasePath)!);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "tape-v1.db"), fixture.DatabasePath);

        var store = fixture.Open();
        var report = await store.VerifyAsync();
        var slice = await store.ReadStreamAsync(StreamId.Parse("fixture-1"), 1, ReadDirection.Forward, 100, default);

        Assert.Equal(MigrationSet.Tape().LatestVersion, store.File.SchemaVersion);
        Assert.True(report.IsIntact, report.FirstMismatch?.ToString());
        Assert.Equal(25, report.EventsChecked);
        Assert.Equal(20, slice.Events.Count);
        Assert.Equal("fixture event 7", ((Happened)store.Serializer.Decode(slice.Events[6].EventType, slice.Events[6].Payload!.Value)!).Text);
        var next = await store.AppendAsync(StreamId.Parse("fixture-1"), ExpectedVersion.Exact(20), Events.Many(1), EventMetadata.Empty, default);
        Assert.Equal(26, next.Position);
    }
}

using Journal.Domain.Tape;
using Journal.EventStore.Tests.Support;
using Journal.EventStore.Verification;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Tests.Chain;

/// <summary>
/// The same bytes in another storage class hash the same, so the chain alone does not see them; but SQLite
/// compares TEXT and BLOB as different values, so lookups by stream miss such a row. Verification checks
/// the storage class of every column and the stream versions.
/// </summary>
public sealed class StorageClassTests : FourStreamTape
{
    [Theory]
    [InlineData("event_id", "CAST(event_id AS TEXT)", "event_id BLOB", "event_id TEXT")]
    [InlineData("stream_id", "CAST(stream_id AS BLOB)", "stream_id TEXT", "stream_id BLOB")]
    [InlineData("stream_version", "CAST(stream_version AS BLOB)", "stream_version INTEGER", "stream_version BLOB")]
    [InlineData("event_type", "CAST(event_type AS BLOB)", "event_type TEXT", "event_type BLOB")]
    [InlineData("recorded_at", "CAST(recorded_at AS BLOB)", "recorded_at INTEGER", "recorded_at BLOB")]
    [InlineData("metadata", "CAST(metadata AS TEXT)", "metadata BLOB", "metadata TEXT")]
    [InlineData("payload", "CAST(payload AS TEXT)", "payload BLOB or NULL", "payload TEXT")]
    [InlineData("payload_digest", "CAST(payload_digest AS TEXT)", "payload_digest BLOB", "payload_digest TEXT")]
    [InlineData("prev_hash", "CAST(prev_hash AS TEXT)", "prev_hash BLOB", "prev_hash TEXT")]
    [InlineData("hash", "CAST(hash AS TEXT)", "hash BLOB", "hash TEXT")]
    public async Task VerifyAsync_reports_storage_class_mismatch_when_a_column_holds_its_bytes_in_another_class(string column, string cast, string expected, string found)
    {
        Tamper($"UPDATE journal_events SET {column} = {cast} WHERE seq = 7;");

        var mismatch = (await VerifyAsync()).FirstMismatch!;

        Assert.Equal(7, mismatch.Seq);
        Assert.Equal(MismatchCodes.StorageClassMismatch, mismatch.Code);
        Assert.Equal(expected, mismatch.Expected);
        Assert.Equal(found, mismatch.Found);
    }

    [Fact]
    public async Task VerifyAsync_names_the_blob_stream_id_row_that_let_an_append_reuse_its_stream_version()
    {
        // seq 10 is s-1 version 5; stored as a BLOB, a lookup of 's-1' (TEXT) no longer finds it.
        Tamper("UPDATE journal_events SET stream_id = CAST(stream_id AS BLOB) WHERE seq = 10;");
        var store = Fixture.Open();

        var appended = await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Exact(4), Events.Many(1), EventMetadata.Empty, default);
        var report = await store.VerifyAsync();

        Assert.Equal(5, appended.StreamVersion);
        Assert.Equal(21, appended.Position);
        Assert.Equal(10, report.FirstMismatch!.Seq);
        Assert.Equal(MismatchCodes.StorageClassMismatch, report.FirstMismatch.Code);
        Assert.Equal("stream_id BLOB", report.FirstMismatch.Found);
    }

    private void Tamper(string sql)
    {
        using var connection = Fixture.RawConnection();
        Forger.DropTriggers(connection);
        Forger.Execute(connection, "PRAGMA ignore_check_constraints = ON; " + sql);
    }

    private async Task<VerificationReport> VerifyAsync()
    {
        var store = Fixture.Open();
        try
        {
            return await store.VerifyAsync();
        }
        finally
        {
            await Fixture.CloseAsync(store);
        }
    }
}

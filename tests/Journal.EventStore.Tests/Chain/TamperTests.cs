using Journal.Domain.Tape;
using Journal.EventStore.Tests.Support;
using Journal.EventStore.Verification;

namespace Journal.EventStore.Tests.Chain;

/// <summary>Another SQLite client drops the triggers and edits the file; verification must name the exact row.</summary>
public sealed class TamperTests : IAsyncLifetime
{
    private const string DropTriggers = "DROP TRIGGER journal_events_no_delete; DROP TRIGGER journal_events_only_erasure;";
    private readonly StoreFixture _fixture = new();
    private SqliteEventStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = _fixture.Open();
        for (var i = 0; i < 4; i++)
        {
            await _store.AppendAsync(StreamId.Parse($"s-{i}"), ExpectedVersion.Any, Events.Many(5), EventMetadata.Empty, default);
        }

        await _fixture.CloseAsync(_store);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task VerifyAsync_reports_intact_for_an_untouched_tape()
    {
        var report = await Reopen();

        Assert.Equal(VerificationStatus.Intact, report.Status);
        Assert.Equal(20, report.EventsChecked);
        Assert.Equal(20, report.HeadSeq);
        Assert.Null(report.FirstMismatch);
    }

    [Fact]
    public async Task VerifyAsync_names_the_row_whose_payload_was_changed()
    {
        _fixture.Execute(DropTriggers + "UPDATE journal_events SET payload = X'A1BB' WHERE seq = 7;");

        var mismatch = (await Reopen()).FirstMismatch!;

        Assert.Equal(7, mismatch.Seq);
        Assert.Equal(MismatchCodes.PayloadDigestMismatch, mismatch.Code);
        Assert.NotNull(mismatch.EventId);
    }

    [Fact]
    public async Task VerifyAsync_names_the_row_whose_event_type_was_changed()
    {
        _fixture.Execute(DropTriggers + "UPDATE journal_events SET event_type = 'test.noted.v1' WHERE seq = 11;");

        var mismatch = (await Reopen()).FirstMismatch!;

        Assert.Equal(11, mismatch.Seq);
        Assert.Equal(MismatchCodes.HashMismatch, mismatch.Code);
    }

    [Fact]
    public async Task VerifyAsync_names_the_row_whose_metadata_was_changed()
    {
        _fixture.Execute(DropTriggers + "UPDATE journal_events SET metadata = X'81A56163746F72A46576696C' WHERE seq = 4;");

        var mismatch = (await Reopen()).FirstMismatch!;

        Assert.Equal(4, mismatch.Seq);
        Assert.Equal(MismatchCodes.HashMismatch, mismatch.Code);
    }

    [Fact]
    public async Task VerifyAsync_names_the_row_whose_prev_hash_was_changed()
    {
        _fixture.Execute(DropTriggers + "UPDATE journal_events SET prev_hash = zeroblob(32) WHERE seq = 9;");

        var report = await Reopen();

        Assert.Equal(9, report.FirstMismatch!.Seq);
        Assert.Equal(MismatchCodes.PrevHashMismatch, report.FirstMismatch.Code);
        Assert.Equal(new string('0', 64), report.FirstMismatch.Found);
    }

    [Fact]
    public async Task VerifyAsync_names_the_missing_position_when_a_middle_row_was_deleted()
    {
        _fixture.Execute(DropTriggers + "DELETE FROM journal_events WHERE seq = 13;");

        var mismatch = (await Reopen()).FirstMismatch!;

        Assert.Equal(13, mismatch.Seq);
        Assert.Equal(MismatchCodes.SeqGap, mismatch.Code);
        Assert.Equal("14", mismatch.Found);
    }

    [Fact]
    public async Task VerifyAsync_names_the_first_of_two_swapped_rows()
    {
        _fixture.Execute(DropTriggers + """
            UPDATE journal_events SET seq = -5 WHERE seq = 5;
            UPDATE journal_events SET seq = 5 WHERE seq = 6;
            UPDATE journal_events SET seq = 6 WHERE seq = -5;
            """);

        var mismatch = (await Reopen()).FirstMismatch!;

        Assert.Equal(5, mismatch.Seq);
        Assert.Equal(MismatchCodes.Reordered, mismatch.Code);
        Assert.Equal("4", mismatch.Expected);
        Assert.Equal("6", mismatch.Found);
    }

    [Fact]
    public async Task VerifyAsync_reports_reordered_when_a_copy_of_the_table_permuted_the_seqs()
    {
        // Rows 12, 13, 14 become 14, 12, 13: the row now at 12 (was 13) chains to the row now at 14 (was 12).
        using (var connection = _fixture.RawConnection())
        {
            Forger.CopyWithoutConstraints(connection, "CASE seq WHEN 12 THEN 14 WHEN 13 THEN 12 WHEN 14 THEN 13 ELSE seq END");
        }

        var mismatch = (await Reopen()).FirstMismatch!;

        Assert.Equal(12, mismatch.Seq);
        Assert.Equal(MismatchCodes.Reordered, mismatch.Code);
        Assert.Equal("11", mismatch.Expected);
        Assert.Equal("14", mismatch.Found);
    }

    [Fact]
    public async Task VerifyAsync_reports_prev_hash_mismatch_when_prev_hash_is_no_row_hash()
    {
        _fixture.Execute(DropTriggers + "UPDATE journal_events SET prev_hash = randomblob(32) WHERE seq = 12;");

        var mismatch = (await Reopen()).FirstMismatch!;

        Assert.Equal(12, mismatch.Seq);
        Assert.Equal(MismatchCodes.PrevHashMismatch, mismatch.Code);
    }

    [Fact]
    public async Task VerifyAsync_names_a_payload_erased_without_an_erasure_record()
    {
        _fixture.Execute(DropTriggers + "UPDATE journal_events SET payload = NULL WHERE seq = 3;");

        var mismatch = (await Reopen()).FirstMismatch!;

        Assert.Equal(3, mismatch.Seq);
        Assert.Equal(MismatchCodes.ErasureUnrecorded, mismatch.Code);
    }

    [Fact]
    public async Task VerifyAsync_checks_only_the_range_asked_for()
    {
        _fixture.Execute(DropTriggers + "UPDATE journal_events SET payload = X'A1BB' WHERE seq = 18;");
        var store = _fixture.Open();

        var early = await store.VerifyAsync(1, 10);
        var late = await store.VerifyAsync(11, 20);

        Assert.True(early.IsIntact);
        Assert.Equal(10, early.EventsChecked);
        Assert.Equal(18, late.FirstMismatch!.Seq);
    }

    private async Task<VerificationReport> Reopen()
    {
        var store = _fixture.Open();
        return await store.VerifyAsync();
    }
}

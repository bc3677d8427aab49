using Journal.Domain.Tape;
using Journal.EventStore.Tests.Support;
using Journal.EventStore.Verification;

namespace Journal.EventStore.Tests.Chain;

/// <summary>
/// A forger who rewrites rows and recomputes every hash after them leaves a chain that holds; the stream
/// versions must still run 1..n in seq order in every stream.
/// </summary>
public sealed class StreamVersionTests : FourStreamTape
{
    [Fact]
    public async Task VerifyAsync_reports_stream_version_duplicate_when_a_rechained_row_repeats_a_version()
    {
        Forge("UPDATE journal_events SET stream_version = 3 WHERE seq = 9;", 9);

        var mismatch = (await VerifyAsync()).FirstMismatch!;

        Assert.Equal(9, mismatch.Seq);
        Assert.Equal(MismatchCodes.StreamVersionDuplicate, mismatch.Code);
        Assert.Equal("4", mismatch.Expected);
        Assert.Equal("3", mismatch.Found);
    }

    [Fact]
    public async Task VerifyAsync_reports_stream_version_gap_when_a_rechained_row_skips_versions()
    {
        Forge("UPDATE journal_events SET stream_version = 7 WHERE seq = 9;", 9);

        var mismatch = (await VerifyAsync()).FirstMismatch!;

        Assert.Equal(9, mismatch.Seq);
        Assert.Equal(MismatchCodes.StreamVersionGap, mismatch.Code);
        Assert.Equal("4", mismatch.Expected);
        Assert.Equal("7", mismatch.Found);
    }

    [Fact]
    public async Task VerifyAsync_reports_stream_version_gap_when_a_stream_does_not_start_at_1()
    {
        Forge("UPDATE journal_events SET stream_version = stream_version + 1 WHERE stream_id = 's-2';", 11);

        var mismatch = (await VerifyAsync()).FirstMismatch!;

        Assert.Equal(11, mismatch.Seq);
        Assert.Equal(MismatchCodes.StreamVersionGap, mismatch.Code);
        Assert.Equal("1", mismatch.Expected);
        Assert.Equal("2", mismatch.Found);
    }

    [Fact]
    public async Task VerifyAsync_checks_stream_versions_of_a_range_against_the_rows_before_it()
    {
        Forge("UPDATE journal_events SET stream_version = 3 WHERE seq = 9;", 9);
        var store = Fixture.Open();

        var range = await store.VerifyAsync(9, 20);
        var after = await store.VerifyAsync(10, 20);

        Assert.Equal(MismatchCodes.StreamVersionDuplicate, range.FirstMismatch!.Code);
        Assert.Equal(9, range.FirstMismatch.Seq);
        Assert.Equal(MismatchCodes.StreamVersionGap, after.FirstMismatch!.Code);
        Assert.Equal(10, after.FirstMismatch.Seq);
        Assert.Equal("4", after.FirstMismatch.Expected);
    }

    private void Forge(string sql, long fromSeq)
    {
        using var connection = Fixture.RawConnection();
        Forger.CopyWithoutConstraints(connection);
        Forger.Execute(connection, sql);
        Forger.Rechain(connection, fromSeq);
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

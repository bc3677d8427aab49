using System.Text.Json.Nodes;
using Journal.Domain.Tape;
using Journal.EventStore.Codec;
using Journal.EventStore.Tests.Support;
using Journal.EventStore.Verification;

namespace Journal.EventStore.Tests.Chain;

/// <summary>
/// A NULL payload is an erasure only when a later, intact <c>journal.payloads_erased.v1</c> record in the
/// stream <c>journal-erasures</c> lists it (docs/hash-chain.md, "The erasure record").
/// </summary>
public sealed class ErasureRecordTests : FourStreamTape
{
    [Fact]
    public async Task VerifyAsync_names_the_likely_cause_when_the_tail_holding_the_erasure_record_was_cut_off()
    {
        var store = Fixture.Open();
        var erasure = await store.ErasePayloadsAsync([2, 4], "forget", EventMetadata.Empty, default);
        await Fixture.CloseAsync(store);
        Assert.Equal(21, erasure.Position);
        Fixture.Execute("DROP TRIGGER journal_events_no_delete; DELETE FROM journal_events WHERE seq >= 21;");

        var mismatch = (await VerifyAsync()).FirstMismatch!;

        Assert.Equal(2, mismatch.Seq);
        Assert.Equal(MismatchCodes.ErasureUnrecorded, mismatch.Code);
        Assert.Equal("a journal.payloads_erased.v1 record after seq 2 listing it", mismatch.Expected);
        Assert.Equal("no such record up to the head (seq 20): missing, or cut off with the tail", mismatch.Found);
    }

    [Fact]
    public async Task VerifyAsync_does_not_count_an_erasure_record_written_to_another_stream()
    {
        using (var connection = Fixture.RawConnection())
        {
            Forger.Execute(connection, "UPDATE journal_events SET payload = NULL WHERE seq = 3");
            Forger.Append(connection, "s-0", "journal.payloads_erased.v1", Forger.ErasurePayload([3], "looks official"));
        }

        var mismatch = (await VerifyAsync()).FirstMismatch!;

        Assert.Equal(3, mismatch.Seq);
        Assert.Equal(MismatchCodes.ErasureUnrecorded, mismatch.Code);
    }

    [Fact]
    public async Task VerifyAsync_accepts_a_well_chained_erasure_record_in_the_erasure_stream()
    {
        using (var connection = Fixture.RawConnection())
        {
            Forger.EraseWithForgedRecord(connection, [3, 8], "forged");
        }

        var report = await VerifyAsync();

        Assert.True(report.IsIntact, report.FirstMismatch?.ToString());
        Assert.Equal(2, report.ErasedPayloads);
    }

    [Theory]
    [InlineData("""{"seqs":"3","reason":"r"}""")]
    [InlineData("""{"seqs":[3],"reason":7}""")]
    [InlineData("""{"reason":"r","seqs":[3]}""")]
    [InlineData("""{"seqs":[3],"reason":"r","by":"x"}""")]
    [InlineData("""{"seqs":[3,3],"reason":"r"}""")]
    [InlineData("""{"seqs":[0],"reason":"r"}""")]
    [InlineData("""{"seqs":[-3],"reason":"r"}""")]
    [InlineData("""{"seqs":[3.5],"reason":"r"}""")]
    [InlineData("""{"seqs":[21],"reason":"r"}""")]
    [InlineData("""[3]""")]
    public async Task VerifyAsync_reports_erasure_record_malformed_when_the_record_is_not_as_specified(string json)
    {
        using (var connection = Fixture.RawConnection())
        {
            Forger.Execute(connection, "UPDATE journal_events SET payload = NULL WHERE seq = 3");
            Assert.Equal(21, Forger.Append(connection, "journal-erasures", "journal.payloads_erased.v1", JsonMessagePack.Encode(JsonNode.Parse(json))));
        }

        var mismatch = (await VerifyAsync()).FirstMismatch!;

        Assert.Equal(21, mismatch.Seq);
        Assert.Equal(MismatchCodes.ErasureRecordMalformed, mismatch.Code);
    }

    [Fact]
    public async Task VerifyAsync_reports_erasure_record_malformed_when_bytes_follow_the_record()
    {
        using (var connection = Fixture.RawConnection())
        {
            Forger.Execute(connection, "UPDATE journal_events SET payload = NULL WHERE seq = 3");
            Forger.Append(connection, "journal-erasures", "journal.payloads_erased.v1", [.. Forger.ErasurePayload([3], "r"), 0xC0]);
        }

        var mismatch = (await VerifyAsync()).FirstMismatch!;

        Assert.Equal(21, mismatch.Seq);
        Assert.Equal(MismatchCodes.ErasureRecordMalformed, mismatch.Code);
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

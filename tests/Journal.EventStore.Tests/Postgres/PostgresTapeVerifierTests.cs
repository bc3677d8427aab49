using Journal.EventStore.Postgres.Verification;
using Journal.EventStore.Tests.Support;
using Journal.EventStore.Verification;
using Journal.Testing.Postgres;

namespace Journal.EventStore.Tests.Postgres;

/// <summary>The PostgreSQL verifier reports what the SQLite verifier reports over the same rows.</summary>
public sealed class PostgresTapeVerifierTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task VerifyAsync_passes_an_intact_tape_with_an_erasure_as_sqlite()
    {
        await using var tapes = await TwinsAsync(PostgresTapeReaderTests.Sample().Rows);

        var report = await Verifier(tapes).VerifyAsync();

        Assert.True(report.IsIntact, report.FirstMismatch?.ToString());
        Assert.Equal((9L, 1L, 9L), (report.EventsChecked, report.ErasedPayloads, report.HeadSeq));
        Assert.Equal(Comparable(await tapes.SqliteVerifier.VerifyAsync()), Comparable(report));
        Assert.Equal(Comparable(report), Comparable(await new PostgresTapeVerifier(tapes.DataSource).VerifyAsync()));
    }

    [Fact]
    public async Task VerifyAsync_passes_an_empty_tape()
    {
        await using var tapes = await TwinsAsync([]);
        var report = await Verifier(tapes).VerifyAsync();
        Assert.True(report.IsIntact);
        Assert.Equal(Comparable(await tapes.SqliteVerifier.VerifyAsync()), Comparable(report));
    }

    [Theory]
    [InlineData("payload", MismatchCodes.PayloadDigestMismatch)]
    [InlineData("payload_digest", MismatchCodes.PayloadDigestMismatch)]
    [InlineData("hash", MismatchCodes.HashMismatch)]
    [InlineData("prev_hash", MismatchCodes.PrevHashMismatch)]
    [InlineData("metadata", MismatchCodes.HashMismatch)]
    [InlineData("event_id", MismatchCodes.HashMismatch)]
    public async Task VerifyAsync_finds_a_flipped_byte_as_sqlite(string column, string code)
    {
        var rows = PostgresTapeReaderTests.Sample();
        rows.Alter(5, row => column switch
        {
            "payload" => row with { Payload = Flip(row.Payload!) },
            "payload_digest" => row with { PayloadDigest = Flip(row.PayloadDigest) },
            "hash" => row with { Hash = Flip(row.Hash) },
            "prev_hash" => row with { PrevHash = Flip(row.PrevHash) },
            "metadata" => row with { Metadata = Flip(row.Metadata) },
            _ => row with { EventId = new Guid(Flip(row.EventId.ToByteArray(bigEndian: true)), bigEndian: true) },
        });
        await using var tapes = await TwinsAsync(rows.Rows);

        var report = await Verifier(tapes).VerifyAsync();

        Assert.False(report.IsIntact);
        Assert.Equal((5L, code), (report.FirstMismatch!.Seq, report.FirstMismatch.Code));
        Assert.Equal(4, report.EventsChecked);
        Assert.Equal(Comparable(await tapes.SqliteVerifier.VerifyAsync()), Comparable(report));
    }

    [Fact]
    public async Task VerifyAsync_finds_a_gap_where_a_seq_was_skipped()
    {
        var rows = PostgresTapeReaderTests.Sample().Rows.Where(r => r.Seq != 5).ToList();
        await using var tapes = await TwinsAsync(rows);

        var report = await Verifier(tapes).VerifyAsync();

        Assert.Equal(new ChainMismatch(5, null, MismatchCodes.SeqGap, "5", "6"), report.FirstMismatch);
        Assert.Equal(Comparable(await tapes.SqliteVerifier.VerifyAsync()), Comparable(report));
    }

    [Fact]
    public async Task VerifyAsync_names_the_row_a_moved_link_chains_to()
    {
        var rows = PostgresTapeReaderTests.Sample();
        var second = rows.Rows[1].Hash;
        rows.Alter(5, row => row with { PrevHash = second });
        await using var tapes = await TwinsAsync(rows.Rows);

        var report = await Verifier(tapes).VerifyAsync();

        Assert.Equal((MismatchCodes.Reordered, "4", "2"), (report.FirstMismatch!.Code, report.FirstMismatch.Expected, report.FirstMismatch.Found));
        Assert.Equal(Comparable(await tapes.SqliteVerifier.VerifyAsync()), Comparable(report));
    }

    [Fact]
    public async Task VerifyAsync_finds_an_erased_payload_no_record_lists()
    {
        var rows = PostgresTapeReaderTests.Sample();
        rows.Erase(2);
        await using var tapes = await TwinsAsync(rows.Rows);

        var report = await Verifier(tapes).VerifyAsync();

        Assert.Equal((2L, MismatchCodes.ErasureUnrecorded), (report.FirstMismatch!.Seq, report.FirstMismatch.Code));
        Assert.Equal(Comparable(await tapes.SqliteVerifier.VerifyAsync()), Comparable(report));
    }

    [Theory]
    [InlineData(4, 7)]
    [InlineData(6, 100)]
    [InlineData(9, 9)]
    public async Task VerifyAsync_checks_a_range_from_the_hash_and_stream_versions_before_it(long from, long to)
    {
        await using var tapes = await TwinsAsync(PostgresTapeReaderTests.Sample().Rows);

        var report = await Verifier(tapes).VerifyAsync(from, to);

        Assert.True(report.IsIntact, report.FirstMismatch?.ToString());
        Assert.Equal(Math.Min(to, 9) - from + 1, report.EventsChecked);
        Assert.Equal(Comparable(await tapes.SqliteVerifier.VerifyAsync(from, to)), Comparable(report));
    }

    [Fact]
    public async Task VerifyAsync_finds_a_skipped_stream_version_in_a_range_from_the_version_before_it()
    {
        // The schema's unique (stream_id, stream_version) refuses a repeated version; a skipped one is only the chain's to find.
        var rows = PostgresTapeReaderTests.Sample();
        rows.Alter(5, row => row with { StreamVersion = 5 });
        rows.Rechain();
        await using var tapes = await TwinsAsync(rows.Rows);

        var report = await Verifier(tapes).VerifyAsync(4, null);

        Assert.Equal((5L, MismatchCodes.StreamVersionGap, "3", "5"), (report.FirstMismatch!.Seq, report.FirstMismatch.Code, report.FirstMismatch.Expected, report.FirstMismatch.Found));
        Assert.Equal(Comparable(await tapes.SqliteVerifier.VerifyAsync(4, null)), Comparable(report));
    }

    [Fact]
    public async Task ReadCheckpointStateAsync_and_AuditErasuresAsync_answer_what_sqlite_answers()
    {
        var rows = PostgresTapeReaderTests.Sample();
        rows.Erase(1);
        rows.AppendErasureRecord([1], "later");
        await using var tapes = await TwinsAsync(rows.Rows);

        var state = await Verifier(tapes).ReadCheckpointStateAsync(default);
        var sqlite = await tapes.SqliteVerifier.ReadCheckpointStateAsync(default);

        Assert.Equal((10L, 2L), (state.Seq, state.ErasedCount));
        Assert.Equal((sqlite.Seq, Hex(sqlite.HeadHash), sqlite.ErasedCount, Hex(sqlite.ErasedDigest)), (state.Seq, Hex(state.HeadHash), state.ErasedCount, Hex(state.ErasedDigest)));

        var audit = await Verifier(tapes).AuditErasuresAsync(9, default);
        var sqliteAudit = await tapes.SqliteVerifier.AuditErasuresAsync(9, default);
        Assert.Equal([new Checkpoints.ErasedSinceCheckpoint(1, 10, "later")], audit.Since);
        Assert.Equal((sqliteAudit.ErasedCount, Hex(sqliteAudit.ErasedDigest)), (audit.ErasedCount, Hex(audit.ErasedDigest)));
        Assert.Equal(sqliteAudit.Since, audit.Since);
        Assert.Equal(rows.Rows[8].Hash, await Verifier(tapes).ReadHashAtAsync(9, default));
        Assert.Null(await Verifier(tapes).ReadHashAtAsync(11, default));
    }

    [Fact]
    public async Task CheckFileAsync_finds_nothing_on_a_migrated_database()
    {
        await using var tapes = await TwinsAsync(PostgresTapeReaderTests.Sample().Rows);
        Assert.Empty(await Verifier(tapes).CheckFileAsync());
    }

    [Theory]
    [InlineData("DROP TRIGGER journal_events_no_delete ON journal_events", "journal_events_no_delete")]
    [InlineData("ALTER TABLE journal_events DISABLE TRIGGER journal_events_only_erasure", "journal_events_only_erasure")]
    [InlineData("DROP TRIGGER journal_info_no_update ON journal_info", "journal_info_no_update")]
    [InlineData("DROP TABLE journal_idempotency", "journal_idempotency")]
    [InlineData("DROP TABLE journal_counts", "journal_counts")]
    [InlineData("DROP TABLE journal_type_counts", "journal_type_counts")]
    [InlineData("DELETE FROM schema_migrations WHERE version = 1", "migration 1")]
    [InlineData("UPDATE schema_migrations SET checksum = 'x' WHERE version = 1", "migration 1")]
    [InlineData("DELETE FROM schema_migrations WHERE version = 2", "migration 2 (counts)")]
    public async Task CheckFileAsync_names_what_the_schema_lacks(string damage, string named)
    {
        await using var tapes = await TwinsAsync([]);
        await tapes.ExecutePostgresAsync(damage);

        var problems = await Verifier(tapes).CheckFileAsync();

        var problem = Assert.Single(problems);
        Assert.Contains(named, problem, StringComparison.Ordinal);
    }

    /// <summary>Four rows a page, so that scans of the sample cross pages.</summary>
    private static PostgresTapeVerifier Verifier(TwinTapes tapes) => new(tapes.DataSource, pageSize: 4);

    private async Task<TwinTapes> TwinsAsync(IEnumerable<TapeRow> rows)
    {
        var tapes = await TwinTapes.CreateAsync(fixture);
        await tapes.InsertAsync(rows);
        return tapes;
    }

    private static VerificationReport Comparable(VerificationReport report) => report with { ElapsedMs = 0 };

    private static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexString(bytes.Span);

    private static byte[] Flip(byte[] bytes)
    {
        var copy = bytes.ToArray();
        copy[^1] ^= 0x01;
        return copy;
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using Journal.EventStore.Chain;
using Journal.EventStore.Erasure;
using Journal.EventStore.Sql;
using Journal.EventStore.Storage;
using SQLitePCL;

namespace Journal.EventStore.Verification;

/// <summary>
/// Checks every row of a range as docs/hash-chain.md specifies: positions without gaps, each column in its
/// storage class, each prev_hash equal to the hash before it (or naming the row it chains to when rows were
/// moved), each payload's digest, each recomputed hash, each stream's versions 1..n, and that every erased
/// payload is listed by a later erasure record. Reads columns as spans straight from SQLite (no per-row
/// allocation but one key per new stream).
/// </summary>
public sealed class TapeVerifier(SqliteConnections connections)
{
    /// <summary>Verifies positions <paramref name="from"/>..<paramref name="to"/> (the head when null).</summary>
    public Task<VerificationReport> VerifyAsync(long from = 1, long? to = null, CancellationToken ct = default) =>
        Task.Run(() => Verify(Math.Max(1, from), to ?? long.MaxValue, ct), ct);

    /// <summary>The head and the count and digest of the erased positions up to it, as a checkpoint signs them, in one snapshot.</summary>
    public Task<Checkpoints.CheckpointState> ReadCheckpointStateAsync(CancellationToken ct) =>
        Task.Run(
            () =>
            {
                using var connection = connections.Open();
                return ErasureLedger.ReadState(connection, ct);
            },
            ct);

    /// <summary>
    /// The erasures seen from a checkpointed position: each erased payload a record after it lists (with that
    /// record), and the count and digest of the others up to it, to compare with what the checkpoint signed.
    /// </summary>
    public Task<Checkpoints.ErasureAudit> AuditErasuresAsync(long checkpointSeq, CancellationToken ct) =>
        Task.Run(
            () =>
            {
                using var connection = connections.Open();
                return ErasureLedger.Audit(connection, checkpointSeq, ct);
            },
            ct);

    /// <summary>The stored hash of the row at <paramref name="seq"/>; null when there is no such row.</summary>
    public byte[]? ReadHashAt(long seq)
    {
        using var connection = connections.Open();
        var hash = new byte[ChainHash.Size];
        return TryLoadHash(connection, seq, hash) ? hash : null;
    }

    /// <summary>
    /// SQLite's structural check of the whole file (<c>PRAGMA quick_check</c>): every page readable and
    /// well formed. Answers the problems found, none when the file is sound.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckFileAsync(CancellationToken ct = default) => await Task.Run(() => CheckFile(ct), ct).ConfigureAwait(false);

    private List<string> CheckFile(CancellationToken ct)
    {
        try
        {
            using var connection = connections.Open();
            using var command = connection.CreateCommand();
            command.CommandText = QuickCheckSql;
            using var reader = command.ExecuteReader();
            var problems = new List<string>();
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                var line = reader.GetString(0);
                if (line != "ok")
                {
                    problems.Add(line);
                }
            }

            return problems;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            return [ex.Message];
        }
    }

    private VerificationReport Verify(long from, long to, CancellationToken ct)
    {
        var run = new Run(from);
        var clock = Stopwatch.StartNew();
        try
        {
            return Verify(from, to, run, clock, ct);
        }
        catch (Exception ex) when (IsCorrupt(ex))
        {
            // A damaged page is a broken tape too: name the position the scan had reached.
            var mismatch = run.Mismatch ?? new ChainMismatch(run.Expected, null, MismatchCodes.FileCorrupt, "a readable row", ex.Message);
            return new VerificationReport(VerificationStatus.Broken, from, Math.Max(from, run.Expected), run.Checked, run.Erased, run.Expected - 1, Convert.ToHexStringLower(run.PrevHash), mismatch, clock.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>What an erased payload at <paramref name="seq"/> needs, as the mismatch states it.</summary>
    internal static string UnrecordedExpected(long seq) => $"a journal.payloads_erased.v1 record after seq {seq.ToString(Inv)} listing it";

    /// <summary>What the tape holds instead: the likely causes, a bare update or a cut-off tail.</summary>
    internal static string UnrecordedFound(long headSeq) => $"no such record up to the head (seq {headSeq.ToString(Inv)}): missing, or cut off with the tail";

    private static bool IsCorrupt(Exception ex) =>
        ex is StorageException { Code: StorageException.Corrupt } || ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase };

    private VerificationReport Verify(long from, long to, Run run, Stopwatch clock, CancellationToken ct)
    {
        using var connection = connections.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var (headSeq, headHash) = Head(connection);
        var last = Math.Min(to, headSeq);
        if (from > 1 && !TryLoadHash(connection, from - 1, run.PrevHash))
        {
            run.Fail(new ChainMismatch(from - 1, null, MismatchCodes.SeqGap, (from - 1).ToString(Inv), "missing"));
        }

        if (run.Mismatch is null && from <= last)
        {
            Scan(connection, from, last, run, ct);
        }

        // An erasure is recorded after the rows it erases: only a check that reaches the head sees every record.
        if (run.Mismatch is null && last == headSeq && run.Unrecorded.Count > 0)
        {
            var seq = run.Unrecorded.Min();
            run.Fail(new ChainMismatch(seq, null, MismatchCodes.ErasureUnrecorded, UnrecordedExpected(seq), UnrecordedFound(headSeq)));
        }

        return new VerificationReport(
            run.Mismatch is null ? VerificationStatus.Intact : VerificationStatus.Broken,
            from,
            last,
            run.Checked,
            run.Erased,
            headSeq,
            Convert.ToHexStringLower(headHash),
            run.Mismatch,
            clock.Elapsed.TotalMilliseconds);
    }

    private static void Scan(Microsoft.Data.Sqlite.SqliteConnection connection, long from, long last, Run run, CancellationToken ct)
    {
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, TapeSql.SelectVerifyRange, out var statement));
        using var scope = statement;
        raw.sqlite3_bind_int64(statement, 1, from);
        raw.sqlite3_bind_int64(statement, 2, last);
        Span<byte> digest = stackalloc byte[ChainHash.Size];
        Span<byte> metadataDigest = stackalloc byte[ChainHash.Size];
        Span<byte> hash = stackalloc byte[ChainHash.Size];
        Span<int> classes = stackalloc int[ColumnTypes.Count];
        int rc;
        while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
        {
            if ((run.Checked & 0xFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            // Storage classes first: reading a column in another type converts it, after which its type is undefined.
            ColumnTypes.Read(statement, classes);

            // 1. The position.
            var seq = raw.sqlite3_column_int64(statement, 0);
            if (classes[0] != raw.SQLITE_INTEGER)
            {
                run.Fail(new ChainMismatch(run.Expected, null, MismatchCodes.StorageClassMismatch, ColumnTypes.Describe(0), ColumnTypes.Describe(0, classes[0])));
                return;
            }

            if (seq != run.Expected)
            {
                run.Fail(new ChainMismatch(run.Expected, null, MismatchCodes.SeqGap, run.Expected.ToString(Inv), seq.ToString(Inv)));
                return;
            }

            // 2. Every other column in its storage class: the same bytes as a BLOB instead of TEXT hash alike but compare unequal.
            var eventId = raw.sqlite3_column_blob(statement, 1);
            if (ColumnTypes.Misplaced(classes) is { } column)
            {
                run.Fail(new ChainMismatch(seq, IdOf(eventId), MismatchCodes.StorageClassMismatch, ColumnTypes.Describe(column), ColumnTypes.Describe(column, classes[column])));
                return;
            }

            // 3. The link to the row before.
            var prevHash = raw.sqlite3_column_blob(statement, 9);
            if (!prevHash.SequenceEqual(run.PrevHash))
            {
                run.Fail(RowLookups.LinkMismatch(connection, seq, eventId, prevHash, run.PrevHash));
                return;
            }

            // 4. The payload against its digest; NULL is an erased payload.
            var payloadDigest = raw.sqlite3_column_blob(statement, 8);
            var erased = classes[7] == raw.SQLITE_NULL;
            var payload = erased ? default : raw.sqlite3_column_blob(statement, 7);
            if (!erased)
            {
                SHA256.HashData(payload, digest);
                if (!digest.SequenceEqual(payloadDigest))
                {
                    run.Fail(Mismatch(seq, eventId, MismatchCodes.PayloadDigestMismatch, payloadDigest, digest));
                    return;
                }
            }

            // 5. The chain hash.
            var stored = raw.sqlite3_column_blob(statement, 10);
            if (eventId.Length != 16 || payloadDigest.Length != ChainHash.Size)
            {
                // A malformed identity column cannot have produced the stored hash.
                run.Fail(Mismatch(seq, eventId, MismatchCodes.HashMismatch, "a 16-byte event_id and a 32-byte payload_digest"u8, stored));
                return;
            }

            // Events of one append share their metadata bytes: equal bytes have the digest already computed.
            var metadata = raw.sqlite3_column_blob(statement, 6);
            if (!run.HasMetadataDigest || !metadata.SequenceEqual(run.LastMetadata.AsSpan(0, run.LastMetadataLength)))
            {
                SHA256.HashData(metadata, metadataDigest);
                run.RememberMetadata(metadata, metadataDigest);
            }
            else
            {
                run.LastMetadataDigest.CopyTo(metadataDigest);
            }

            var stream = raw.sqlite3_column_blob(statement, 2);
            var version = raw.sqlite3_column_int64(statement, 3);
            var eventType = raw.sqlite3_column_blob(statement, 4);
            ChainHash.Compute(
                run.PrevHash,
                seq,
                eventId,
                stream,
                version,
                eventType,
                raw.sqlite3_column_int64(statement, 5),
                metadataDigest,
                payloadDigest,
                hash);
            if (!hash.SequenceEqual(stored))
            {
                run.Fail(Mismatch(seq, eventId, MismatchCodes.HashMismatch, hash, stored));
                return;
            }

            // 6. The stream's versions run 1..n in seq order.
            ref var lastVersion = ref run.Streams.Last(stream, out var seen);
            if (!seen && from > 1)
            {
                lastVersion = RowLookups.VersionBefore(connection, stream, from);
            }

            if (version != lastVersion + 1)
            {
                var code = version >= 1 && version <= lastVersion ? MismatchCodes.StreamVersionDuplicate : MismatchCodes.StreamVersionGap;
                run.Fail(new ChainMismatch(seq, IdOf(eventId), code, (lastVersion + 1).ToString(Inv), version.ToString(Inv)));
                return;
            }

            lastVersion = version;

            // 7. Erasures: a NULL payload waits for a later record listing it.
            if (erased)
            {
                run.Erased++;
                run.Unrecorded.Add(seq);
            }
            else if (ErasureRecord.IsRecord(stream, eventType))
            {
                if (!ErasureRecord.TryDecode(payload, seq, out var listed, out _))
                {
                    run.Fail(new ChainMismatch(seq, IdOf(eventId), MismatchCodes.ErasureRecordMalformed, MalformedRecordExpected, "malformed"));
                    return;
                }

                foreach (var position in listed)
                {
                    run.Unrecorded.Remove(position);
                }
            }

            stored.CopyTo(run.PrevHash);
            run.Checked++;
            run.Expected++;
        }

        Check(db, rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
    }

    /// <summary>What an erasure record's payload must be, as a mismatch states it.</summary>
    internal const string MalformedRecordExpected = "a journal.payloads_erased.v1 payload as docs/hash-chain.md defines it";

    internal static Guid? IdOf(ReadOnlySpan<byte> eventId) => eventId.Length == 16 ? new Guid(eventId, bigEndian: true) : null;

    internal static System.Globalization.CultureInfo Inv => System.Globalization.CultureInfo.InvariantCulture;

    internal static ChainMismatch Mismatch(long seq, ReadOnlySpan<byte> eventId, string code, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> found) =>
        new(seq, eventId.Length == 16 ? new Guid(eventId, bigEndian: true) : null, code, Convert.ToHexStringLower(expected), Convert.ToHexStringLower(found));

    private static (long Seq, byte[] Hash) Head(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectHead;
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, ChainHash.Genesis.ToArray());
    }

    private static bool TryLoadHash(Microsoft.Data.Sqlite.SqliteConnection connection, long seq, byte[] destination)
    {
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectHashAt;
        command.Parameters.AddWithValue("$seq", seq);
        if (command.ExecuteScalar() is not byte[] hash || hash.Length != ChainHash.Size)
        {
            return false;
        }

        hash.CopyTo(destination, 0);
        return true;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            var code = rc is SqliteCorrupt or SqliteNotADatabase ? StorageException.Corrupt : StorageException.Unavailable;
            throw new StorageException($"verification could not read the tape: {raw.sqlite3_errmsg(db).utf8_to_string()}", null, code);
        }
    }

    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private static readonly string QuickCheckSql = SqlText.Load("Inspection/QuickCheck.sql");

    private sealed class Run(long from)
    {
        public long Expected { get; set; } = from;

        public byte[] PrevHash { get; } = ChainHash.Genesis.ToArray();

        public long Checked { get; set; }

        public long Erased { get; set; }

        public HashSet<long> Unrecorded { get; } = [];

        public StreamVersions Streams { get; } = new();

        public byte[] LastMetadata { get; private set; } = new byte[256];

        public int LastMetadataLength { get; private set; }

        public byte[] LastMetadataDigest { get; } = new byte[ChainHash.Size];

        public bool HasMetadataDigest { get; private set; }

        public void RememberMetadata(ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> digest)
        {
            if (metadata.Length > LastMetadata.Length)
            {
                LastMetadata = new byte[Math.Max(metadata.Length, LastMetadata.Length * 2)];
            }

            metadata.CopyTo(LastMetadata);
            LastMetadataLength = metadata.Length;
            digest.CopyTo(LastMetadataDigest);
            HasMetadataDigest = true;
        }

        public ChainMismatch? Mismatch { get; private set; }

        public void Fail(ChainMismatch mismatch) => Mismatch ??= mismatch;
    }
}

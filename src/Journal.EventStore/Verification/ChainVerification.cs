using System.Diagnostics;
using System.Security.Cryptography;
using Journal.EventStore.Chain;
using Journal.EventStore.Erasure;

namespace Journal.EventStore.Verification;

/// <summary>
/// The chain check of docs/hash-chain.md over the rows of any backend: positions without gaps, each column in its
/// type, each prev_hash equal to the hash before it (or naming the row it chains to when rows were moved), each
/// payload's digest, each recomputed hash, each stream's versions 1..n, and that every erased payload is listed by
/// a later erasure record. Rows come from an <see cref="IChainSource"/>; nothing here knows the storage.
/// </summary>
internal static class ChainVerification
{
    /// <summary>What an erasure record's payload must be, as a mismatch states it.</summary>
    internal const string MalformedRecordExpected = "a journal.payloads_erased.v1 payload as docs/hash-chain.md defines it";

    internal static System.Globalization.CultureInfo Inv => System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>Verifies <paramref name="from"/>..<paramref name="to"/> (clamped to the head) in the source's snapshot.</summary>
    public static async Task<VerificationReport> VerifyAsync(IChainSource source, long from, long to, CancellationToken ct)
    {
        var run = new Run(from);
        var clock = Stopwatch.StartNew();
        try
        {
            return await VerifyAsync(source, from, to, run, clock, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (source.IsCorrupt(ex))
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

    internal static Guid? IdOf(ReadOnlySpan<byte> eventId) => eventId.Length == 16 ? new Guid(eventId, bigEndian: true) : null;

    internal static ChainMismatch Mismatch(long seq, ReadOnlySpan<byte> eventId, string code, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> found) =>
        new(seq, IdOf(eventId), code, Convert.ToHexStringLower(expected), Convert.ToHexStringLower(found));

    private static async Task<VerificationReport> VerifyAsync(IChainSource source, long from, long to, Run run, Stopwatch clock, CancellationToken ct)
    {
        var (headSeq, headHash) = await source.ReadHeadAsync(ct).ConfigureAwait(false);
        var last = Math.Min(to, headSeq);
        if (from > 1)
        {
            if (await source.ReadHashAtAsync(from - 1, ct).ConfigureAwait(false) is { } before)
            {
                before.CopyTo(run.PrevHash, 0);
            }
            else
            {
                run.Fail(new ChainMismatch(from - 1, null, MismatchCodes.SeqGap, (from - 1).ToString(Inv), "missing"));
            }
        }

        if (run.Mismatch is null && from <= last)
        {
            await ScanAsync(source, from, last, run, ct).ConfigureAwait(false);
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

    private static async Task ScanAsync(IChainSource source, long from, long last, Run run, CancellationToken ct)
    {
        var rows = await source.OpenRangeAsync(from, last, ct).ConfigureAwait(false);
        await using (rows.ConfigureAwait(false))
        {
            while (await rows.MoveNextAsync(ct).ConfigureAwait(false))
            {
                if ((run.Checked & 0xFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                switch (CheckRow(rows, run, from > 1))
                {
                    case Outcome.Failed:
                        return;
                    case Outcome.LinkBroken:
                        run.Fail(await LinkMismatchAsync(source, rows.Seq, rows.EventId.ToArray(), rows.PrevHash.ToArray(), run.PrevHash, ct).ConfigureAwait(false));
                        return;
                    case Outcome.StreamUnseen:
                        // A range that starts past 1 learns each stream's last version before it, once per stream.
                        var stream = rows.StreamId.ToArray();
                        var before = await source.ReadVersionBeforeAsync(stream, from, ct).ConfigureAwait(false);
                        run.Streams.Set(stream, before);
                        if (!CheckVersionAndErasure(run, rows.Seq, rows.EventId, stream, rows.StreamVersion, rows.EventType, rows.PayloadErased, rows.Payload, rows.Hash))
                        {
                            return;
                        }

                        break;
                }
            }
        }
    }

    /// <summary>
    /// A prev_hash that is not the hash before: when it is the hash of another row, the rows were moved and the
    /// row it chains to is named; otherwise the link itself was changed.
    /// </summary>
    private static async Task<ChainMismatch> LinkMismatchAsync(IChainSource source, long seq, byte[] eventId, byte[] prevHash, byte[] expected, CancellationToken ct) =>
        await source.FindSeqByHashAsync(prevHash, seq, ct).ConfigureAwait(false) is { } other
            ? new ChainMismatch(seq, IdOf(eventId), MismatchCodes.Reordered, (seq - 1).ToString(Inv), other.ToString(Inv))
            : Mismatch(seq, eventId, MismatchCodes.PrevHashMismatch, expected, prevHash);

    /// <summary>
    /// Checks the current row, reading each column once (on SQLite each read crosses into native code). Stops short
    /// of the stream version check when the row's stream needs its version before the range looked up first.
    /// </summary>
    private static Outcome CheckRow(IChainRows rows, Run run, bool rangeStartsLate)
    {
        // 1. The position.
        if (rows.SeqMisplaced(out var expectedType, out var foundType))
        {
            run.Fail(new ChainMismatch(run.Expected, null, MismatchCodes.StorageClassMismatch, expectedType, foundType));
            return Outcome.Failed;
        }

        var seq = rows.Seq;
        if (seq != run.Expected)
        {
            run.Fail(new ChainMismatch(run.Expected, null, MismatchCodes.SeqGap, run.Expected.ToString(Inv), seq.ToString(Inv)));
            return Outcome.Failed;
        }

        // 2. Every other column in its type: the same bytes as a BLOB instead of TEXT hash alike but compare unequal.
        var eventId = rows.EventId;
        if (rows.ColumnMisplaced(out expectedType, out foundType))
        {
            run.Fail(new ChainMismatch(seq, IdOf(eventId), MismatchCodes.StorageClassMismatch, expectedType, foundType));
            return Outcome.Failed;
        }

        // 3. The link to the row before.
        if (!rows.PrevHash.SequenceEqual(run.PrevHash))
        {
            return Outcome.LinkBroken;
        }

        // 4. The payload against its digest; NULL is an erased payload.
        var payloadDigest = rows.PayloadDigest;
        Span<byte> digest = run.Digest;
        var erased = rows.PayloadErased;
        var payload = erased ? default : rows.Payload;
        if (!erased)
        {
            SHA256.HashData(payload, digest);
            if (!digest.SequenceEqual(payloadDigest))
            {
                run.Fail(Mismatch(seq, eventId, MismatchCodes.PayloadDigestMismatch, payloadDigest, digest));
                return Outcome.Failed;
            }
        }

        // 5. The chain hash.
        var stored = rows.Hash;
        if (eventId.Length != 16 || payloadDigest.Length != ChainHash.Size)
        {
            // A malformed identity column cannot have produced the stored hash.
            run.Fail(Mismatch(seq, eventId, MismatchCodes.HashMismatch, "a 16-byte event_id and a 32-byte payload_digest"u8, stored));
            return Outcome.Failed;
        }

        // Events of one append share their metadata bytes: equal bytes have the digest already computed.
        var metadata = rows.Metadata;
        Span<byte> metadataDigest = run.MetadataDigest;
        if (!run.HasMetadataDigest || !metadata.SequenceEqual(run.LastMetadata.AsSpan(0, run.LastMetadataLength)))
        {
            SHA256.HashData(metadata, metadataDigest);
            run.RememberMetadata(metadata);
        }

        Span<byte> hash = run.Hash;
        var stream = rows.StreamId;
        var version = rows.StreamVersion;
        var eventType = rows.EventType;
        ChainHash.Compute(run.PrevHash, seq, eventId, stream, version, eventType, rows.RecordedAt, metadataDigest, payloadDigest, hash);
        if (!hash.SequenceEqual(stored))
        {
            run.Fail(Mismatch(seq, eventId, MismatchCodes.HashMismatch, hash, stored));
            return Outcome.Failed;
        }

        if (rangeStartsLate && !run.Streams.Contains(stream))
        {
            return Outcome.StreamUnseen;
        }

        return CheckVersionAndErasure(run, seq, eventId, stream, version, eventType, erased, payload, stored) ? Outcome.Ok : Outcome.Failed;
    }

    /// <summary>Steps 6 and 7: the stream's versions, and erasures waiting for their record; then the row counts.</summary>
    private static bool CheckVersionAndErasure(
        Run run,
        long seq,
        ReadOnlySpan<byte> eventId,
        ReadOnlySpan<byte> stream,
        long version,
        ReadOnlySpan<byte> eventType,
        bool erased,
        ReadOnlySpan<byte> payload,
        ReadOnlySpan<byte> stored)
    {
        // 6. The stream's versions run 1..n in seq order.
        ref var lastVersion = ref run.Streams.Last(stream, out _);
        if (version != lastVersion + 1)
        {
            var code = version >= 1 && version <= lastVersion ? MismatchCodes.StreamVersionDuplicate : MismatchCodes.StreamVersionGap;
            run.Fail(new ChainMismatch(seq, IdOf(eventId), code, (lastVersion + 1).ToString(Inv), version.ToString(Inv)));
            return false;
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
                return false;
            }

            foreach (var position in listed)
            {
                run.Unrecorded.Remove(position);
            }
        }

        stored.CopyTo(run.PrevHash);
        run.Checked++;
        run.Expected++;
        return true;
    }

    private enum Outcome
    {
        Ok,
        Failed,
        LinkBroken,
        StreamUnseen,
    }

    /// <summary>The state of one verification: where it is, what it counted, and buffers reused for every row.</summary>
    private sealed class Run(long from)
    {
        public long Expected { get; set; } = from;

        public byte[] PrevHash { get; } = ChainHash.Genesis.ToArray();

        public long Checked { get; set; }

        public long Erased { get; set; }

        public HashSet<long> Unrecorded { get; } = [];

        public StreamVersions Streams { get; } = new();

        public byte[] Digest { get; } = new byte[ChainHash.Size];

        public byte[] MetadataDigest { get; } = new byte[ChainHash.Size];

        public byte[] Hash { get; } = new byte[ChainHash.Size];

        public byte[] LastMetadata { get; private set; } = new byte[256];

        public int LastMetadataLength { get; private set; }

        public bool HasMetadataDigest { get; private set; }

        /// <summary>Keeps the metadata whose digest is now in <see cref="MetadataDigest"/>.</summary>
        public void RememberMetadata(ReadOnlySpan<byte> metadata)
        {
            if (metadata.Length > LastMetadata.Length)
            {
                LastMetadata = new byte[Math.Max(metadata.Length, LastMetadata.Length * 2)];
            }

            metadata.CopyTo(LastMetadata);
            LastMetadataLength = metadata.Length;
            HasMetadataDigest = true;
        }

        public ChainMismatch? Mismatch { get; private set; }

        public void Fail(ChainMismatch mismatch) => Mismatch ??= mismatch;
    }
}

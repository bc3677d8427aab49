using System.Text;
using Journal.Domain.Tape;
using Journal.EventStore.Chain;
using Journal.EventStore.Redaction;
using Journal.EventStore.Serialization;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Postgres;

/// <summary>One tape row with every stored column.</summary>
internal sealed record TapeRow(
    long Seq,
    Guid EventId,
    string StreamId,
    long StreamVersion,
    string EventType,
    long RecordedAt,
    byte[] Metadata,
    byte[]? Payload,
    byte[] PayloadDigest,
    byte[] PrevHash,
    byte[] Hash);

/// <summary>
/// Rows chained as the writer chains them: payload and metadata encoded by <see cref="PayloadSerializer"/>,
/// hashes computed by <see cref="ChainHash"/>, seq and stream versions gapless. Tests then insert them, as they
/// are or altered, into any backend.
/// </summary>
internal sealed class ChainedRows
{
    private static readonly PayloadSerializer Serializer = new(StoreFixture.Registry, new Redactor(RedactionOptions.Default), 1 << 20);
    private readonly List<TapeRow> _rows = [];
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private long _clock = 1_767_322_800_000;

    public IReadOnlyList<TapeRow> Rows => _rows;

    /// <summary>Appends an event encoded as the writer encodes it.</summary>
    public TapeRow Append(string stream, EventData data)
    {
        var encoded = Serializer.Encode(data, new EventMetadata(Actor: "tests", CorrelationId: "c-" + (_rows.Count / 3).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Append(stream, data.EventId, data.EventType, encoded.Metadata, encoded.Payload);
    }

    /// <summary>Appends an erasure record listing <paramref name="seqs"/> (their payloads are not blanked here).</summary>
    public TapeRow AppendErasureRecord(IEnumerable<long> seqs, string reason) =>
        Append("journal-erasures", Guid.NewGuid(), "journal.payloads_erased.v1", PayloadSerializer.EncodeMetadata(new EventMetadata(Actor: "retention")), Forger.ErasurePayload(seqs, reason));

    /// <summary>Blanks a payload as an erasure does (every other column kept).</summary>
    public void Erase(long seq) => _rows[(int)seq - 1] = _rows[(int)seq - 1] with { Payload = null };

    /// <summary>Replaces a row by an altered copy (the hashes are not recomputed).</summary>
    public void Alter(long seq, Func<TapeRow, TapeRow> change) => _rows[(int)seq - 1] = change(_rows[(int)seq - 1]);

    /// <summary>Recomputes every prev_hash and hash from the stored columns, as a forger with docs/hash-chain.md would after an edit.</summary>
    public void Rechain()
    {
        var prev = ChainHash.Genesis.ToArray();
        for (var i = 0; i < _rows.Count; i++)
        {
            var row = _rows[i];
            var hash = new byte[ChainHash.Size];
            ChainHash.Compute(prev, row.Seq, row.EventId.ToByteArray(bigEndian: true), Encoding.UTF8.GetBytes(row.StreamId), row.StreamVersion, Encoding.UTF8.GetBytes(row.EventType), row.RecordedAt, ChainHash.Digest(row.Metadata), row.PayloadDigest, hash);
            _rows[i] = row with { PrevHash = prev, Hash = hash };
            prev = hash;
        }
    }

    private TapeRow Append(string stream, Guid eventId, string eventType, byte[] metadata, byte[] payload)
    {
        var seq = _rows.Count + 1L;
        var version = _versions.GetValueOrDefault(stream) + 1;
        _versions[stream] = version;
        var prev = _rows.Count == 0 ? ChainHash.Genesis.ToArray() : _rows[^1].Hash;
        var digest = ChainHash.Digest(payload);
        var at = _clock += 7;
        var hash = new byte[ChainHash.Size];
        ChainHash.Compute(prev, seq, eventId.ToByteArray(bigEndian: true), Encoding.UTF8.GetBytes(stream), version, Encoding.UTF8.GetBytes(eventType), at, ChainHash.Digest(metadata), digest, hash);
        var row = new TapeRow(seq, eventId, stream, version, eventType, at, metadata, payload, digest, prev, hash);
        _rows.Add(row);
        return row;
    }
}

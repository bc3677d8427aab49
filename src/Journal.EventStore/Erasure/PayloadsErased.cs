using Journal.Domain.Tape;

namespace Journal.EventStore.Erasure;

/// <summary>
/// The record of an erasure: which positions lost their payload, and why. Its bytes on the tape (a two-entry
/// MessagePack map, <c>seqs</c> then <c>reason</c>) are specified in docs/hash-chain.md, "The erasure record",
/// and verification reads them with <see cref="ErasureRecord"/> alone.
/// </summary>
/// <param name="Seqs">Positions erased by this erasure.</param>
/// <param name="Reason">Why (retention, purge, a request to forget).</param>
[EventType("journal.payloads_erased.v1")]
public sealed record PayloadsErased(IReadOnlyList<long> Seqs, string Reason)
{
    /// <summary>The stream erasure records go to.</summary>
    public static StreamId Stream { get; } = StreamId.Parse("journal-erasures");
}

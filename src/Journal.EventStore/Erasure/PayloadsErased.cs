using Journal.Domain.Tape;

namespace Journal.EventStore.Erasure;

/// <summary>The record of an erasure: which positions lost their payload, and why.</summary>
/// <param name="Seqs">Positions erased by this erasure.</param>
/// <param name="Reason">Why (retention, purge, a request to forget).</param>
[EventType("journal.payloads_erased.v1")]
public sealed record PayloadsErased(IReadOnlyList<long> Seqs, string Reason)
{
    /// <summary>The stream erasure records go to.</summary>
    public static StreamId Stream { get; } = StreamId.Parse("journal-erasures");
}

namespace Journal.EventStore.Writing;

/// <summary>
/// What one group adds to the kept counts (<c>journal_counts</c>, <c>journal_type_counts</c>): its events, the
/// streams it opened (an event at stream_version 1), the payloads it erased, and its events by type. Its rows
/// are the positions after <see cref="AfterSeq"/>, from which the writer also moves the kept open streams
/// (<c>journal_open_streams</c>) in the same transaction.
/// </summary>
internal sealed record GroupCounts(long Events, long Streams, long ErasedPayloads, IReadOnlyDictionary<string, long> ByType, long AfterSeq);

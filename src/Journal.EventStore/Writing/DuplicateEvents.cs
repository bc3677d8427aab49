using Journal.Domain.Errors;
using Journal.Domain.Tape;

namespace Journal.EventStore.Writing;

/// <summary>
/// Idempotency by event id: when every event id of an append is on the tape already with the same stream,
/// type and payload digest, the original positions are the answer and nothing is written. A partial or
/// different match is a conflict. Permanent: the tape itself is the dedupe index.
/// </summary>
internal sealed class DuplicateEvents(ITapeStatements sql)
{
    /// <summary>The original results when the whole append is on the tape already; null when none of it is.</summary>
    /// <exception cref="EventIdConflictException">Part of the append, or a different event under one of its ids, is on the tape.</exception>
    public AppendResult[]? Find(IReadOnlyList<EncodedStreamAppend> streams)
    {
        var found = 0;
        var total = 0;
        var results = new AppendResult[streams.Count];
        for (var i = 0; i < streams.Count; i++)
        {
            var positions = new EventPosition[streams[i].Events.Count];
            for (var e = 0; e < streams[i].Events.Count; e++)
            {
                total++;
                var encoded = streams[i].Events[e];
                var existing = sql.FindIdentity(encoded.EventId);
                if (existing is null)
                {
                    continue;
                }

                var (seq, streamId, version, eventType, digest) = existing.Value;
                if (!string.Equals(streamId, streams[i].Stream.Value, StringComparison.Ordinal))
                {
                    throw new EventIdConflictException(encoded.EventId, $"it belongs to stream '{streamId}'");
                }

                if (!string.Equals(eventType, encoded.EventType, StringComparison.Ordinal))
                {
                    throw new EventIdConflictException(encoded.EventId, $"it has type '{eventType}'");
                }

                if (!digest.AsSpan().SequenceEqual(encoded.PayloadDigest))
                {
                    throw new EventIdConflictException(encoded.EventId, "its payload differs");
                }

                positions[e] = new EventPosition(encoded.EventId, seq, version);
                found++;
            }

            if (found == total)
            {
                results[i] = new AppendResult(streams[i].Stream, positions, positions.Max(p => p.StreamVersion), positions.Max(p => p.Seq), Duplicate: true);
            }
        }

        if (found == 0)
        {
            return null;
        }

        if (found != total)
        {
            throw new EventIdConflictException(FirstKnownId(streams), "only part of the append is on the tape already");
        }

        return results;
    }

    private Guid FirstKnownId(IReadOnlyList<EncodedStreamAppend> streams) =>
        streams.SelectMany(s => s.Events).First(e => sql.FindIdentity(e.EventId) is not null).EventId;
}

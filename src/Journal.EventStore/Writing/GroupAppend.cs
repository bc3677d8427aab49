using Journal.Domain.Errors;
using Journal.Domain.Tape;

namespace Journal.EventStore.Writing;

/// <summary>
/// One append inside an open group. Everything that can refuse it (its idempotency key, its event ids,
/// the expected versions) is checked before its first write, so a refused append has written nothing.
/// </summary>
internal sealed class GroupAppend(IdempotencyKeys keys, DuplicateEvents duplicates, StreamVersions versions, ChainInsert chain)
{
    /// <summary>Writes the append into the group (or finds it written already) and records its key.</summary>
    public AppendResult[] Apply(AppendRequest request, GroupState state)
    {
        keys.Check(request);
        var results = Append(request.Streams, state);
        keys.Remember(request, results, state);
        return results;
    }

    private AppendResult[] Append(IReadOnlyList<EncodedStreamAppend> streams, GroupState state)
    {
        if (duplicates.Find(streams) is { } duplicate)
        {
            return duplicate;
        }

        var actual = new long[streams.Count];
        for (var i = 0; i < streams.Count; i++)
        {
            actual[i] = versions.Current(streams[i].Stream.Value, state);
            if (!streams[i].Expected.IsMetBy(actual[i]))
            {
                throw new WrongExpectedVersionException(streams[i].Stream.Value, streams[i].Expected.ToString(), actual[i]);
            }
        }

        var results = new AppendResult[streams.Count];
        for (var i = 0; i < streams.Count; i++)
        {
            var stream = streams[i];
            var positions = new EventPosition[stream.Events.Count];
            var version = actual[i];
            for (var e = 0; e < stream.Events.Count; e++)
            {
                version++;
                var seq = chain.Insert(stream.Stream.Value, version, stream.Events[e], state);
                positions[e] = new EventPosition(stream.Events[e].EventId, seq, version);
            }

            state.SetVersion(stream.Stream.Value, version);
            results[i] = new AppendResult(stream.Stream, positions, version, positions[^1].Seq, Duplicate: false);
        }

        return results;
    }
}

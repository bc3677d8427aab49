using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Serialization;

namespace Journal.EventStore.Writing;

/// <summary>
/// The way into a tape's writer, the same for every backend: checks and encodes appends and erasures on the
/// caller's thread, queues them, and meters and traces what the caller waited for.
/// </summary>
internal sealed class TapeAppender(TapeWriter writer, PayloadSerializer serializer, TapeMetrics metrics)
{
    private const int MaxEventsPerAppend = 10_000;
    private const int MaxErasedPerCall = 100_000;

    /// <summary>Encodes, queues and awaits an append (with its command's idempotency record), metered and traced.</summary>
    public async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? idempotency, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        metadata ??= EventMetadata.Empty;

        // The span lives on the caller's flow, around the awaited append: it is the command's child on any
        // thread the group commit runs on, and it lasts what the caller waits (encode, queue, commit).
        using var activity = Tracing.TapeTracing.StartAppend(appends ?? [], metadata);
        try
        {
            var encoded = Encode(appends!, metadata);
            var trace = activity is null ? (Tracing.AppendTrace?)null : new Tracing.AppendTrace(activity.Context, metadata.CorrelationId, 0, 0);
            var request = writer.Append(encoded, idempotency, trace, ct);
            var results = await request.Completion.Task.ConfigureAwait(false);
            var events = 0;
            foreach (var append in encoded)
            {
                events += append.Events.Count;
            }

            metrics.RecordAppend(events, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            if (activity is not null)
            {
                Tracing.TapeTracing.Appended(activity, events, request.GroupSize, results);
            }

            return results;
        }
        catch (Exception ex) when (activity is not null)
        {
            Tracing.TapeTracing.Failed(activity, ex);
            throw;
        }
    }


    /// <summary>Validates and queues a payload erasure.</summary>
    public Task<ErasureResult> EraseAsync(IReadOnlyCollection<long> seqs, string reason, EventMetadata metadata, CancellationToken ct)
    {
        if (seqs is null || seqs.Count == 0)
        {
            throw new ValidationException("seqs", "name at least one position to erase");
        }

        if (seqs.Count > MaxErasedPerCall)
        {
            throw new ValidationException("seqs", $"at most {MaxErasedPerCall} positions per erasure");
        }

        if (seqs.Any(s => s < 1))
        {
            throw new ValidationException("seqs", "positions start at 1");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            throw new ValidationException("reason", "a reason of 1 to 1000 characters is required");
        }

        return writer.EraseAsync(seqs.ToList(), reason, metadata ?? EventMetadata.Empty, ct);
    }


    private List<EncodedStreamAppend> Encode(IReadOnlyList<StreamAppend> appends, EventMetadata metadata)
    {
        if (appends is null || appends.Count == 0)
        {
            throw new ValidationException("streams", "an append names at least one stream");
        }

        // A single-stream, single-event append (the common case) cannot repeat a stream or an id: no sets.
        var streams = appends.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        var ids = appends.Count > 1 || appends[0].Events?.Count > 1 ? new HashSet<Guid>() : null;
        var total = 0;
        PayloadSerializer.EncodedMetadata? plainMetadata = null;
        var encoded = new List<EncodedStreamAppend>(appends.Count);
        foreach (var append in appends)
        {
            if (append.Stream.Value is null)
            {
                throw new ValidationException("stream", "a stream id is required");
            }

            if (streams is not null && !streams.Add(append.Stream.Value))
            {
                throw new ValidationException("stream", $"stream '{append.Stream}' appears twice in one append");
            }

            if (append.Events is null || append.Events.Count == 0)
            {
                throw new ValidationException("events", $"the append to '{append.Stream}' has no event");
            }

            total += append.Events.Count;
            if (total > MaxEventsPerAppend)
            {
                throw new ValidationException("events", $"at most {MaxEventsPerAppend} events per append");
            }

            var events = new EncodedEvent[append.Events.Count];
            for (var i = 0; i < events.Length; i++)
            {
                var data = append.Events[i] ?? throw new ValidationException("events", "an event is null");
                if (ids is not null && !ids.Add(data.EventId))
                {
                    throw new ValidationException("eventId", $"event id {data.EventId} appears twice in one append");
                }

                events[i] = serializer.Encode(data, metadata, ref plainMetadata);
            }

            encoded.Add(new EncodedStreamAppend(append.Stream, append.Expected, events));
        }

        return encoded;
    }
}

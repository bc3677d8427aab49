using Journal.Domain.Tape;
using Journal.EventStore.Serialization;
using Journal.EventStore.Tracing;

namespace Journal.EventStore.Writing;

/// <summary>One stream's encoded part of an append.</summary>
internal sealed record EncodedStreamAppend(StreamId Stream, ExpectedVersion Expected, IReadOnlyList<EncodedEvent> Events);

/// <summary>Work for the single writer; each request completes on its own.</summary>
internal abstract class WriteRequest
{
    /// <summary>Number of rows the request may add (for sizing a group).</summary>
    public abstract int EventCount { get; }

    /// <summary>Whether the request has its result or its error.</summary>
    public abstract bool IsCompleted { get; }

    /// <summary>Fails the request.</summary>
    public abstract void Fail(Exception error);
}

/// <summary>An append to one or more streams, all or nothing.</summary>
internal sealed class AppendRequest(IReadOnlyList<EncodedStreamAppend> streams, IdempotencyRecord? idempotency, AppendTrace? trace = null) : WriteRequest
{
    public IReadOnlyList<EncodedStreamAppend> Streams { get; } = streams;

    public IdempotencyRecord? Idempotency { get; } = idempotency;

    /// <summary>The append's span and correlation id when it is traced (its positions are filled in at commit).</summary>
    public AppendTrace? Trace { get; } = trace;

    /// <summary>Requests in the group commit that completed this one; set before it completes.</summary>
    public int GroupSize { get; set; }

    public TaskCompletionSource<IReadOnlyList<AppendResult>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override int EventCount => Streams.Sum(s => s.Events.Count);

    public override bool IsCompleted => Completion.Task.IsCompleted;

    public override void Fail(Exception error) => Completion.TrySetException(error);
}

/// <summary>An erasure of payloads, recorded by an event in the same transaction.</summary>
internal sealed class EraseRequest(IReadOnlyList<long> seqs, string reason, EventMetadata metadata) : WriteRequest
{
    public IReadOnlyList<long> Seqs { get; } = seqs;

    public string Reason { get; } = reason;

    public EventMetadata Metadata { get; } = metadata;

    public TaskCompletionSource<ErasureResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override int EventCount => 1;

    public override bool IsCompleted => Completion.Task.IsCompleted;

    public override void Fail(Exception error) => Completion.TrySetException(error);
}

using Journal.Domain.Tape;

namespace Journal.Domain.ToolJobs;

/// <summary>A failed or timed-out job was queued again for a new attempt; its output tail starts empty.</summary>
/// <param name="IdempotencyKey">The key of the retry request; the same key never retries twice.</param>
/// <param name="Attempt">The new attempt's number.</param>
/// <param name="At">When.</param>
[EventType("tooljob.retried.v1")]
public sealed record ToolJobRetried(Guid JobId, string IdempotencyKey, int Attempt, DateTimeOffset At) : IToolJobEvent;

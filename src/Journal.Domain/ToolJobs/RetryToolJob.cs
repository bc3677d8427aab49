namespace Journal.Domain.ToolJobs;

/// <summary>
/// Queues a failed or timed-out job again. The idempotency key is required: a client that retries
/// its retry request (a lost response) must not start a second attempt, so the same key twice is a
/// no-op.
/// </summary>
/// <param name="IdempotencyKey">The caller's key for this retry.</param>
/// <param name="At">The current time.</param>
public sealed record RetryToolJob(Guid JobId, string? IdempotencyKey, DateTimeOffset At) : ToolJobCommand(JobId, At);

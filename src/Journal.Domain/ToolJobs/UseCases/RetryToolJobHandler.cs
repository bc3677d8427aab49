using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using MediatR;

namespace Journal.Domain.ToolJobs.UseCases;

/// <summary>
/// Queues a failed or timed-out job again for a new attempt. The caller's key for the retry (letters,
/// digits and <c>- _ . : @</c>) is required and belongs to the request itself (not only to its context):
/// the job remembers the keys of its retries, so a retry sent twice with the same key starts one
/// attempt, even after the job failed again.
/// </summary>
public sealed record RetryToolJobRequest(Guid JobId, string? IdempotencyKey) : ICommand, IValidatable
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;

    /// <inheritdoc />
    public void Validate()
    {
        // Refused before the job is loaded, so a missing key is reported as such even for an unknown job.
        if (string.IsNullOrEmpty(IdempotencyKey))
        {
            throw new ValidationException(nameof(IdempotencyKey), "is required to retry a job");
        }

        Require.Key(IdempotencyKey, nameof(IdempotencyKey), ToolJobLimits.IdempotencyKeyMaxLength);
    }
}

/// <summary>Handles <see cref="RetryToolJobRequest"/>.</summary>
public sealed class RetryToolJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<RetryToolJobRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(RetryToolJobRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, ToolJobDecider.Value, new RetryToolJob(request.JobId, request.IdempotencyKey, time.GetUtcNow()), cancellationToken);
}

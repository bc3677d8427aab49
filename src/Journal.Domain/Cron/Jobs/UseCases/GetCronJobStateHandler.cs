using Journal.Domain.Deciding;
using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>Reads one job from its own stream (not a read model): what a caller about to act on it must see.</summary>
public sealed record GetCronJobStateRequest(Guid JobId) : IRequest<CronJobState>;

/// <summary>Handles <see cref="GetCronJobStateRequest"/>.</summary>
public sealed class GetCronJobStateHandler(IAggregateStore aggregates) : IRequestHandler<GetCronJobStateRequest, CronJobState>
{
    /// <inheritdoc />
    /// <exception cref="Errors.NotFoundException"><c>cron_job.not_found</c>.</exception>
    public async Task<CronJobState> Handle(GetCronJobStateRequest request, CancellationToken cancellationToken)
    {
        var job = await aggregates.LoadAsync(CronJobDecider.Value, CronJobDecider.StreamFor(request.JobId), cancellationToken);
        return job.State is { Exists: true, Deleted: false } ? job.State : throw Refuse.NotFound("cron_job", request.JobId);
    }
}

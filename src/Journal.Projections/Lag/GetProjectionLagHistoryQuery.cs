using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Projections.Runtime;
using MediatR;

namespace Journal.Projections.Lag;

/// <summary>Every projection's lag as sampled over the last <paramref name="Minutes"/> minutes (in memory: none after a restart).</summary>
/// <param name="Minutes">The window, 1 to 60.</param>
public sealed record GetProjectionLagHistoryQuery(int Minutes = 60) : IRequest<ProjectionLagHistory>, IValidatable
{
    /// <inheritdoc />
    public void Validate()
    {
        if (Minutes < 1 || Minutes > LagHistory.Window.TotalMinutes)
        {
            throw new ValidationException("minutes", $"must be from 1 to {LagHistory.Window.TotalMinutes}");
        }
    }
}

/// <summary>Handles <see cref="GetProjectionLagHistoryQuery"/> from <see cref="LagHistory"/>.</summary>
public sealed class GetProjectionLagHistoryHandler(LagHistory history, ProjectionOptions options, TimeProvider time) : IRequestHandler<GetProjectionLagHistoryQuery, ProjectionLagHistory>
{
    /// <inheritdoc />
    public Task<ProjectionLagHistory> Handle(GetProjectionLagHistoryQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var until = time.GetUtcNow();
        var from = until.AddMinutes(-request.Minutes);
        var interval = options.LagSampleInterval == Timeout.InfiniteTimeSpan ? 0 : (int)options.LagSampleInterval.TotalSeconds;
        return Task.FromResult(new ProjectionLagHistory(interval, from, until, history.After(from)));
    }
}

using Journal.EventStore.Ports;
namespace Journal.Projections.Runtime;

/// <summary>Where every projection stands against the tape's head: checkpoint, state, lag and dead letters.</summary>
internal sealed class StatusReport(ITapeFeed tape, ReadModelStore readModels, IReadOnlyList<IProjection> projections, LiveEngine live, CheckpointBoard board)
{
    /// <summary>Checkpoint, state, lag and dead letters of every projection.</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> ReadAsync(CancellationToken ct)
    {
        var head = await tape.ReadHeadAsync(ct).ConfigureAwait(false);
        var headAt = head.Seq == 0 ? 0 : HeadRecordedAt(head.Seq);
        var dead = DeadLetterLog.ReadAll(readModels).GroupBy(d => d.Projection).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        live.EnsureStarted();
        return projections.Select(p =>
        {
            var (position, stopped, lastEventAt) = board.Current.TryGetValue(p.Name, out var c) ? c : (0, false, 0);
            var lagEvents = Math.Max(0, head.Seq - position);
            return new ProjectionStatus(p.Name, position, stopped ? "stopped" : "running", lagEvents, lagEvents == 0 ? 0 : Math.Max(0, headAt - lastEventAt), dead.GetValueOrDefault(p.Name));
        }).ToList();
    }

    private long HeadRecordedAt(long seq) => tape.ReadPage(seq, 1) is [var head] ? head.RecordedAt : 0;
}

namespace Journal.Projections.Lag;

/// <summary>Every projection's lag at one moment.</summary>
/// <param name="At">When it was sampled.</param>
/// <param name="Projections">Each projection's lag then.</param>
public sealed record LagSample(DateTimeOffset At, IReadOnlyList<ProjectionLag> Projections)
{
    /// <summary>The projection furthest behind (in events, then in time); null when there are none.</summary>
    public ProjectionLag? Worst => Projections.OrderByDescending(p => p.LagEvents).ThenByDescending(p => p.LagMs).FirstOrDefault();
}

/// <summary>One projection's lag in a <see cref="LagSample"/>.</summary>
/// <param name="Name">The projection.</param>
/// <param name="State"><c>running</c> or <c>stopped</c>.</param>
/// <param name="LagEvents">Events between its checkpoint and the tape's head.</param>
/// <param name="LagMs">Milliseconds between its checkpoint's event and the head's event.</param>
public sealed record ProjectionLag(string Name, string State, long LagEvents, long LagMs);

/// <summary>The samples of a window of the last hour, oldest first.</summary>
/// <param name="IntervalSeconds">Seconds between two samples (0 when the sampler is off).</param>
/// <param name="From">The window's start (exclusive).</param>
/// <param name="Until">The window's end (now).</param>
/// <param name="Samples">The samples taken in the window; none right after the service started.</param>
public sealed record ProjectionLagHistory(int IntervalSeconds, DateTimeOffset From, DateTimeOffset Until, IReadOnlyList<LagSample> Samples);

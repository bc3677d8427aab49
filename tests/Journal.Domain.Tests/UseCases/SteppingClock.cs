namespace Journal.Domain.Tests.UseCases;

/// <summary>A clock that stands still until a test steps it forward, so deadlines can be crossed without waiting.</summary>
public sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Step(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

namespace Journal.Projections.Tests.Support;

/// <summary>A clock the test moves by hand (the daemon reads it from its own thread, hence the lock).</summary>
public sealed class AdjustableClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    public static DateTimeOffset Start { get; } = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public DateTimeOffset Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
            return _now;
        }
    }
}

namespace Journal.Application.Aggregates;

/// <summary>
/// When a command hands its append to the pool instead of running it on the caller's thread. A writer
/// found free commits on the thread that queued the request, so a command whose load and decision were
/// synchronous returns to its caller only after its own fsync, already completed: a loop that starts
/// commands without awaiting each (64 memory adds in flight, started from one thread) would then run them
/// one after another, each alone in its group commit (issue 22). Yielding before every append costs a lone
/// caller a hop each time (60 to 100 µs per transcript append at load 6); so a command yields only after
/// <see cref="InlineLimit"/> appends in a row completed on their callers' threads. The yield gives the
/// caller its task back, the commands it starts meanwhile queue behind the one committing, and once
/// commands wait for a group the run is broken and nobody yields.
/// </summary>
internal sealed class AppendHandOff
{
    /// <summary>Appends in a row that may complete on their callers' threads before the next one yields.</summary>
    public const int InlineLimit = 8;

    private int _inline;

    /// <summary>Whether the append about to start should go to the pool first (starts a new run when it does).</summary>
    public bool ShouldYield()
    {
        if (Volatile.Read(ref _inline) < InlineLimit)
        {
            return false;
        }

        Volatile.Write(ref _inline, 0);
        return true;
    }

    /// <summary>Records how an append returned: completed on the caller's thread, or waiting for a group.</summary>
    public void Record(bool completedInline)
    {
        if (completedInline)
        {
            Interlocked.Increment(ref _inline);
        }
        else
        {
            Volatile.Write(ref _inline, 0);
        }
    }
}

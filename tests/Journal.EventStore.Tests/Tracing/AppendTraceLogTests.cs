using System.Diagnostics;
using Journal.EventStore.Tracing;

namespace Journal.EventStore.Tests.Tracing;

public sealed class AppendTraceLogTests
{
    [Fact]
    public void Find_answers_the_appends_that_overlap_a_range_oldest_first_up_to_the_limit()
    {
        var log = new AppendTraceLog();
        var traces = new[] { Trace(1, 2), Trace(3, 3), Trace(4, 7), Trace(8, 8) };
        foreach (var trace in traces)
        {
            log.Remember(trace);
        }

        Assert.Equal([traces[1], traces[2]], log.Find(3, 5, 10));
        Assert.Equal([traces[0]], log.Find(2, 2, 10));
        Assert.Equal([traces[1]], log.Find(3, 8, 1));
        Assert.Empty(log.Find(9, 20, 10));
    }

    [Fact]
    public void ForgetAfter_drops_the_appends_of_a_group_that_did_not_commit()
    {
        var log = new AppendTraceLog();
        log.Remember(Trace(1, 2));
        log.Remember(Trace(3, 4));
        log.Remember(Trace(5, 5));

        log.ForgetAfter(2);
        var rewritten = Trace(3, 3);
        log.Remember(rewritten);

        Assert.Equal([rewritten], log.Find(3, 5, 10));
        Assert.Single(log.Find(1, 1, 10));
    }

    [Fact]
    public void The_oldest_appends_fall_out_beyond_the_capacity()
    {
        var log = new AppendTraceLog();
        for (long seq = 1; seq <= AppendTraceLog.Capacity + 10; seq++)
        {
            log.Remember(Trace(seq, seq));
        }

        Assert.Empty(log.Find(1, 10, 100));
        Assert.Single(log.Find(11, 11, 100));
        Assert.Equal(AppendTraceLog.Capacity, log.Find(1, long.MaxValue, int.MaxValue).Count);
    }

    private static AppendTrace Trace(long first, long last) =>
        new(new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded), "c", first, last);
}

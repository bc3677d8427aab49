using Journal.Domain.Cron.Jobs;
using Journal.Domain.Cron.Jobs.UseCases;
using Journal.Domain.Tape;
using Journal.EventStore;

namespace Journal.Projections.Tests.Cron;

internal static class CronTestData
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// A job firing every minute on the minute (anchored at Start), so its first tick is Start + 1 min.
    public static CreateCronJobRequest EveryMinute(
        Guid jobId,
        string owner = "ada",
        ConcurrencyPolicy concurrency = ConcurrencyPolicy.Forbid,
        MisfirePolicy? misfire = null,
        RetryPolicy? retry = null,
        long? timeoutSeconds = 60,
        string payload = "{\"prompt\":\"summarise the inbox\"}") =>
        new(jobId, new CronJobSpec("inbox", owner, "cli", null, payload, new ScheduleSpec(ScheduleKind.Interval, EverySeconds: 60, Anchor: Start), concurrency, misfire, retry, 0, null, timeoutSeconds));

    public static async Task<List<string>> EventTypesOf(IEventStore store, Guid jobId)
    {
        var slice = await store.ReadStreamAsync(CronJobDecider.StreamFor(jobId), 1, ReadDirection.Forward, 1000, default);
        return [.. slice.Events.Select(e => e.EventType)];
    }
}

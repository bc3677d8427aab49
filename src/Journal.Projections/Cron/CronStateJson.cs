using System.Text.Json;
using Journal.Domain.Cron.Jobs;

namespace Journal.Projections.Cron;

/// <summary>
/// A job's decider state as JSON in its read-model row. The read model folds the job's events with the
/// decider's own <see cref="CronJobDecider.Evolve"/>, so the scheduler's wake times and the write side
/// can never disagree about when a job is due.
/// </summary>
internal static class CronStateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(CronJobState state) => JsonSerializer.Serialize(state, Options);

    public static CronJobState Read(string json) =>
        JsonSerializer.Deserialize<CronJobState>(json, Options) ?? throw new JsonException("a cron job row holds no state");
}

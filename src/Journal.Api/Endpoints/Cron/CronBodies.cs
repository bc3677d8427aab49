using System.Text.Json;
using Journal.Domain.Commands;
using Journal.Domain.Cron.Jobs;
using Journal.Domain.Cron.Jobs.UseCases;
using Journal.Domain.Errors;

namespace Journal.Api.Endpoints.Cron;

/// <summary>Body of <c>POST /v1/cron/jobs</c> and <c>PUT /v1/cron/jobs/{jobId}</c>: the whole definition.</summary>
/// <param name="Name">A human name.</param>
/// <param name="Channel">Where its output goes (a key such as <c>telegram:ops</c>).</param>
/// <param name="Payload">What to run: any JSON value, kept as it is (secrets redacted).</param>
/// <param name="Schedule">When it runs: <c>{"kind":"Cron","expression":"0 9 * * MON-FRI","timeZone":"Europe/Prague"}</c>, <c>{"kind":"Interval","everySeconds":300}</c> or <c>{"kind":"Once","at":"..."}</c>.</param>
/// <param name="Owner">The principal it runs for; the API key's name when left out.</param>
/// <param name="SessionKey">The session key its runs use, if any.</param>
/// <param name="Concurrency">Forbid (default), Replace or QueueOne.</param>
/// <param name="Misfire">Misfire policy: action Skip (default) or CatchUp, maxCatchUp, graceSeconds, reviewAfterSeconds.</param>
/// <param name="Retry">Retry policy: maxAttempts (1..16), baseBackoffSeconds, maxDelaySeconds.</param>
/// <param name="JitterSeconds">Up to this much later per tick (default 0).</param>
/// <param name="MaxRuns">Disables itself after this many runs, when set.</param>
/// <param name="TimeoutSeconds">A run is failed as stale after this long (default 3600).</param>
/// <param name="JobId">For create: the new job's id; the journal picks one when left out.</param>
public sealed record CronJobBody(
    string Name,
    string Channel,
    JsonElement Payload,
    ScheduleSpec Schedule,
    string? Owner = null,
    string? SessionKey = null,
    ConcurrencyPolicy Concurrency = ConcurrencyPolicy.Forbid,
    MisfirePolicy? Misfire = null,
    RetryPolicy? Retry = null,
    long JitterSeconds = 0,
    int? MaxRuns = null,
    long? TimeoutSeconds = null,
    Guid? JobId = null)
{
    /// <summary>The job the body defines, for a creation or an update; its owner is whom the request acts for when the body names none.</summary>
    /// <exception cref="ValidationException">On field <c>payload</c>, when it is missing or null.</exception>
    public CronJobSpec Spec(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = Payload.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? throw new ValidationException("payload", "is required") : Payload.GetRawText();
        return new CronJobSpec(
            Name, Owner ?? context.Principal ?? context.Actor!, Channel, SessionKey, payload, Schedule, Concurrency, Misfire, Retry, JitterSeconds, MaxRuns, TimeoutSeconds);
    }
}

/// <summary>Body of <c>POST /v1/cron/jobs/{jobId}/review</c>.</summary>
/// <param name="Decision">Run or Skip the missed ticks.</param>
/// <param name="DecidedBy">Who decides; the API key's name when left out.</param>
public sealed record CronReviewBody(ReviewDecision Decision, string? DecidedBy = null);

/// <summary>Body of <c>POST /v1/cron/jobs/{jobId}/run</c> (optional).</summary>
/// <param name="RunId">The id the run will have; the journal picks one when left out.</param>
public sealed record CronRunNowBody(Guid? RunId = null);

/// <summary>Body of <c>POST /v1/cron/runs/{runId}/finish</c>.</summary>
/// <param name="Outcome">Succeeded or Failed.</param>
/// <param name="Error">For Failed: what went wrong (required; redacted by the tape).</param>
public sealed record CronFinishBody(CronRunOutcome Outcome, string? Error = null);

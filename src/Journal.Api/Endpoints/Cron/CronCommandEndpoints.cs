using Journal.Api.Endpoints.Commands;
using Journal.Domain.Cron.Jobs;
using Journal.Domain.Cron.Jobs.UseCases;
using Journal.Projections.Cron;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Cron;

/// <summary>Cron commands: create, update, pause, resume, delete a job, run it now, decide a review, finish a run.</summary>
internal static class CronCommandEndpoints
{
    public static void MapCronCommands(this IEndpointRouteBuilder app)
    {
        var group = app.CommandGroup("/v1/cron", FeatureTags.Cron);
        group.MapPost("/jobs", CreateCronJob).WithName(nameof(CreateCronJob));
        group.MapPut("/jobs/{jobId}", UpdateCronJob).WithName(nameof(UpdateCronJob));
        group.MapPost("/jobs/{jobId}/pause", PauseCronJob).WithName(nameof(PauseCronJob));
        group.MapPost("/jobs/{jobId}/resume", ResumeCronJob).WithName(nameof(ResumeCronJob));
        group.MapDelete("/jobs/{jobId}", DeleteCronJob).WithName(nameof(DeleteCronJob));
        group.MapPost("/jobs/{jobId}/run", RunCronJobNow).WithName(nameof(RunCronJobNow));
        group.MapPost("/jobs/{jobId}/review", DecideCronReview).WithName(nameof(DecideCronReview));
        group.MapPost("/runs/{runId}/finish", FinishCronRun).WithName(nameof(FinishCronRun));
    }

    /// <summary>Create a cron job</summary>
    /// <remarks>
    /// Defines what to run (<c>payload</c>, any JSON), when (<c>schedule</c>: a <c>Cron</c> expression in a time
    /// zone, an <c>Interval</c> or <c>Once</c>), for whom (<c>owner</c>, the API key's name by default) and how
    /// (concurrency, misfire and retry policies, jitter, timeout). Answers 201 with <c>Location</c>.
    /// </remarks>
    internal static async Task<Created<CommandResponse>> CreateCronJob(CronJobBody body, HttpContext http, CancellationToken ct)
    {
        var response = await CommandDispatch.SendAsync(http, null, context => new CreateCronJobRequest(body.JobId, body.Spec(context)) { Context = context }, ct);
        return TypedResults.Created($"/v1/cron/jobs/{EndpointConventions.IdOf(response.Stream)}", response);
    }

    /// <summary>Replace a cron job's definition</summary>
    /// <remarks>
    /// The whole definition, as for a creation (<c>jobId</c> ignored); the schedule starts again from now.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> UpdateCronJob(Guid jobId, CronJobBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, CronJobDecider.StreamFor(jobId), context => new UpdateCronJobRequest(jobId, body.Spec(context)) { Context = context }, ct));

    /// <summary>Pause a cron job</summary>
    /// <remarks>
    /// Nothing new starts until it is resumed; pausing twice changes nothing.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> PauseCronJob(Guid jobId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, CronJobDecider.StreamFor(jobId), context => new PauseCronJobRequest(jobId, context.Actor) { Context = context }, ct));

    /// <summary>Resume a cron job</summary>
    /// <remarks>
    /// Runs again from the next tick after now; the ticks that fell in the pause do not run.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> ResumeCronJob(Guid jobId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, CronJobDecider.StreamFor(jobId), context => new ResumeCronJobRequest(jobId, context.Actor) { Context = context }, ct));

    /// <summary>Delete a cron job</summary>
    /// <remarks>
    /// The job leaves the listings and never runs again. 422 <c>cron.run_active</c> while one of its runs is active.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> DeleteCronJob(Guid jobId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, CronJobDecider.StreamFor(jobId), context => new DeleteCronJobRequest(jobId, context.Actor) { Context = context }, ct));

    /// <summary>Run a cron job now</summary>
    /// <remarks>
    /// Asks for a run outside the schedule; the scheduler starts it at once (trigger <c>manual</c>) and hands it to
    /// the executors as any run. The job's concurrency policy applies: 422 <c>cron.run_active</c> while a run is active
    /// under Forbid; the active run is cancelled under Replace; under QueueOne the run waits for the active one (422
    /// <c>cron.queue_full</c> when a tick waits already). 422 <c>cron.job_paused</c>, <c>cron.in_review</c>,
    /// <c>cron.max_runs_reached</c>, or <c>cron.run_requested</c> when another "run now" waits; the same
    /// <c>runId</c> again changes nothing. Answers 202 with <c>Location: /v1/cron/runs/{runId}</c>.
    /// </remarks>
    internal static async Task<Accepted<CommandResponse>> RunCronJobNow(Guid jobId, CronRunNowBody? body, HttpContext http, CancellationToken ct)
    {
        var runId = body?.RunId ?? Guid.CreateVersion7();
        var response = await CommandDispatch.SendAsync(
            http, CronJobDecider.StreamFor(jobId), context => new RunCronJobNowRequest(jobId, runId, context.Actor) { Context = context }, ct);
        return TypedResults.Accepted($"/v1/cron/runs/{runId}", response);
    }

    /// <summary>Decide a cron job's review</summary>
    /// <remarks>
    /// After a long outage a job waits in review: <c>Run</c> or <c>Skip</c> the ticks it missed; <c>decidedBy</c> is
    /// the API key's name when left out. 422 <c>cron.not_in_review</c> when it is not in review.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> DecideCronReview(Guid jobId, CronReviewBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, CronJobDecider.StreamFor(jobId), context => new DecideCronReviewRequest(jobId, body.Decision, body.DecidedBy ?? context.Actor!) { Context = context }, ct));

    /// <summary>Finish a cron run</summary>
    /// <remarks>
    /// Records the run's outcome: <c>Succeeded</c>, or <c>Failed</c> with <c>error</c> (redacted). 404
    /// <c>cron_run.not_found</c>; 422 <c>cron.run_not_active</c> when the run already ended, was replaced or failed
    /// as stale.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> FinishCronRun(Guid runId, CronFinishBody body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var jobId = await mediator.Send(new FindCronRunJobQuery(runId), ct);
        return TypedResults.Ok(await CommandDispatch.SendAsync(
            http, CronJobDecider.StreamFor(jobId), context => new FinishCronRunRequest(jobId, runId, body.Outcome, body.Error) { Context = context }, ct));
    }
}

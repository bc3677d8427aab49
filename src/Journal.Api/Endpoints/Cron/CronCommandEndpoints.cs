using Journal.Api.Endpoints.Commands;
using Journal.Domain.Cron.Jobs;
using Journal.Domain.Cron.Jobs.UseCases;
using Journal.Projections.Cron;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Cron;

/// <summary>Cron commands: create, update, pause, resume, delete a job, decide a review, finish a run.</summary>
internal static class CronCommandEndpoints
{
    public static void MapCronCommands(this IEndpointRouteBuilder app)
    {
        var group = app.CommandGroup("/v1/cron", "Cron");
        group.MapPost("/jobs", CreateCronJob).WithName(nameof(CreateCronJob));
        group.MapPut("/jobs/{jobId}", UpdateCronJob).WithName(nameof(UpdateCronJob));
        group.MapPost("/jobs/{jobId}/pause", PauseCronJob).WithName(nameof(PauseCronJob));
        group.MapPost("/jobs/{jobId}/resume", ResumeCronJob).WithName(nameof(ResumeCronJob));
        group.MapDelete("/jobs/{jobId}", DeleteCronJob).WithName(nameof(DeleteCronJob));
        group.MapPost("/jobs/{jobId}/review", DecideCronReview).WithName(nameof(DecideCronReview));
        group.MapPost("/runs/{runId}/finish", FinishCronRun).WithName(nameof(FinishCronRun));
    }

    internal static async Task<Created<CommandResponse>> CreateCronJob(CronJobBody body, HttpContext http, CancellationToken ct)
    {
        var payload = body.PayloadText();
        var response = await CommandDispatch.SendAsync(
            http,
            null,
            context => new CreateCronJobRequest(
                body.JobId, body.Name, body.Owner ?? context.Principal ?? context.Actor!, body.Channel, body.SessionKey, payload, body.Schedule, body.Concurrency,
                body.Misfire, body.Retry, body.JitterSeconds, body.MaxRuns, body.TimeoutSeconds) { Context = context },
            ct);
        return TypedResults.Created($"/v1/cron/jobs/{EndpointConventions.IdOf(response.Stream)}", response);
    }

    internal static async Task<Ok<CommandResponse>> UpdateCronJob(Guid jobId, CronJobBody body, HttpContext http, CancellationToken ct)
    {
        var payload = body.PayloadText();
        return TypedResults.Ok(await CommandDispatch.SendAsync(
            http,
            CronJobDecider.StreamFor(jobId),
            context => new UpdateCronJobRequest(
                jobId, body.Name, body.Owner ?? context.Principal ?? context.Actor!, body.Channel, body.SessionKey, payload, body.Schedule, body.Concurrency,
                body.Misfire, body.Retry, body.JitterSeconds, body.MaxRuns, body.TimeoutSeconds) { Context = context },
            ct));
    }

    internal static async Task<Ok<CommandResponse>> PauseCronJob(Guid jobId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, CronJobDecider.StreamFor(jobId), context => new PauseCronJobRequest(jobId, context.Actor) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> ResumeCronJob(Guid jobId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, CronJobDecider.StreamFor(jobId), context => new ResumeCronJobRequest(jobId, context.Actor) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> DeleteCronJob(Guid jobId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, CronJobDecider.StreamFor(jobId), context => new DeleteCronJobRequest(jobId, context.Actor) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> DecideCronReview(Guid jobId, CronReviewBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, CronJobDecider.StreamFor(jobId), context => new DecideCronReviewRequest(jobId, body.Decision, body.DecidedBy ?? context.Actor!) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> FinishCronRun(Guid runId, CronFinishBody body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var jobId = await mediator.Send(new FindCronRunJobQuery(runId), ct);
        return TypedResults.Ok(await CommandDispatch.SendAsync(
            http, CronJobDecider.StreamFor(jobId), context => new FinishCronRunRequest(jobId, runId, body.Outcome, body.Error) { Context = context }, ct));
    }
}

using Journal.Api.Hosting;
using Journal.Api.Http.Problems;
using Journal.EventStore.Ports;
using Journal.EventStore.Schema;
using Journal.Projections.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Health;

/// <summary>One readiness check.</summary>
/// <param name="Name"><c>database</c>, <c>schema</c> or <c>projections</c>.</param>
/// <param name="Ok">Whether it passed.</param>
/// <param name="Detail">What was seen.</param>
public sealed record ReadinessCheck(string Name, bool Ok, string Detail);

/// <summary>The answer of a ready service.</summary>
/// <param name="Status">Always <c>ready</c>.</param>
/// <param name="Checks">The checks, all passed.</param>
public sealed record Readiness(string Status, IReadOnlyList<ReadinessCheck> Checks);

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (it can serve), without authentication.</summary>
internal static class ReadinessEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags(FeatureTags.Health).AllowAnonymous().DisableRateLimiting();
        group.MapGet("/live", Live).WithName(nameof(Live));
        group.MapGet("/ready", Ready).WithName(nameof(Ready)).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Check that the process answers</summary>
    /// <remarks>
    /// Liveness: 200 with status <c>live</c> while the process runs. Checks nothing else; needs no key.
    /// </remarks>
    internal static Ok<LiveStatus> Live() => TypedResults.Ok(new LiveStatus("live"));

    /// <summary>Check that the service can serve</summary>
    /// <remarks>
    /// Readiness: 200 when the database opens, its schema is the current one and every projection runs within
    /// <c>Journal:ReadyMaxLagEvents</c> events of the head; else 503 <c>service.not_ready</c> with the checks that
    /// failed. Needs no key.
    /// </remarks>
    internal static async Task<Results<Ok<Readiness>, ProblemHttpResult>> Ready(ITapeFeed tape, ITapeInspection inspection, ProjectionDaemon daemon, JournalSettings settings, CancellationToken ct)
    {
        var checks = new List<ReadinessCheck>();
        try
        {
            var head = await tape.ReadHeadAsync(ct);
            checks.Add(new ReadinessCheck("database", true, $"head at {head.Seq}"));
            var latest = MigrationSet.Tape().LatestVersion;
            checks.Add(new ReadinessCheck("schema", inspection.SchemaVersion == latest, $"version {inspection.SchemaVersion} of {latest}"));
            var statuses = await daemon.StatusAsync(ct);
            var worst = statuses.Count == 0 ? 0 : statuses.Max(s => s.LagEvents);
            var stopped = statuses.Where(s => s.State != "running").Select(s => s.Name).ToList();
            checks.Add(new ReadinessCheck(
                "projections",
                stopped.Count == 0 && worst <= settings.ReadyMaxLagEvents,
                stopped.Count > 0 ? $"stopped: {string.Join(", ", stopped)}" : $"largest lag {worst} events (at most {settings.ReadyMaxLagEvents})"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            checks.Add(new ReadinessCheck("database", false, "the journal could not be read"));
        }

        if (checks.All(c => c.Ok))
        {
            return TypedResults.Ok(new Readiness("ready", checks));
        }

        var problem = ProblemCatalog.Create(StatusCodes.Status503ServiceUnavailable, "service.not_ready", "The service is not ready.", string.Join("; ", checks.Where(c => !c.Ok).Select(c => $"{c.Name}: {c.Detail}")));
        problem.Extensions["checks"] = checks;
        return TypedResults.Problem(problem);
    }
}

/// <summary>The answer of a live process.</summary>
/// <param name="Status">Always <c>live</c>.</param>
public sealed record LiveStatus(string Status);

using Microsoft.AspNetCore.Mvc;

namespace Journal.Api.Http.Problems;

/// <summary>Writes a problem details body as <c>application/problem+json</c>.</summary>
public static class ProblemWriter
{
    /// <summary>Writes <paramref name="problem"/> with its status (through the problem details service, which adds the trace id).</summary>
    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await TypedResults.Problem(problem).ExecuteAsync(context);
        }
    }

    /// <summary>Fills in <c>type</c>, <c>code</c> and the trace id of any problem the service writes, its own or the framework's.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (!problem.Extensions.TryGetValue("code", out var code) || code is not string)
        {
            code = ProblemCatalog.CodeForStatus(status);
            problem.Extensions["code"] = code;
        }

        if (problem.Type is null || !problem.Type.StartsWith(ProblemCatalog.TypeBase, StringComparison.Ordinal))
        {
            problem.Type = ProblemCatalog.TypeBase + code;
        }

        problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        Telemetry.HttpSpans.Tag(context.HttpContext, Telemetry.HttpSpans.ProblemTypeTag, problem.Type);
    }
}

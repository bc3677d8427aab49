using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace Journal.Api.Http.Problems;

/// <summary>
/// Turns every exception that reaches the pipeline into problem details, once, through
/// <see cref="ExceptionProblems"/>. Logs unexpected ones with the exception (never the request body).
/// </summary>
public sealed class JournalExceptionHandler(ILogger<JournalExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
            return true;
        }

        var problem = ExceptionProblems.Map(exception);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = ProblemCatalog.Unexpected();
        }
        else if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            logger.LogWarning("{Code} on {Method} {Path}", problem.Extensions["code"], httpContext.Request.Method, httpContext.Request.Path);
        }

        if (ExceptionProblems.IsTransient(exception))
        {
            httpContext.Response.Headers.RetryAfter = ExceptionProblems.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        await ProblemWriter.WriteAsync(httpContext, problem);
        return true;
    }
}

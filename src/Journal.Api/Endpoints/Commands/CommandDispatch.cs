using Journal.Api.Http.Auth;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using MediatR;

namespace Journal.Api.Endpoints.Commands;

/// <summary>
/// Sends a command for an HTTP request: builds its context from the request (the key's name as actor,
/// <c>Idempotency-Key</c>, <c>X-Correlation-Id</c>), checks <c>If-Match</c> against the aggregate's
/// stream version, dispatches through MediatR and sets <c>ETag</c> from the version it wrote.
/// </summary>
public static class CommandDispatch
{
    /// <summary>The header whose value makes a retried request return the first response.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The header that ties the events of a request together (echoed on the response).</summary>
    public const string CorrelationIdHeader = "X-Correlation-Id";

    /// <summary>The longest correlation id accepted.</summary>
    internal const int MaxCorrelationIdLength = 200;

    /// <summary>
    /// Dispatches the command <paramref name="build"/> makes from the request's context. With
    /// <paramref name="guarded"/>, an <c>If-Match</c> header becomes the command's precondition on that
    /// stream: the store checks it against the state it decides on and appends with it as the expected
    /// version, so a success is always written right after the version the client named. A retry with an
    /// <c>Idempotency-Key</c> already recorded gets the first result before the precondition is looked at
    /// (its <c>If-Match</c> named the version before its own first write).
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">The stream is not at the version <c>If-Match</c> names.</exception>
    public static async Task<CommandResponse> SendAsync(HttpContext http, StreamId? guarded, Func<CommandContext, ICommand> build, CancellationToken ct)
    {
        var context = ContextOf(http);
        if (guarded is { } stream && ETags.Parse(http.Request.Headers[ETags.IfMatch].ToString()) is { } ifMatch)
        {
            context = context with { Precondition = new Precondition(stream, ifMatch.Expected) };
        }

        var result = await http.RequestServices.GetRequiredService<IMediator>().Send(build(context), ct);
        http.Response.Headers.ETag = ETags.Format(result.StreamVersion);
        return CommandResponse.From(result);
    }

    /// <summary>Whether a sent correlation id is one the service accepts: 1 to 200 characters, no control characters.</summary>
    internal static bool IsAcceptedCorrelationId(string correlation) =>
        correlation.Length is > 0 and <= MaxCorrelationIdLength && !correlation.Any(char.IsControl);

    /// <summary>The command context of a request.</summary>
    /// <exception cref="ValidationException">The correlation id header is too long or holds control characters.</exception>
    public static CommandContext ContextOf(HttpContext http)
    {
        var correlation = http.Request.Headers[CorrelationIdHeader].ToString();
        if (correlation.Length == 0)
        {
            correlation = Guid.CreateVersion7().ToString("N");
        }
        else if (!IsAcceptedCorrelationId(correlation))
        {
            throw new ValidationException(CorrelationIdHeader, $"must be 1 to {MaxCorrelationIdLength} characters without control characters");
        }

        http.Response.Headers[CorrelationIdHeader] = correlation;
        Telemetry.HttpSpans.Tag(http, EventStore.Tracing.TraceTags.CorrelationId, correlation);
        var idempotencyKey = http.Request.Headers[IdempotencyKeyHeader].ToString();
        return new CommandContext(
            Actor: Policies.KeyName(http.User) ?? ApiKeyAuthenticationHandler.LoopbackName,
            CorrelationId: correlation,
            IdempotencyKey: http.Request.Headers.ContainsKey(IdempotencyKeyHeader) ? idempotencyKey : null);
    }
}

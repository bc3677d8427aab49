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

    private const int MaxCorrelationIdLength = 200;

    /// <summary>
    /// Dispatches the command <paramref name="build"/> makes from the request's context. With
    /// <paramref name="guarded"/>, an <c>If-Match</c> header must name that stream's current version.
    /// </summary>
    /// <remarks>
    /// The version is read just before dispatch, so a write landing between the check and the
    /// command's own load is not caught here; the use case then decides on the newer state (and its
    /// own expected-version append still refuses writes racing with it).
    /// </remarks>
    /// <exception cref="WrongExpectedVersionException">The stream is not at a version <c>If-Match</c> accepts.</exception>
    public static async Task<CommandResponse> SendAsync(HttpContext http, StreamId? guarded, Func<CommandContext, ICommand> build, CancellationToken ct)
    {
        var command = build(ContextOf(http));
        var result = await ReplayAsync(http, command, ct);
        if (result is null)
        {
            await CheckIfMatchAsync(http, guarded, ct);
            result = await http.RequestServices.GetRequiredService<IMediator>().Send(command, ct);
        }

        http.Response.Headers.ETag = ETags.Format(result.StreamVersion);
        return CommandResponse.From(result);
    }

    /// <summary>
    /// A retry with an <c>Idempotency-Key</c> already recorded gets the first result before any
    /// precondition is checked: its <c>If-Match</c> named the version before its own first write.
    /// </summary>
    private static async Task<CommandResult?> ReplayAsync(HttpContext http, ICommand command, CancellationToken ct) =>
        command.Context.IdempotencyKey is { Length: > 0 and <= CommandContext.MaxIdempotencyKeyLength }
            ? await http.RequestServices.GetRequiredService<IAggregateStore>().FindReplayAsync(command, ct)
            : null;

    private static async Task CheckIfMatchAsync(HttpContext http, StreamId? guarded, CancellationToken ct)
    {
        if (guarded is not { } stream || ETags.Parse(http.Request.Headers[ETags.IfMatch].ToString()) is not { } ifMatch)
        {
            return;
        }

        var actual = await http.RequestServices.GetRequiredService<IEventStore>().ReadStreamVersionAsync(stream, ct);
        if (!ifMatch.Accepts(actual))
        {
            throw new WrongExpectedVersionException(stream.Value, ifMatch.Describe(), actual);
        }
    }

    /// <summary>The command context of a request.</summary>
    /// <exception cref="ValidationException">The correlation id header is too long or holds control characters.</exception>
    public static CommandContext ContextOf(HttpContext http)
    {
        var correlation = http.Request.Headers[CorrelationIdHeader].ToString();
        if (correlation.Length == 0)
        {
            correlation = Guid.CreateVersion7().ToString("N");
        }
        else if (correlation.Length > MaxCorrelationIdLength || correlation.Any(char.IsControl))
        {
            throw new ValidationException(CorrelationIdHeader, $"must be 1 to {MaxCorrelationIdLength} characters without control characters");
        }

        http.Response.Headers[CorrelationIdHeader] = correlation;
        var idempotencyKey = http.Request.Headers[IdempotencyKeyHeader].ToString();
        return new CommandContext(
            Actor: Policies.KeyName(http.User) ?? ApiKeyAuthenticationHandler.LoopbackName,
            CorrelationId: correlation,
            IdempotencyKey: http.Request.Headers.ContainsKey(IdempotencyKeyHeader) ? idempotencyKey : null);
    }
}

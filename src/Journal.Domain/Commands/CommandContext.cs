namespace Journal.Domain.Commands;

/// <summary>
/// Who sends a command and how it ties to others. Travels with every command and ends up in the
/// metadata of every event it appends.
/// </summary>
/// <param name="Actor">What acts (an agent, a user, the scheduler).</param>
/// <param name="Principal">On whose behalf.</param>
/// <param name="CorrelationId">Ties together everything one request caused.</param>
/// <param name="CausationId">The message that directly caused this one.</param>
/// <param name="IdempotencyKey">Client-supplied key: a retried command with the same key returns the first result.</param>
/// <param name="Precondition">
/// The version the caller expects one stream to be at (an HTTP <c>If-Match</c>): the command is refused
/// when the stream is at another, and the append carries it as its expected version. Without one, a lost
/// race is decided again on the fresh state.
/// </param>
public sealed record CommandContext(
    string? Actor = null,
    string? Principal = null,
    string? CorrelationId = null,
    string? CausationId = null,
    string? IdempotencyKey = null,
    Precondition? Precondition = null)
{
    /// <summary>The longest idempotency key accepted.</summary>
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>No context.</summary>
    public static CommandContext None { get; } = new();
}

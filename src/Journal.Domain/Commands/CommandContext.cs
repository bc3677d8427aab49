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
public sealed record CommandContext(
    string? Actor = null,
    string? Principal = null,
    string? CorrelationId = null,
    string? CausationId = null,
    string? IdempotencyKey = null)
{
    /// <summary>The longest idempotency key accepted.</summary>
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>No context.</summary>
    public static CommandContext None { get; } = new();
}

namespace Journal.Domain.Tape;

/// <summary>
/// Who and why of an append, stored with every event of the call. <paramref name="RedactedPaths"/> is
/// filled in by the store, per event, with the paths redaction replaced.
/// </summary>
/// <param name="Actor">What acted (an agent, a user, the scheduler).</param>
/// <param name="Principal">On whose behalf.</param>
/// <param name="CorrelationId">Ties together everything one request caused.</param>
/// <param name="CausationId">The message that directly caused this one.</param>
/// <param name="RedactedPaths">Paths of values that redaction replaced.</param>
public sealed record EventMetadata(
    string? Actor = null,
    string? Principal = null,
    string? CorrelationId = null,
    string? CausationId = null,
    IReadOnlyList<string>? RedactedPaths = null)
{
    /// <summary>Metadata with nothing set.</summary>
    public static EventMetadata Empty { get; } = new();
}

namespace Journal.Domain.Runs;

/// <summary>What the run decider needs to know about one run.</summary>
/// <param name="Exists">Whether the run was accepted.</param>
/// <param name="SessionId">Its session.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Status">Its status.</param>
/// <param name="CancelRequested">Whether a cancel was requested.</param>
/// <param name="InputTokens">Total input tokens recorded.</param>
/// <param name="OutputTokens">Total output tokens recorded.</param>
public sealed record RunState(
    bool Exists,
    Guid RunId,
    Guid SessionId,
    RunKind Kind,
    RunStatus Status,
    bool CancelRequested,
    long InputTokens,
    long OutputTokens);

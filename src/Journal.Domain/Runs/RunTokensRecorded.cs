using Journal.Domain.Tape;

namespace Journal.Domain.Runs;

/// <summary>Tokens a run used since the last record (deltas; the state keeps the totals).</summary>
/// <param name="SessionId">Its session.</param>
/// <param name="InputTokens">Input tokens used, never negative.</param>
/// <param name="OutputTokens">Output tokens used, never negative.</param>
/// <param name="At">When.</param>
[EventType("run.tokens_recorded.v1")]
public sealed record RunTokensRecorded(Guid RunId, Guid SessionId, long InputTokens, long OutputTokens, DateTimeOffset At) : IRunEvent;

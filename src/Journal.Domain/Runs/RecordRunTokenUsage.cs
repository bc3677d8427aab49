namespace Journal.Domain.Runs;

/// <summary>Adds token usage to an active run; two zeros change nothing.</summary>
/// <param name="InputTokens">Input tokens used since the last record, not negative.</param>
/// <param name="OutputTokens">Output tokens used since the last record, not negative.</param>
/// <param name="At">The current time.</param>
public sealed record RecordRunTokenUsage(Guid RunId, long InputTokens, long OutputTokens, DateTimeOffset At) : RunCommand(RunId, At);

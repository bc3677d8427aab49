namespace Journal.Domain.Transcript;

/// <summary>
/// What the transcript decider needs: only the next number and whether the transcript is closed,
/// never the entries, so that appending the 10,000th entry costs what the first did (a handler may
/// even rebuild this state from the stream's last event alone).
/// </summary>
/// <param name="NextSequence">The number the next entry gets, from 1.</param>
/// <param name="Closed">Whether the transcript takes no more entries.</param>
public sealed record TranscriptState(long NextSequence, bool Closed);

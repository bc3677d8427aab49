namespace Journal.Domain.Commands;

/// <summary>What a command did.</summary>
/// <param name="Stream">The stream it decided on (the main one, for multi-stream commands).</param>
/// <param name="StreamVersion">That stream's version afterwards.</param>
/// <param name="Position">The highest tape position written, or the stream's last position when nothing changed.</param>
/// <param name="EventsWritten">Events appended (0 when the command changed nothing or was a replay).</param>
/// <param name="Replayed">True when an idempotency key matched an earlier command and its first result is returned.</param>
public sealed record CommandResult(string Stream, long StreamVersion, long Position, int EventsWritten, bool Replayed = false);

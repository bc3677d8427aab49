using Journal.Domain.Commands;

namespace Journal.Api.Endpoints.Commands;

/// <summary>What every command endpoint answers: where the command wrote.</summary>
/// <param name="Position">The highest tape position written (or the stream's last one when nothing changed); pass it as <c>minPosition</c> to read your writes.</param>
/// <param name="Stream">The stream the command decided on.</param>
/// <param name="StreamVersion">That stream's version afterwards; also sent as the <c>ETag</c>.</param>
/// <param name="EventsWritten">Events appended (0 when nothing changed or on a replay).</param>
/// <param name="Replayed">True when an <c>Idempotency-Key</c> matched an earlier request, whose first result this is.</param>
public sealed record CommandResponse(long Position, string Stream, long StreamVersion, int EventsWritten, bool Replayed)
{
    /// <summary>The response for a command's result.</summary>
    public static CommandResponse From(CommandResult result) =>
        new(result.Position, result.Stream, result.StreamVersion, result.EventsWritten, result.Replayed);
}

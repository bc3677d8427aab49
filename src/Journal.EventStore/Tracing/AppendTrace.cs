using System.Diagnostics;

namespace Journal.EventStore.Tracing;

/// <summary>
/// The span of one committed append and the positions it wrote, remembered in memory so that the
/// projection batch that applies them can link to it. Never written to the tape.
/// </summary>
/// <param name="Context">The append span's context.</param>
/// <param name="CorrelationId">The correlation id of the append's metadata.</param>
/// <param name="FirstSeq">The first position the append wrote.</param>
/// <param name="LastSeq">The last position the append wrote.</param>
public readonly record struct AppendTrace(ActivityContext Context, string? CorrelationId, long FirstSeq, long LastSeq);

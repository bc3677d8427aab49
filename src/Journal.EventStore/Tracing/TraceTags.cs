namespace Journal.EventStore.Tracing;

/// <summary>Span attribute names every layer of the journal shares.</summary>
public static class TraceTags
{
    /// <summary>
    /// The request's correlation id (<c>X-Correlation-Id</c>), on the HTTP, command, query and append spans;
    /// on a projection batch, the ids of the traced appends it applied (a string array).
    /// </summary>
    public const string CorrelationId = "journal.correlation_id";
}

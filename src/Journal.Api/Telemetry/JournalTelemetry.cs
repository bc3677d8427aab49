using Journal.Api.Operations;
using Journal.Application.Pipeline;
using Journal.EventStore;
using Journal.EventStore.Tracing;
using Journal.Projections.Runtime;

namespace Journal.Api.Telemetry;

/// <summary>The journal's activity sources and meters, by name, for a tracer or meter provider to listen to.</summary>
public static class JournalTelemetry
{
    /// <summary>The service name spans and metrics are exported under (unless <c>OTEL_SERVICE_NAME</c> names another).</summary>
    public const string ServiceName = "journal";

    /// <summary>The activity sources: the request pipeline, the tape, the projections.</summary>
    public static readonly IReadOnlyList<string> Sources =
    [
        CommandTracing.SourceName,
        TapeTracing.SourceName,
        ProjectionTracing.SourceName,
    ];

    /// <summary>The meters: the tape, the request pipeline, the projections, the operations.</summary>
    public static readonly IReadOnlyList<string> Meters =
    [
        TapeMetrics.MeterName,
        CommandMetrics.MeterName,
        "Journal.Projections",
        OperationsMetrics.MeterName,
    ];
}

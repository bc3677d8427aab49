using Journal.Api.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using Journal.Application.Pipeline;

namespace Journal.Api.Operations;

/// <summary>
/// Exports the journal's meters (<c>Journal.Tape</c>, <c>Journal.Commands</c>, <c>Journal.Projections</c>,
/// <c>Journal.Operations</c>) over OTLP/HTTP (protobuf) while the service runs, when an endpoint is
/// configured. The provider listens to the meters by name, so it sees the instruments wherever they were
/// created; stopping the service flushes the last export.
/// </summary>
internal sealed class OtlpMetrics(Uri endpoint, int intervalMs) : IHostedService, IDisposable
{
    /// <summary>The meters exported.</summary>
    public static readonly string[] Meters =
    [
        EventStore.TapeMetrics.MeterName,
        Application.Pipeline.CommandMetrics.MeterName,
        "Journal.Projections",
        OperationsMetrics.MeterName,
    ];

    private MeterProvider? _provider;

    /// <summary>The configured endpoint as an absolute http(s) URI, or null when none is set.</summary>
    /// <exception cref="ConfigurationException">The value is not an absolute http or https URI.</exception>
    public static Uri? ReadEndpoint(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ConfigurationException(key, $"must be an absolute http or https URI, got '{value}'");
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A bare endpoint gets the OTLP/HTTP metrics path, as the exporter does for its environment variable.
        var target = endpoint.AbsolutePath is "" or "/" ? new Uri(endpoint, "/v1/metrics") : endpoint;
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(Meters)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = target;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = intervalMs;
            })
            .Build();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _provider?.ForceFlush(5000);
        return Task.CompletedTask;
    }

    public void Dispose() => _provider?.Dispose();
}

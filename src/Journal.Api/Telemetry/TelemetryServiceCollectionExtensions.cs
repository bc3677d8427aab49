using Journal.Api.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Journal.Api.Telemetry;

/// <summary>Registers the service's traces and metrics with OpenTelemetry.</summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Adds the journal's sources, the HTTP server spans and metrics, the runtime metrics and the journal's
    /// meters to whatever tracer and meter providers the host has, and creates providers exporting over
    /// OTLP/HTTP (protobuf) for each signal the settings give an endpoint. With none, no provider exists:
    /// nothing listens, so no span is made and nothing is exported.
    /// </summary>
    public static IServiceCollection AddJournalTelemetry(this IServiceCollection services, JournalSettings settings, IConfiguration configuration)
    {
        var named = !string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]);
        services.ConfigureOpenTelemetryTracerProvider(tracing =>
        {
            tracing
                .AddSource([.. JournalTelemetry.Sources])
                .AddAspNetCoreInstrumentation(http => http.EnrichWithHttpRequest = HttpSpans.Enrich);
            if (!named)
            {
                tracing.ConfigureResource(resource => resource.AddService(JournalTelemetry.ServiceName));
            }
        });
        services.ConfigureOpenTelemetryMeterProvider(metrics =>
        {
            metrics
                .AddMeter([.. JournalTelemetry.Meters])
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation();
            if (!named)
            {
                metrics.ConfigureResource(resource => resource.AddService(JournalTelemetry.ServiceName));
            }
        });

        if (settings.OtlpTracesTarget is null && settings.OtlpMetricsTarget is null)
        {
            return services;
        }

        // The hosting extensions start the providers with the host and flush them when it stops.
        var telemetry = services.AddOpenTelemetry();
        if (settings.OtlpTracesTarget is { } traces)
        {
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter(exporter =>
            {
                exporter.Endpoint = traces;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            }));
        }

        if (settings.OtlpMetricsTarget is { } metrics)
        {
            telemetry.WithMetrics(meters => meters.AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = metrics;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = settings.OtlpIntervalMs;
            }));
        }

        return services;
    }
}

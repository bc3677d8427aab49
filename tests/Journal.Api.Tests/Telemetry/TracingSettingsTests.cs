using Journal.Api.Hosting;
using Journal.Api.Tests.Http.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Journal.Api.Tests.Telemetry;

public sealed class TracingSettingsTests
{
    [Fact]
    public async Task The_service_traces_nothing_without_an_otlp_endpoint()
    {
        await using var host = ApiHost.Start();
        await host.CreateSessionAsync();

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }

    [Fact]
    public async Task The_service_exports_its_spans_over_otlp_http_to_the_traces_path_when_an_endpoint_is_set()
    {
        using var collector = new OtlpCollector();
        await using var host = ApiHost.Start(settings: new Dictionary<string, string>
        {
            ["Journal:OtlpEndpoint"] = collector.Endpoint,
            ["Journal:OtlpIntervalMs"] = "200",
        });

        var received = collector.ReceiveUntilAsync((path, body) => path == "/v1/traces" && body.Contains("journal.tape.append", StringComparison.Ordinal));
        await host.CreateSessionAsync();

        // The flush waits for the export's answer, which the listener gives meanwhile.
        var provider = host.Services.GetRequiredService<TracerProvider>();
        await Task.Run(() => provider.ForceFlush(10_000));
        var (_, contentType, body) = await received;

        Assert.Equal("application/x-protobuf", contentType);
        Assert.Contains("journal.command CreateSessionRequest", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_read_a_traces_endpoint_of_its_own_and_may_turn_traces_off()
    {
        var both = Read(("Journal:OtlpEndpoint", "http://collector:4318"));
        var own = Read(("Journal:OtlpEndpoint", "http://collector:4318"), ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://tracer:4318/custom"));
        var off = Read(("Journal:OtlpEndpoint", "http://collector:4318"), ("Journal:OtlpTraces", "0"));
        var tracesOnly = Read(("Journal:OtlpTracesEndpoint", "http://tracer:4318"));

        Assert.Equal(new Uri("http://collector:4318/v1/traces"), both.OtlpTracesTarget);
        Assert.Equal(new Uri("http://tracer:4318/custom"), own.OtlpTracesTarget);
        Assert.Null(off.OtlpTracesTarget);
        Assert.Equal(new Uri("http://collector:4318/v1/metrics"), off.OtlpMetricsTarget);
        Assert.Equal(new Uri("http://tracer:4318/v1/traces"), tracesOnly.OtlpTracesTarget);
        Assert.Null(tracesOnly.OtlpMetricsTarget);
    }

    [Theory]
    [InlineData("Journal:OtlpTracesEndpoint", "collector:4318")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "ftp://collector:4318")]
    [InlineData("Journal:OtlpTraces", "maybe")]
    public void Settings_refuse_a_bad_traces_setting_naming_the_key(string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read((key, value)));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static JournalSettings Read(params (string Key, string Value)[] values) =>
        JournalSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());
}

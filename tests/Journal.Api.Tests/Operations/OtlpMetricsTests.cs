using Journal.Api.Hosting;
using Journal.Api.Tests.Http.Support;
using Journal.Api.Tests.Telemetry;
using Microsoft.Extensions.Configuration;

namespace Journal.Api.Tests.Operations;

public sealed class OtlpMetricsTests
{
    [Fact]
    public async Task The_service_exports_the_journals_meters_over_otlp_http_when_an_endpoint_is_set()
    {
        using var collector = new OtlpCollector();
        await using var host = ApiHost.Start(settings: new Dictionary<string, string>
        {
            ["Journal:OtlpEndpoint"] = collector.Endpoint,
            ["Journal:OtlpIntervalMs"] = "200",
        });

        await host.CreateSessionAsync();
        var (path, contentType, body) = await collector.ReceiveUntilAsync(
            // Trace exports reach the same collector and also name the tape's source: the path tells metrics apart.
            (path, text) => path == "/v1/metrics" && text.Contains("Journal.Tape", StringComparison.Ordinal));

        Assert.Equal("/v1/metrics", path);
        Assert.Equal("application/x-protobuf", contentType);
        Assert.Contains("journal.tape.", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Journal:OtlpEndpoint", "not a uri")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://collector:4318")]
    public void Settings_refuse_an_otlp_endpoint_that_is_not_an_http_uri_naming_the_key(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();

        var error = Assert.Throws<ConfigurationException>(() => JournalSettings.From(configuration));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_read_the_standard_otlp_environment_variable_and_export_nothing_without_it()
    {
        var none = JournalSettings.From(new ConfigurationBuilder().Build());
        var standard = JournalSettings.From(new ConfigurationBuilder().AddInMemoryCollection([new("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")]).Build());

        Assert.Null(none.OtlpEndpoint);
        Assert.Equal(new Uri("http://collector:4318"), standard.OtlpEndpoint);
    }
}

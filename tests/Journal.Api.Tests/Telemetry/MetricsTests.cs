using Journal.Api.Tests.Http.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Journal.Api.Tests.Telemetry;

public sealed class MetricsTests
{
    [Fact]
    public async Task The_meter_provider_collects_http_server_and_runtime_metrics_beside_the_journals_meters()
    {
        var metrics = new ExportedCollection<Metric>();
        await using var host = ApiHost.Start(configure: web => web.ConfigureServices(services =>
            services.AddOpenTelemetry().WithMetrics(meters => meters.AddInMemoryExporter(metrics))));
        await host.CreateSessionAsync();

        Assert.True(host.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        var names = metrics.Snapshot().Select(m => m.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("http.server.request.duration", names);
        Assert.Contains("dotnet.gc.collections", names);
        Assert.Contains("journal.tape.appends", names);
        Assert.Contains("journal.commands.handled", names);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Journal.Api.Tests.Http.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Journal.Api.Tests.Telemetry;

public sealed class CommandTraceTests : IAsyncLifetime
{
    private const string CorrelationHeader = "X-Correlation-Id";
    private const string CorrelationTag = "journal.correlation_id";

    private readonly ExportedCollection<Activity> _spans = new();
    private ApiHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ApiHost.Start(configure: web => web.ConfigureServices(services =>
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(_spans))));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_command_traces_http_then_command_then_append_and_the_projection_batch_links_to_the_append()
    {
        var correlation = "trace-" + Guid.NewGuid().ToString("N");
        var position = await CreateSessionAsync(correlation, "ada", HttpStatusCode.Created);

        var (http, command, append, batch) = await _spans.WaitForAsync(spans =>
        {
            var http = spans.SingleOrDefault(s => s.Source.Name == "Microsoft.AspNetCore" && Equals(s.GetTagItem(CorrelationTag), correlation));
            var command = spans.SingleOrDefault(s => s.DisplayName == "journal.command CreateSessionRequest" && s.TraceId == http?.TraceId);
            var append = spans.SingleOrDefault(s => s.DisplayName == "journal.tape.append" && s.TraceId == http?.TraceId);
            var batch = spans.FirstOrDefault(s => s.DisplayName == "journal.projection.batch" && append is not null && s.Links.Any(l => l.Context.SpanId == append.SpanId));
            return http is null || command is null || append is null || batch is null ? null : Tuple.Create(http, command, append, batch);
        });

        Assert.Equal(default, http.ParentSpanId);
        Assert.Equal(http.SpanId, command.ParentSpanId);
        Assert.Equal(command.SpanId, append.ParentSpanId);
        Assert.Equal(default, batch.ParentSpanId);
        Assert.NotEqual(http.TraceId, batch.TraceId);
        Assert.Equal(append.TraceId, batch.Links.Single(l => l.Context.SpanId == append.SpanId).Context.TraceId);

        Assert.True(http.StartTimeUtc <= command.StartTimeUtc, "the command starts inside the request");
        Assert.True(command.StartTimeUtc <= append.StartTimeUtc, "the append starts inside the command");
        Assert.True(append.StartTimeUtc <= batch.StartTimeUtc, "the projection batch starts after the append");
        Assert.True(append.StartTimeUtc + append.Duration <= command.StartTimeUtc + command.Duration, "the append ends inside the command");

        Assert.Equal(correlation, http.GetTagItem(CorrelationTag));
        Assert.Equal(correlation, command.GetTagItem(CorrelationTag));
        Assert.Equal(correlation, append.GetTagItem(CorrelationTag));
        Assert.Contains(correlation, Assert.IsType<string[]>(batch.GetTagItem(CorrelationTag)));

        Assert.Equal(ActivityStatusCode.Unset, command.Status);
        Assert.Equal(1L, Convert.ToInt64(append.GetTagItem("journal.tape.streams"), null));
        Assert.Equal(1L, Convert.ToInt64(append.GetTagItem("journal.tape.events"), null));
        Assert.True(Convert.ToInt64(append.GetTagItem("journal.tape.group_size"), null) >= 1);
        Assert.Equal(position, Convert.ToInt64(append.GetTagItem("journal.tape.first_position"), null));
        Assert.Equal(position, Convert.ToInt64(append.GetTagItem("journal.tape.last_position"), null));
        Assert.True(Convert.ToInt64(batch.GetTagItem("journal.projection.first_position"), null) <= position);
        Assert.True(Convert.ToInt64(batch.GetTagItem("journal.projection.last_position"), null) >= position);
    }

    [Fact]
    public async Task A_refused_command_ends_its_span_in_error_with_the_exception_and_appends_nothing()
    {
        var correlation = "refused-" + Guid.NewGuid().ToString("N");
        await CreateSessionAsync(correlation, "   ", HttpStatusCode.BadRequest);

        // The request's span ends last: once it is exported, anything the command wrote is too.
        var http = await _spans.WaitForAsync(spans => spans.SingleOrDefault(s => s.Source.Name == "Microsoft.AspNetCore" && Equals(s.GetTagItem(CorrelationTag), correlation)));
        var trace = _spans.Snapshot().Where(s => s.TraceId == http.TraceId).ToList();

        var command = Assert.Single(trace, s => s.DisplayName == "journal.command CreateSessionRequest");
        Assert.Equal(http.SpanId, command.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Error, command.Status);
        Assert.Equal("validation.failed", command.GetTagItem("error.type"));
        Assert.Equal(correlation, command.GetTagItem(CorrelationTag));
        Assert.Contains(command.Events, e => e.Name == "exception");
        Assert.DoesNotContain(trace, s => s.DisplayName == "journal.tape.append");
        Assert.Equal("https://journal.dev/problems/validation.failed", http.GetTagItem("journal.problem.type"));
    }

    /// <summary>Creates a session with <paramref name="principal"/>; answers the position the API returned (0 when refused).</summary>
    private async Task<long> CreateSessionAsync(string correlation, string principal, HttpStatusCode expected)
    {
        using var client = _host.Writer();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/sessions")
        {
            Content = JsonContent.Create(new { principal, device = "laptop", channel = "cli" }),
        };
        request.Headers.Add(CorrelationHeader, correlation);
        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        return response.IsSuccessStatusCode ? (await Json.BodyAsync(response)).GetProperty("position").GetInt64() : 0;
    }
}

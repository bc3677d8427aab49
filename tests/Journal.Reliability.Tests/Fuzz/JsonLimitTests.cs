using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Journal.Reliability.Tests.Support;
using Journal.Application.Pipeline;

namespace Journal.Reliability.Tests.Fuzz;

/// <summary>
/// JSON depth and size limits hold on every endpoint that takes a body, before any work: a 10,000-level
/// body answers 400 <c>request.too_deep</c>, a body over <c>Journal:MaxRequestBytes</c> answers 413
/// <c>request.too_large</c>, no command reaches the pipeline (its log line never appears) and the tape
/// does not move.
/// </summary>
public sealed class JsonLimitTests : IAsyncLifetime
{
    private readonly TestDirectory _directory = new("json-limits");
    private ServiceHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ServiceHost.Start(_directory.Combine("data"), new Dictionary<string, string>
        {
            ["Journal:MaxRequestBytes"] = "65536",
            ["Logging:LogLevel:Journal.EventStore.Pipeline"] = "Trace",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Every_body_endpoint_refuses_deep_and_oversized_json_before_any_work()
    {
        var session = await _host.CreateSessionAsync();
        var withBody = Endpoints.Of(_host.Services).Where(e => e.BodyFields.Count > 0).ToList();
        Assert.True(withBody.Count >= 15, $"only {withBody.Count} endpoints take a body");
        using var client = _host.Admin();
        var head = await _host.HeadAsync();
        var handledBefore = Handled();

        foreach (var endpoint in withBody)
        {
            var path = endpoint.Path(name => name == "sessionId" ? session.ToString() : Guid.NewGuid().ToString());
            var field = endpoint.BodyFields[0];
            var deep = $"{{\"{field}\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
            var huge = $"{{\"{field}\":\"" + new string('a', 70_000) + "\"}";

            var (deepStatus, deepCode) = await SendAsync(client, endpoint.Method, path, deep);
            var (hugeStatus, hugeCode) = await SendAsync(client, endpoint.Method, path, huge);

            Assert.True(deepStatus == HttpStatusCode.BadRequest && deepCode == "request.too_deep", $"{endpoint}: deep body answered {(int)deepStatus} {deepCode}");
            Assert.True(hugeStatus == HttpStatusCode.RequestEntityTooLarge && hugeCode == "request.too_large", $"{endpoint}: huge body answered {(int)hugeStatus} {hugeCode}");
        }

        Assert.Equal(head, await _host.HeadAsync());
        Assert.Equal(handledBefore, Handled());
    }

    /// <summary>Log lines of requests that reached the MediatR pipeline.</summary>
    private int Handled() => _host.Logs.Lines.Count(l => l.Contains("Pipeline.LoggingBehavior", StringComparison.Ordinal) && !l.Contains("ReadHead", StringComparison.Ordinal));

    private static async Task<(HttpStatusCode Status, string? Code)> SendAsync(HttpClient client, string method, string path, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await client.SendAsync(request, deadline.Token);
        var text = await response.Content.ReadAsStringAsync(deadline.Token);
        var code = text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null : null;
        return (response.StatusCode, code);
    }
}

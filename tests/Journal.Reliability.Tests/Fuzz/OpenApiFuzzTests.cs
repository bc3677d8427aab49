using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Journal.Reliability.Tests.Support;

namespace Journal.Reliability.Tests.Fuzz;

/// <summary>
/// Every operation of the OpenAPI document the running service serves (real Kestrel on loopback, so response
/// headers are checked as in production) gets each class of input a parser or a header could read two ways:
/// a non-ASCII <c>X-Correlation-Id</c>, invalid UTF-8 inside a string of its body, a repeated key (top level,
/// nested, in an array, escaped) and malformed JSON (truncated, trailing data). Each is refused with 400 and
/// its code (never a 5xx), and the tape head (seq and hash) is where it was. Deterministic: a fixed seed.
/// </summary>
public sealed class OpenApiFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 17;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    private static readonly string[] NonAsciiCorrelationIds = ["\u00e9", "trace-\u00e9t\u00e9"];
    private readonly TestDirectory _directory = new("openapi-fuzz");
    private KestrelHost _host = null!;

    public async Task InitializeAsync() => _host = await KestrelHost.StartAsync(_directory.Combine("data"), "--Journal:RateLimitPerMinute=10000000");

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Every_documented_operation_refuses_hostile_headers_and_bodies_with_400_and_writes_nothing()
    {
        // The client must be told to send a non-ASCII header value at all (as UTF-8, as the testers' tools did).
        using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 }) { BaseAddress = _host.Address, Timeout = RequestTimeout };
        var operations = await OpenApiOperations.ReadAsync(client, new Random(Seed));
        Assert.True(operations.All.Count >= 80, $"only {operations.All.Count} operations documented");
        var head = await HeadAsync(client);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var sent = 0;
        var clock = Stopwatch.StartNew();

        foreach (var operation in operations.All)
        {
            var path = operations.PathOf(operation);
            var hasBody = operation.Method is not ("GET" or "HEAD");
            var contentType = operation.BodyContentType ?? "application/json";
            var body = operations.BodyOf(operation);
            foreach (var correlationId in NonAsciiCorrelationIds)
            {
                var plausible = hasBody ? Encoding.UTF8.GetBytes(body.ToJsonString()) : null;
                var (status, code) = await SendAsync(client, operation.Method, path, plausible, contentType, correlationId);
                Check(failures, $"{operation} as {path} with X-Correlation-Id '{correlationId}'", status, code, "validation.failed");
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                sent++;
            }

            if (!hasBody || !IsJson(contentType))
            {
                continue;
            }

            foreach (var hostile in HostileBodies.Of(body))
            {
                var (status, code) = await SendAsync(client, operation.Method, path, hostile.Bytes, contentType, correlationId: null);
                Check(failures, $"{operation} as {path} with {hostile.Name}: {Shown(hostile.Bytes)}", status, code, hostile.Code);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                sent++;
            }
        }

        output.WriteLine($"{operations.All.Count} operations, {sent} hostile requests in {clock.Elapsed.TotalSeconds:F1} s; statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}x{s.Value}"))}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile requests went wrong:\n" + string.Join('\n', failures.OrderByDescending(f => f.StartsWith('5')).Take(30)));
        Assert.Equal(head, await HeadAsync(client));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(50), $"{sent} requests took {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static void Check(List<string> failures, string description, int status, string? code, string expected)
    {
        if (status != 400 || code != expected)
        {
            failures.Add($"{status} {code} (expected 400 {expected}) for {description}");
        }
    }

    private static async Task<(int Status, string? Code)> SendAsync(HttpClient client, string method, string path, byte[]? body, string contentType, string? correlationId)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (correlationId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Correlation-Id", correlationId);
        }

        using var deadline = new CancellationTokenSource(RequestTimeout);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            // Never read an answer that is not a problem: it may be an endless event stream.
            return ((int)response.StatusCode, null);
        }

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(deadline.Token);
        return ((int)response.StatusCode, problem.TryGetProperty("code", out var code) ? code.GetString() : null);
    }

    private static async Task<(long Seq, string? Hash)> HeadAsync(HttpClient client)
    {
        var head = await client.GetFromJsonAsync<JsonElement>("/v1/journal/head");
        return (head.GetProperty("seq").GetInt64(), head.GetProperty("hash").GetString());
    }

    private static bool IsJson(string contentType) =>
        MediaTypeHeaderValue.Parse(contentType).MediaType is { } type && (type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal));

    private static string Shown(byte[] bytes) =>
        bytes.Length > 160 ? Encoding.Latin1.GetString(bytes, 0, 160) + "..." : Encoding.Latin1.GetString(bytes);
}

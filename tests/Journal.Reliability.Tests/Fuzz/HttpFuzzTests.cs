using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Journal.EventStore;
using Journal.Reliability.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Reliability.Tests.Fuzz;

/// <summary>
/// Every endpoint of the app (enumerated from its endpoint metadata) gets a seeded run of hostile requests:
/// malformed and random JSON, 10,000-level nesting, huge strings, invalid UTF-8, wrong content types,
/// traversal, NUL, SQL and FTS syntax in ids, queries and fields. Never a 500, never a hang, and a
/// refused request (4xx) writes nothing: the tape head is where it was.
/// </summary>
[Trait("Category", "Slow")]
public sealed class HttpFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    private readonly TestDirectory _directory = new("fuzz");
    private ServiceHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ServiceHost.Start(_directory.Combine("data"), readYourWritesWait: TimeSpan.FromMilliseconds(100));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Every_endpoint_answers_hostile_requests_without_a_500_a_hang_or_a_write()
    {
        var seed = Seeds.Next(output, nameof(Every_endpoint_answers_hostile_requests_without_a_500_a_hang_or_a_write));
        var input = new HostileInput(new Random(seed));
        // Every endpoint first gets each listed hostile value in every route and query slot, then seeded random rounds.
        var rounds = HostileInput.Strings.Length + Seeds.Setting("RELIABILITY_FUZZ_ROUNDS", 8);
        var session = (await _host.CreateSessionAsync()).ToString();
        var tape = _host.Services.GetRequiredService<SqliteEventStore>();
        var endpoints = Endpoints.Of(_host.Services);
        Assert.True(endpoints.Count >= 40, $"only {endpoints.Count} endpoints found");
        using var client = _host.Admin();
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var clock = Stopwatch.StartNew();
        foreach (var endpoint in endpoints)
        {
            for (var round = 0; round < rounds; round++)
            {
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), Url(endpoint, input, session, round));
                var description = $"{endpoint} as {request.RequestUri}";
                if (endpoint.TakesBody && round > 0)
                {
                    var (name, body, contentType) = input.Body(endpoint.BodyFields);
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                    description += $" with {name} ({body.Length} bytes, {contentType})";
                }

                var before = (await tape.ReadHeadAsync(CancellationToken.None)).Seq;
                var status = await SendAsync(client, request, description, failures);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var after = (await tape.ReadHeadAsync(CancellationToken.None)).Seq;
                if (status >= 500 && status is not (503 or 507))
                {
                    failures.Add($"{status} for {description}");
                }

                if (status is >= 400 and < 500 && after != before)
                {
                    failures.Add($"{status} for {description} but the tape moved from {before} to {after}");
                }
            }
        }

        output.WriteLine($"{endpoints.Count} endpoints x {rounds} requests in {clock.Elapsed.TotalSeconds:F1} s; statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"))}");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains("Unhandled error", StringComparison.Ordinal));
    }

    private static string Url(EndpointInfo endpoint, HostileInput input, string session, int round)
    {
        var listed = round < HostileInput.Strings.Length;
        string Value() => listed ? HostileInput.Strings[round] : input.Value();
        var path = endpoint.Path(name => !listed && name == "sessionId" && input.Coin() ? session : Value());
        var query = endpoint.QueryParameters.Where(_ => listed || input.Coin()).Select(p => $"{p}={Uri.EscapeDataString(Value())}").ToList();
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    /// <summary>Sends with a per-request deadline; a live tail (event stream) is judged on its headers.</summary>
    private static async Task<int> SendAsync(HttpClient client, HttpRequestMessage request, string description, List<string> failures)
    {
        using var deadline = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            {
                await response.Content.ReadAsByteArrayAsync(deadline.Token);
            }

            return (int)response.StatusCode;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("null characters", StringComparison.Ordinal))
        {
            // The in-process client cannot even send a NUL in a path; Kestrel answers 400 to one (see KestrelPathTests).
            return 400;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            failures.Add($"no answer within {RequestTimeout.TotalSeconds} s for {description}");
            return 0;
        }
    }
}

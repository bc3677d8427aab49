using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;
using Journal.Domain.Commands;
using Journal.Domain.Transcript.UseCases;
using MediatR;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Api.Tests.Commands;

/// <summary>
/// Many writers appending to one session's transcript at once, over HTTP. A command is one store call:
/// <c>If-Match</c> is the append's expected version (a success is written exactly at it), and a command
/// without a precondition decides again on the newer state when it loses a race instead of answering 409.
/// </summary>
public sealed class ConcurrencyRaceTests : ApiTestBase
{
    private const int Writers = 16;
    private const string StaleVersion = "https://journal.dev/problems/stream.wrong_expected_version";

    // The late append's hold (below) is inert for every other append, so the whole class can run on a host that has it.
    protected override ApiHost StartHost() => ApiHost.Start(configure: b => b.ConfigureTestServices(services =>
    {
        services.AddSingleton<LateAppendGate>();
        services.AddTransient<IPipelineBehavior<AppendTranscriptEntryRequest, CommandResult>, HoldLateAppend>();
    }));

    [Fact]
    public async Task Transcript_append_that_passed_its_If_Match_check_is_refused_409_when_another_write_lands_before_its_load()
    {
        var sessionId = await Host.CreateSessionAsync();
        var seed = await Queries.AppendAsync(sessionId, "seed");
        var gate = Host.Services.GetRequiredService<LateAppendGate>();

        // The late append passes the HTTP layer (its If-Match names the current version) and waits; the
        // early one, with the same If-Match, is written meanwhile; then the late one goes on.
        var late = AppendAsync(Writer, sessionId, LateAppendGate.Text, ifMatch: seed.StreamVersion);
        Answer early;
        try
        {
            await gate.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
            early = await AppendAsync(Writer, sessionId, "early", ifMatch: seed.StreamVersion);
        }
        finally
        {
            gate.Release.TrySetResult();
        }

        var held = await late;

        Assert.Equal((HttpStatusCode.Created, seed.StreamVersion + 1), (early.Status, early.ETag));
        Assert.True(
            held is { Status: HttpStatusCode.Conflict, Type: StaleVersion } && held.Actual == seed.StreamVersion + 1,
            $"the append sent with If-Match {held.IfMatch} answered {(int)held.Status} {held.Type ?? "(no problem type)"}, ETag {held.ETag?.ToString(CultureInfo.InvariantCulture) ?? "none"}, actual {held.Actual?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        var entries = await TranscriptAsync(sessionId, early.Position!.Value);
        Assert.Equal(["seed", "early"], entries.Select(e => e.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Transcript_append_is_written_exactly_at_its_If_Match_or_refused_409_when_writers_race()
    {
        const int appendsEach = 30;
        var sessionId = await Host.CreateSessionAsync();
        var seed = await Queries.AppendAsync(sessionId, "seed");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            using var client = Host.Writer();
            var seen = seed.StreamVersion;
            var answers = new List<Answer>();
            await start.Task;
            for (var i = 0; i < appendsEach; i++)
            {
                var answer = await AppendAsync(client, sessionId, $"writer {w} append {i}", ifMatch: seen);
                answers.Add(answer);

                // The next attempt names the version this writer last saw: its own write, or the one a refusal reported.
                seen = answer.ETag ?? answer.Actual ?? seen;
            }

            return answers;
        })).ToArray();
        start.SetResult();
        var all = (await Task.WhenAll(writers)).SelectMany(a => a).ToList();

        var written = all.Where(a => a.Status == HttpStatusCode.Created).ToList();
        var pastIfMatch = written.Where(a => a.ETag != a.IfMatch + 1).ToList();
        var refused = all.Where(a => a.Status == HttpStatusCode.Conflict && a.Type == StaleVersion).ToList();
        var other = all.Where(a => a.Status != HttpStatusCode.Created && !(a.Status == HttpStatusCode.Conflict && a.Type == StaleVersion)).ToList();
        Assert.True(
            pastIfMatch.Count == 0 && other.Count == 0,
            $"{all.Count} appends: {written.Count} written, {pastIfMatch.Count} of them past their If-Match "
            + $"({string.Join(", ", pastIfMatch.Take(5).Select(a => $"If-Match {a.IfMatch}, ETag {a.ETag}"))}); {refused.Count} refused 409 stale; "
            + $"{other.Count} other answers ({string.Join(", ", other.Take(5).Select(a => $"{(int)a.Status} {a.Type}"))})");
        Assert.NotEmpty(written);
        var entries = await TranscriptAsync(sessionId, written.Max(a => a.Position!.Value));
        Assert.Equal(written.Count + 1, entries.Count);
    }

    [Fact]
    public async Task Transcript_append_without_If_Match_never_loses_a_race_and_numbers_every_entry_once()
    {
        const int appendsEach = 20;
        var sessionId = await Host.CreateSessionAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            using var client = Host.Writer();
            var answers = new List<Answer>();
            await start.Task;
            for (var i = 0; i < appendsEach; i++)
            {
                answers.Add(await AppendAsync(client, sessionId, $"writer {w} append {i}", ifMatch: null));
            }

            return answers;
        })).ToArray();
        start.SetResult();
        var all = (await Task.WhenAll(writers)).SelectMany(a => a).ToList();

        var refused = all.Where(a => a.Status != HttpStatusCode.Created).ToList();
        Assert.True(
            refused.Count == 0,
            $"{all.Count} appends without If-Match: {refused.Count} refused ({string.Join(", ", refused.GroupBy(a => $"{(int)a.Status} {a.Type}").Select(g => $"{g.Count()} x {g.Key}"))})");
        var entries = await TranscriptAsync(sessionId, all.Max(a => a.Position!.Value));
        Assert.Equal(Enumerable.Range(1, Writers * appendsEach).Select(i => (long)i), entries.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(all.Select(a => a.ETag!.Value).Order(), entries.Select(e => e.GetProperty("sequence").GetInt64()));
    }

    /// <summary>Posts one entry; answers the status and, for a success, its ETag and position, for a refusal its type and actual version.</summary>
    private static async Task<Answer> AppendAsync(HttpClient client, Guid sessionId, string text, long? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{sessionId}/transcript") { Content = JsonContent.Create(new { kind = "UserMessage", text }) };
        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version.ToString(CultureInfo.InvariantCulture)}\"");
        }

        using var response = await client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (response.IsSuccessStatusCode)
        {
            var tag = Json.ETagOf(response);
            return new Answer(ifMatch, response.StatusCode, long.Parse(tag.Trim('"'), CultureInfo.InvariantCulture), body.GetProperty("position").GetInt64(), null, null);
        }

        var actual = body.TryGetProperty("actual", out var reported) && reported.ValueKind == JsonValueKind.Number ? reported.GetInt64() : (long?)null;
        return new Answer(ifMatch, response.StatusCode, null, null, body.TryGetProperty("type", out var type) ? type.GetString() : null, actual);
    }

    /// <summary>Every entry of the session's transcript, read once the read models reach <paramref name="position"/>.</summary>
    private async Task<List<JsonElement>> TranscriptAsync(Guid sessionId, long position) =>
        (await Queries.PagesAsync($"/v1/sessions/{sessionId}/transcript?limit=500&minPosition={position}")).SelectMany(p => p).ToList();

    private sealed record Answer(long? IfMatch, HttpStatusCode Status, long? ETag, long? Position, string? Type, long? Actual);

    /// <summary>Where the append with <see cref="Text"/> waits: after the HTTP layer took its request, before its command loads anything.</summary>
    private sealed class LateAppendGate
    {
        public const string Text = "late";

        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Holds the late append in the command pipeline (a test seam) until the test lets it go.</summary>
    private sealed class HoldLateAppend(LateAppendGate gate) : IPipelineBehavior<AppendTranscriptEntryRequest, CommandResult>
    {
        public async Task<CommandResult> Handle(AppendTranscriptEntryRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<CommandResult> next)
        {
            if (request.Text == LateAppendGate.Text)
            {
                gate.Arrived.TrySetResult();
                await gate.Release.Task.WaitAsync(cancellationToken);
            }

            return await next();
        }
    }
}

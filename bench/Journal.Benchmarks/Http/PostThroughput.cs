using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Journal.Domain.Transcript;
using Journal.Domain.Transcript.UseCases;
using MediatR;

namespace Journal.Benchmarks.Http;

/// <summary>
/// Closed-loop throughput of transcript appends with <c>clients</c> concurrent writers, each on its
/// own session (so they contend for the tape, not for one stream): over HTTP
/// (<c>POST /v1/sessions/{id}/transcript</c>) and in-process (<see cref="AppendTranscriptEntryRequest"/>
/// sent straight to MediatR), against the same service and file.
/// </summary>
internal static class PostThroughput
{
    public const string Text =
        "The agent read the build log, found the failing test and proposed a one-line fix to the parser; the user asked for the diff and a short note on why the earlier change broke it.";

    /// <summary>Appends per second over HTTP for <paramref name="duration"/>.</summary>
    public static async Task<double> HttpAsync(HttpClient client, IReadOnlyList<Guid> sessions, TimeSpan duration)
    {
        var body = new { kind = "UserMessage", text = Text };
        return await RunAsync(sessions, duration, async session =>
        {
            using var response = await client.PostAsJsonAsync($"/v1/sessions/{session}/transcript", body).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Appends per second through MediatR in-process for <paramref name="duration"/>.</summary>
    public static Task<double> InProcessAsync(IMediator mediator, IReadOnlyList<Guid> sessions, TimeSpan duration) =>
        RunAsync(sessions, duration, session => mediator.Send(new AppendTranscriptEntryRequest(session, null, TranscriptEntryKind.UserMessage, Text)));

    private static async Task<double> RunAsync(IReadOnlyList<Guid> sessions, TimeSpan duration, Func<Guid, Task> append)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(sessions.Select(session => Task.Run(async () =>
        {
            var done = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await append(session).ConfigureAwait(false);
                done++;
            }

            return done;
        }))).ConfigureAwait(false);
        return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}

using System.Buffers;
using System.Diagnostics;
using System.Net;

namespace Journal.Benchmarks.Http;

/// <summary>The outcome of one open-loop run.</summary>
/// <param name="Sent">Requests sent (the schedule's length).</param>
/// <param name="Failed">Requests that did not answer 200 (or threw).</param>
/// <param name="Elapsed">From the first scheduled send to the last answer.</param>
/// <param name="FromSchedule">Latency from each request's scheduled time (no coordinated omission: a late send counts).</param>
/// <param name="FromSend">Latency from the moment each request was actually sent.</param>
internal sealed record OpenLoopResult(int Sent, int Failed, TimeSpan Elapsed, Latencies FromSchedule, Latencies FromSend)
{
    public double AchievedRate => Sent / Elapsed.TotalSeconds;

    /// <summary>Several runs of one kind of request, taken as one (their samples merged, their times added).</summary>
    public static OpenLoopResult Combine(IReadOnlyList<OpenLoopResult> parts) => new(
        parts.Sum(part => part.Sent),
        parts.Sum(part => part.Failed),
        TimeSpan.FromTicks(parts.Sum(part => part.Elapsed.Ticks)),
        Latencies.Merge(parts.Select(part => part.FromSchedule)),
        Latencies.Merge(parts.Select(part => part.FromSend)));
}

/// <summary>One kind of request's turns of <see cref="OpenLoopLoad.RunInTurns"/>: all of them taken as one, and each in order.</summary>
internal sealed record TakenTurns(OpenLoopResult All, IReadOnlyList<OpenLoopResult> Rounds);

/// <summary>
/// An open-loop load generator: request <c>i</c> is due at <c>start + i / rate</c> whether or not the
/// earlier ones have answered, for a bounded count. A dedicated thread sleeps in 1 ms steps and sends
/// every request that has fallen due (no spinning, so it leaves the CPU to the service), so a send
/// may leave up to about a millisecond after its due time; that lag is in the from-schedule figures.
/// </summary>
internal static class OpenLoopLoad
{
    /// <summary>Sends GET <paramref name="path"/> at <paramref name="rate"/> per second for <paramref name="duration"/>; a success is a 200.</summary>
    public static OpenLoopResult Run(HttpClient client, string path, int rate, TimeSpan duration, TimeSpan timeout, BodyReading reading = BodyReading.Buffered) =>
        Run(c => Get(c, path, reading), HttpStatusCode.OK, client, rate, duration, timeout);

    /// <summary>GET <paramref name="path"/>, its whole body read as <paramref name="reading"/> says before the task completes.</summary>
    public static Task<HttpResponseMessage> Get(HttpClient client, string path, BodyReading reading) =>
        reading == BodyReading.Drained ? GetDrainedAsync(client, path) : client.GetAsync(path, HttpCompletionOption.ResponseContentRead);

    private static async Task<HttpResponseMessage> GetDrainedAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            while (await body.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return response;
    }

    /// <summary>Sends what <paramref name="send"/> sends at <paramref name="rate"/> per second for <paramref name="duration"/>; a success answers <paramref name="success"/>.</summary>
    public static OpenLoopResult Run(Func<HttpClient, Task<HttpResponseMessage>> send, HttpStatusCode success, HttpClient client, int rate, TimeSpan duration, TimeSpan timeout)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var fromSchedule = new double[count];
        var fromSend = new double[count];
        var tasks = new Task<bool>[count];
        var ticksPerRequest = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();

        var dispatcher = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var due = start + (long)(i * ticksPerRequest);
                while (Stopwatch.GetTimestamp() < due)
                {
                    Thread.Sleep(1);
                }

                tasks[i] = SendAsync(send, success, client, due, i, fromSchedule, fromSend);
            }
        })
        { IsBackground = true, Name = "open-loop dispatcher" };
        dispatcher.Start();
        dispatcher.Join();
        var finished = Task.WaitAll(tasks, timeout);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var failed = tasks.Count(t => !t.IsCompletedSuccessfully || !t.Result);
        return finished
            ? new OpenLoopResult(count, failed, elapsed, new Latencies(fromSchedule), new Latencies(fromSend))
            : throw new TimeoutException($"requests still open after {timeout}");
    }

    /// <summary>
    /// Each of <paramref name="sends"/> for <paramref name="duration"/> in all, cut into <paramref name="rounds"/> turns
    /// taken in alternating order (A B C, then C B A, ...), each one's samples merged: what the machine does in one
    /// minute falls on every kind of request, not on whichever was measured then. A success is a 200.
    /// </summary>
    public static TakenTurns[] RunInTurns(HttpClient client, IReadOnlyList<Func<HttpClient, Task<HttpResponseMessage>>> sends, int rate, TimeSpan duration, int rounds)
    {
        var parts = sends.Select(_ => new List<OpenLoopResult>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            var order = Enumerable.Range(0, sends.Count);
            foreach (var k in round % 2 == 0 ? order : order.Reverse())
            {
                parts[k].Add(Run(sends[k], HttpStatusCode.OK, client, rate, duration / rounds, TimeSpan.FromSeconds(60)));
            }
        }

        return [.. parts.Select(p => new TakenTurns(OpenLoopResult.Combine(p), p))];
    }

    private static async Task<bool> SendAsync(Func<HttpClient, Task<HttpResponseMessage>> send, HttpStatusCode success, HttpClient client, long due, int index, double[] fromSchedule, double[] fromSend)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await send(client).ConfigureAwait(false);
            return response.StatusCode == success;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        finally
        {
            var now = Stopwatch.GetTimestamp();
            fromSchedule[index] = Stopwatch.GetElapsedTime(due, now).TotalMilliseconds;
            fromSend[index] = Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds;
        }
    }
}

/// <summary>How the load generator reads each response's body (always whole, before the latency is taken).</summary>
internal enum BodyReading
{
    /// <summary>Into a new array per response (HttpClient's <c>ResponseContentRead</c>): the client's allocations grow with the body.</summary>
    Buffered,

    /// <summary>Streamed into one pooled buffer and dropped: no allocation that grows with the body.</summary>
    Drained,
}

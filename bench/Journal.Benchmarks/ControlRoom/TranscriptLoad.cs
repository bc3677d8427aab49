using System.Diagnostics;
using Journal.Domain.Commands;
using Journal.Domain.Transcript;
using Journal.Domain.Transcript.UseCases;
using MediatR;

namespace Journal.Benchmarks.ControlRoom;

/// <summary>
/// Open-loop appends through the in-process command path: append <c>i</c> is due at <c>start + i / rate</c>, sent
/// whether or not the earlier ones have answered, spread over a few sessions (as several agents write at once). A
/// dedicated thread sleeps in 1 ms steps and sends what has fallen due.
/// </summary>
internal static class TranscriptLoad
{
    /// <summary>Sends <paramref name="rate"/> appends a second for <paramref name="duration"/>; answers how many failed and when the last one answered.</summary>
    public static async Task<(int Sent, int Failed, TimeSpan Elapsed)> RunAsync(IMediator mediator, IReadOnlyList<Guid> sessions, int rate, TimeSpan duration)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var tasks = new Task[count];
        var ticksPerAppend = (double)Stopwatch.Frequency / rate;
        var context = new CommandContext(Actor: "bench");
        var start = Stopwatch.GetTimestamp();
        var dispatcher = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var due = start + (long)(i * ticksPerAppend);
                while (Stopwatch.GetTimestamp() < due)
                {
                    Thread.Sleep(1);
                }

                var request = new AppendTranscriptEntryRequest(sessions[i % sessions.Count], null, TranscriptEntryKind.AssistantMessage, $"step {i}: the agent reports progress") { Context = context };
                tasks[i] = Task.Run(() => mediator.Send(request));
            }
        })
        { IsBackground = true, Name = "live-tail load" };
        dispatcher.Start();
        await Task.Run(dispatcher.Join).ConfigureAwait(false);
        var failed = 0;
        foreach (var task in tasks)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failed++;
            }
        }

        return (count, failed, Stopwatch.GetElapsedTime(start));
    }
}

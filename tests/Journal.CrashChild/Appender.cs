using System.Globalization;
using Journal.Domain.Sessions.UseCases;
using Journal.Domain.Transcript;
using Journal.Domain.Transcript.UseCases;
using Journal.EventStore;
using Journal.Projections;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Journal.Application;

namespace Journal.CrashChild;

/// <summary>
/// The journal in-process with its hosted services running (so a kill can land in a projection
/// write too), and <c>writers</c> loops appending transcript entries through MediatR.
/// </summary>
internal sealed class Appender : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly int _writers;
    private readonly string _label;
    private readonly StreamWriter _out;
    private readonly Lock _outLock = new();

    public Appender(string tapePath, int writers, string label)
    {
        _writers = writers;
        _label = label;
        _services = new ServiceCollection()
            .AddJournal(new JournalStoreOptions { DatabasePath = tapePath })
            .BuildServiceProvider();
        _out = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true, NewLine = "\n" };
    }

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var hosted in _services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(ct);
        }

        Print("ready");
        var loops = Enumerable.Range(0, _writers).Select(w => Task.Run(() => WriteAsync(w, ct), ct)).ToArray();
        await Task.WhenAll(loops);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _out.DisposeAsync();
    }

    private async Task WriteAsync(int writer, CancellationToken ct)
    {
        var mediator = _services.GetRequiredService<IMediator>();
        var sessionId = Guid.NewGuid();
        await mediator.Send(new CreateSessionRequest(sessionId, "crash-test", "child", "cli"), ct);
        for (var n = 0; ; n++)
        {
            var entryId = Guid.NewGuid();
            var text = string.Create(CultureInfo.InvariantCulture, $"{_label}-w{writer}-n{n}");
            var result = await mediator.Send(new AppendTranscriptEntryRequest(sessionId, entryId, TranscriptEntryKind.UserMessage, text), ct);

            // Printed only after the command returned: every line is an acknowledged, durable event.
            Print(string.Create(CultureInfo.InvariantCulture, $"ack {result.Position} {entryId:N} {text}"));
        }
    }

    private void Print(string line)
    {
        lock (_outLock)
        {
            _out.WriteLine(line);
        }
    }
}

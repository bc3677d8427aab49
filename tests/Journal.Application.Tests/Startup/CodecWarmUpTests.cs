using Journal.Application.Aggregates.Snapshots;
using Journal.Application.Startup;
using Journal.Domain.Deciding;
using Journal.Domain.Sessions;
using Journal.EventStore.Serialization;
using Microsoft.Extensions.Logging.Abstractions;

namespace Journal.Application.Tests.Startup;

public sealed class CodecWarmUpTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("journal-warmup-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void DeciderInitialStates_finds_the_initial_state_of_every_decider_of_the_domain()
    {
        var states = CodecWarmUp.DeciderInitialStates(typeof(SessionDecider).Assembly);

        Assert.Equal(12, states.Count);
        Assert.Contains(states, s => s.GetType().Name == "TranscriptState");
        Assert.Contains(states, s => s.GetType().Name == "CanvasState");
        Assert.Same(Journal.Domain.Transcript.TranscriptDecider.Value.Initial, states.Single(s => s.GetType().Name == "TranscriptState"));
    }

    [Fact]
    public async Task StartAsync_returns_before_the_warm_up_which_covers_every_event_type_and_every_decider_state()
    {
        using var snapshots = new AggregateSnapshots(new AggregateSnapshotOptions { DatabasePath = Path.Combine(_directory, "snapshots.db"), Every = 10 });
        var registry = new EventTypeRegistry([typeof(SessionDecider).Assembly]);
        var warmUp = new CodecWarmUp(registry, NullLogger<CodecWarmUp>.Instance, snapshots);

        await warmUp.StartAsync(CancellationToken.None);
        var (eventTypes, states) = await warmUp.Warming;

        Assert.Equal(registry.Names.Count(), eventTypes);
        Assert.True(eventTypes > 20, $"only {eventTypes} event types registered");
        Assert.Equal(12, states);
    }
}

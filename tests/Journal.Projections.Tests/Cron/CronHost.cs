using System.Collections.Concurrent;
using Journal.Domain.Commands;
using Journal.Domain.Cron.Jobs.UseCases;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Aggregates;
using Journal.Projections.Cron;
using Journal.Projections.Runtime;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Journal.Application;
using Journal.Application.Cron;
using Journal.Application.Aggregates;

namespace Journal.Projections.Tests.Cron;

/// <summary>Records the runs a scheduler published, as an in-process executor would receive them.</summary>
public sealed class ClaimRecorder : INotificationHandler<CronRunClaimed>
{
    public ConcurrentQueue<CronRunClaimed> Claims { get; } = new();

    public Task Handle(CronRunClaimed notification, CancellationToken cancellationToken)
    {
        Claims.Enqueue(notification);
        return Task.CompletedTask;
    }
}

/// <summary>An aggregate store whose saves wait at a gate: lets a test hold one scheduler between its decision and its append.</summary>
public sealed class GatedAggregateStore(IAggregateStore inner) : IAggregateStore
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Arrived => _arrived.Task;

    public void Open() => _open.TrySetResult();

    public Task<Loaded<TState>> LoadAsync<TState, TEvent>(Domain.Tape.StreamId stream, TState initial, Func<TState, TEvent, TState> evolve, CancellationToken ct)
        where TState : class
        where TEvent : class => inner.LoadAsync(stream, initial, evolve, ct);

    public Task<CommandResult> ExecuteAsync<TCommand, TState, TEvent>(ICommand request, Domain.Deciding.Decider<TCommand, TState, TEvent> decider, TCommand command, CancellationToken ct)
        where TState : class
        where TEvent : class =>
        ExecuteAsync(request, decider.Stream(command), async (load, token) => Domain.Deciding.DeciderLoading.Changes(await Domain.Deciding.DeciderLoading.DecideAsync(load, decider, command, token)), ct);

    public Task<CommandResult> ExecuteAsync(ICommand request, Domain.Tape.StreamId primary, Func<IAggregateLoader, CancellationToken, Task<IReadOnlyList<AggregateChange>>> decide, CancellationToken ct) =>
        inner.ExecuteAsync(request, primary, async (load, token) =>
        {
            var changes = await decide(load, token);
            _arrived.TrySetResult();
            await _open.Task.WaitAsync(token);
            return changes;
        }, ct);

    public Task<IReadOnlyList<Domain.Tape.StreamId>> FindOpenStreamsAsync(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes, CancellationToken ct) =>
        inner.FindOpenStreamsAsync(category, openingTypes, closingTypes, ct);
}

/// <summary>
/// One journal process for the cron tests: AddJournal over <c>journal.db</c> in a directory that several
/// hosts may share (each with its own read-model file), or over the PostgreSQL tape at <c>postgres</c> (a
/// connection string) with its read models in <c>directory</c>, a manual clock, and the scheduler driven by the
/// test (<see cref="CronScheduler.RunDueAsync"/>) unless <c>runScheduler</c> starts the hosted one. Start it
/// (<see cref="StartAsync"/>) before a query waits for a position: the projection daemon must be running.
/// </summary>
public sealed class CronHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    public CronHost(string directory, TimeProvider clock, string name = "a", bool runScheduler = false, bool gated = false, string? postgres = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddSingleton(new CronSchedulerOptions { Enabled = runScheduler });
        services.AddSingleton(Recorder);
        services.AddSingleton<INotificationHandler<CronRunClaimed>>(Recorder);
        if (gated)
        {
            services.AddSingleton<IAggregateStore>(sp => Gate = new GatedAggregateStore(new AggregateStore(sp.GetRequiredService<Journal.EventStore.Ports.IAggregateTape>(), clock)));
        }

        services.AddJournal(
            postgres is null
                ? new JournalStoreOptions { DatabasePath = Path.Combine(directory, "journal.db") }
                : new JournalStoreOptions { Provider = TapeProvider.Postgres, ConnectionString = postgres, DatabasePath = Path.Combine(directory, "journal.db") },
            new ProjectionOptions
            {
                DatabasePath = Path.Combine(directory, $"projections-{name}.db"),
                MaxWait = TimeSpan.FromSeconds(10),
                ApprovalExpirySweep = Timeout.InfiniteTimeSpan,
            });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public ClaimRecorder Recorder { get; } = new();

    public GatedAggregateStore? Gate { get; private set; }

    public IMediator Mediator => _services.GetRequiredService<IMediator>();

    public CronScheduler Scheduler => _services.GetRequiredService<CronScheduler>();

    public IEventStore Store => _services.GetRequiredService<IEventStore>();

    public async Task StartAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>())
        {
            await service.StartAsync(default);
            _started.Add(service);
        }
    }

    public Task<CommandResult> Send(ICommand command) => Mediator.Send(command);

    public Task<T> Query<T>(IRequest<T> query) => Mediator.Send(query);

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _started)
        {
            await service.StopAsync(default);
        }

        await _services.DisposeAsync();
    }
}

/// <summary>A temp directory per test, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "journal-cron", Guid.NewGuid().ToString("N"));

    public TempDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

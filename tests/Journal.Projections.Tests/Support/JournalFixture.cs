using Journal.Domain.Commands;
using Journal.EventStore;
using Journal.Projections.Runtime;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Journal.Application;
using Journal.Application.Approvals;

namespace Journal.Projections.Tests.Support;

/// <summary>
/// The whole journal in-process, as an embedding host runs it: AddJournal over a temp directory, the
/// projection daemon started. Send commands, then queries with MinPosition = the command's position.
/// </summary>
public sealed class JournalFixture : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-readmodels", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    public JournalFixture(TimeProvider? time = null, ProjectionOptions? projections = null, bool? recoverAtStartup = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddJournal(
            new JournalStoreOptions { DatabasePath = Path.Combine(_directory, "journal.db"), RecoverAtStartup = recoverAtStartup },
            projections ?? new ProjectionOptions
            {
                DatabasePath = Path.Combine(_directory, "projections.db"),
                MaxWait = TimeSpan.FromSeconds(10),

                // Tests run the expiry sweep themselves (ApprovalExpiry.ExpireDueAsync), at the times they choose.
                ApprovalExpirySweep = Timeout.InfiniteTimeSpan,

                // Likewise the lag sampler (LagSampler.SampleOnceAsync).
                LagSampleInterval = Timeout.InfiniteTimeSpan,
            });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public IMediator Mediator => _services.GetRequiredService<IMediator>();

    public ProjectionDaemon Daemon => _services.GetRequiredService<ProjectionDaemon>();

    public SqliteEventStore Store => _services.GetRequiredService<SqliteEventStore>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Starts the hosted services (the projection daemon) as a host would.</summary>
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
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

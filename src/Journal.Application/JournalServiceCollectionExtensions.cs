using System.Diagnostics.Metrics;
using System.Reflection;
using Journal.Domain.Commands;
using Journal.EventStore;
using Journal.Application.Aggregates;
using Journal.Application.Aggregates.Snapshots;
using Journal.Application.Pipeline;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Journal.Application.Cron;
using Journal.Application.Approvals;
using Journal.Application.Startup;
using Journal.Application.Memory;

namespace Journal.Application;

/// <summary>The one registration an embedding host needs to use the journal in-process.</summary>
public static class JournalServiceCollectionExtensions
{
    /// <summary>
    /// Registers the tape, the aggregate store, MediatR (over this container) with every command
    /// handler of the domain and every query handler of the read side, the pipeline (tracing, logging,
    /// metrics, validation, read-your-writes, outermost first), the read-model database beside the
    /// tape and the projection daemon (a hosted service). Then send commands and queries with
    /// <see cref="IMediator.Send{TResponse}"/>.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="options">The tape.</param>
    /// <param name="projections">The read models (beside the tape when null).</param>
    /// <param name="snapshots">Aggregate snapshots (none when null: every stream is folded from its first event at its first load).</param>
    public static IServiceCollection AddJournal(this IServiceCollection services, JournalStoreOptions options, ProjectionOptions? projections = null, AggregateSnapshotOptions? snapshots = null)
    {
        var domain = typeof(ICommand).Assembly;
        projections ??= new ProjectionOptions
        {
            DatabasePath = Path.Combine(Path.GetDirectoryName(options.DatabasePath) ?? ".", "projections.db"),
        };
        services.AddLogging();
        services.AddJournalTape(options, domain);
        if (snapshots is not null)
        {
            services.TryAddSingleton(sp => new AggregateSnapshots(snapshots, sp.GetService<ILogger<AggregateSnapshots>>()));
        }

        services.TryAddSingleton<IAggregateStore>(sp => new AggregateStore(sp.GetRequiredService<Journal.EventStore.Ports.IAggregateTape>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<CommandRetry>(), snapshots: sp.GetService<AggregateSnapshots>()));
        services.TryAddSingleton(sp => new CommandMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddTransient<ServiceFactory>(sp => sp.GetService!);
        services.TryAddTransient<IMediator, Mediator>();
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TracingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(MetricsBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ReadYourWritesBehavior<,>));
        AddHandlers(services, domain);
        AddHandlers(services, typeof(ProjectionDaemon).Assembly);
        services.AddHostedService<Startup.StartupRecovery>();
        services.AddHostedService<Startup.CodecWarmUp>();
        services.AddHostedService<Startup.TreeStart>();
        AddProjections(services, projections);
        services.TryAddSingleton<Approvals.ApprovalExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<Approvals.ApprovalExpiry>());
        Memory.MemoryServiceCollectionExtensions.AddJournalMemory(services);
        Cron.CronScheduler.Register(services);
        return services;
    }

    private static void AddProjections(IServiceCollection services, ProjectionOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new ReadModelStore(options.DatabasePath, inMemory: options.InMemory));
        foreach (var type in typeof(ProjectionDaemon).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(IProjection).IsAssignableFrom(t)))
        {
            services.AddSingleton(typeof(IProjection), type);
        }

        services.TryAddSingleton<ProjectionDaemon>();
        services.AddHostedService(sp => sp.GetRequiredService<ProjectionDaemon>());
        services.TryAddSingleton<Journal.Projections.Lag.LagHistory>();
        services.TryAddSingleton<Journal.Projections.Lag.LagSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<Journal.Projections.Lag.LagSampler>());
    }

    private static void AddHandlers(IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
            {
                services.AddTransient(contract, type);
            }
        }
    }
}

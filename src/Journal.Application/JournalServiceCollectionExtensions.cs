using System.Diagnostics.Metrics;
using System.Reflection;
using Journal.Domain.Commands;
using Journal.EventStore;
using Journal.Application.Aggregates;
using Journal.Application.Pipeline;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    public static IServiceCollection AddJournal(this IServiceCollection services, JournalStoreOptions options, ProjectionOptions? projections = null)
    {
        var domain = typeof(ICommand).Assembly;
        projections ??= new ProjectionOptions
        {
            DatabasePath = Path.Combine(Path.GetDirectoryName(options.DatabasePath) ?? ".", "projections.db"),
        };
        services.AddLogging();
        services.AddJournalTape(options, domain);
        services.TryAddSingleton<IAggregateStore>(sp => new AggregateStore(sp.GetRequiredService<Journal.EventStore.Ports.IAggregateTape>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<CommandRetry>()));
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

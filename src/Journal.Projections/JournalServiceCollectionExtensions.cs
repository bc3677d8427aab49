using System.Diagnostics.Metrics;
using System.Reflection;
using Journal.Domain.Commands;
using Journal.EventStore;
using Journal.EventStore.Aggregates;
using Journal.EventStore.Pipeline;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Journal.Projections;

/// <summary>The one registration an embedding host needs to use the journal in-process.</summary>
public static class JournalServiceCollectionExtensions
{
    /// <summary>
    /// Registers the tape, the aggregate store, MediatR (over this container) with every command
    /// handler of the domain and the pipeline (logging, metrics, validation, idempotency, outermost
    /// first). Then send commands with <see cref="IMediator.Send{TResponse}"/>.
    /// </summary>
    public static IServiceCollection AddJournal(this IServiceCollection services, JournalStoreOptions options)
    {
        var domain = typeof(ICommand).Assembly;
        services.AddLogging();
        services.AddJournalTape(options, domain);
        services.TryAddSingleton<IAggregateStore>(sp => new AggregateStore(sp.GetRequiredService<SqliteEventStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new CommandMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddTransient<ServiceFactory>(sp => sp.GetService!);
        services.TryAddTransient<IMediator, Mediator>();
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(MetricsBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(IdempotencyBehavior<,>));
        AddHandlers(services, domain);
        return services;
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

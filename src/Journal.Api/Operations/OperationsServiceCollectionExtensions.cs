using Journal.Api.Hosting;
using Journal.Projections.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Journal.Api.Operations;

/// <summary>Registers the background operations of the service.</summary>
internal static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// The status and metrics of the operations, the daily retention and maintenance job, the snapshot
    /// job when the journal is in memory, and the checkpoint publisher when an interval is configured.
    /// </summary>
    public static IServiceCollection AddJournalOperations(this IServiceCollection services, JournalSettings settings)
    {
        services.TryAddSingleton<OperationsStatus>();
        services.TryAddSingleton(sp => new OperationsMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<MaintenanceJob>();
        services.AddHostedService(sp => sp.GetRequiredService<MaintenanceJob>());
        services.TryAddSingleton<FullVerificationJob>();
        services.AddHostedService(sp => sp.GetRequiredService<FullVerificationJob>());
        if (!settings.Persist)
        {
            services.TryAddSingleton<SnapshotJob>();
            services.AddHostedService(sp => sp.GetRequiredService<SnapshotJob>());
        }

        if (settings.CheckpointIntervalMinutes > 0)
        {
            services.TryAddSingleton<CheckpointPublisher>();
            services.AddHostedService(sp => sp.GetRequiredService<CheckpointPublisher>());
        }

        return services;
    }
}

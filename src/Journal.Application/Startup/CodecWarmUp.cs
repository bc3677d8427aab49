using System.Diagnostics;
using System.Reflection;
using Journal.Application.Aggregates.Snapshots;
using Journal.Domain.Deciding;
using Journal.EventStore.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Journal.Application.Startup;

/// <summary>
/// After start, in the background, builds the serializer metadata of every registered event type and of
/// every decider's state (the snapshot codec and format), so the first command on a stream does not pay
/// for it: that metadata, built on first use, cost more than loading a 25,000-entry stream from its
/// snapshot. Never delays the start, and a failure only costs the first command that time back.
/// </summary>
public sealed class CodecWarmUp(EventTypeRegistry registry, ILogger<CodecWarmUp> logger, AggregateSnapshots? snapshots = null) : IHostedService
{
    /// <summary>The warm-up started by <see cref="StartAsync"/>: how many event types and decider states it warmed.</summary>
    public Task<(int EventTypes, int States)> Warming { get; private set; } = Task.FromResult((0, 0));

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Warming = Task.Run(Warm, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Warming.WaitAsync(cancellationToken);

    /// <summary>The initial states of the deciders declared in <paramref name="domain"/> (their static <c>Decider&lt;,,&gt;</c> properties).</summary>
    public static IReadOnlyList<object> DeciderInitialStates(Assembly domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return domain.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static))
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Decider<,,>))
            .Select(p => p.PropertyType.GetProperty(nameof(Decider<object, object, object>.Initial))!.GetValue(p.GetValue(null))!)
            .ToList();
    }

    private (int EventTypes, int States) Warm()
    {
        var clock = Stopwatch.StartNew();
        var (eventTypes, states) = (0, 0);
        try
        {
            foreach (var name in registry.Names)
            {
                if (registry.TryGetType(name, out var type))
                {
                    PayloadSerializer.JsonOptions.GetTypeInfo(type);
                    eventTypes++;
                }
            }

            if (snapshots is not null)
            {
                var initial = DeciderInitialStates(typeof(Decider<,,>).Assembly);
                snapshots.Warm(initial);
                states = initial.Count;
            }

            logger.LogDebug("Codecs warmed in {Elapsed} ms", clock.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException or System.Text.Json.JsonException or TargetInvocationException)
        {
            logger.LogWarning(ex, "Warming the codecs failed; the first command of each type builds them instead");
        }

        return (eventTypes, states);
    }
}

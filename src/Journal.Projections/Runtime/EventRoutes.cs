using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Journal.Domain.Tape;
using Journal.EventStore.Serialization;

namespace Journal.Projections.Runtime;

/// <summary>
/// The event records a projection handles, declared once as CLR types, each with what the projection
/// takes from it (the key of the row it changes, a step to run, ...). The tape names the projection
/// subscribes to (<see cref="Names"/>) are the records' <see cref="EventTypeAttribute"/> names, the
/// same names <see cref="EventTypeRegistry"/> decodes them by, so the filter and the code that runs on
/// an event cannot name different events. Immutable: <see cref="On{TEvent}"/> returns a new set.
/// </summary>
/// <typeparam name="TRoute">What the projection takes from each event.</typeparam>
public sealed class EventRoutes<TRoute>
{
    private readonly Dictionary<Type, Func<object, TRoute>> _routes;
    private readonly Type[] _types;
    private readonly string[] _names;

    /// <summary>No events.</summary>
    public EventRoutes()
        : this(new Dictionary<Type, Func<object, TRoute>>(), [], [])
    {
    }

    private EventRoutes(Dictionary<Type, Func<object, TRoute>> routes, Type[] types, string[] names)
    {
        _routes = routes;
        _types = types;
        _names = names;
    }

    /// <summary>The records handled, in the order declared.</summary>
    public IReadOnlyList<Type> Types => _types;

    /// <summary>Their tape names, in the same order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>These routes and one more: <typeparamref name="TEvent"/>, routed by <paramref name="route"/>.</summary>
    /// <exception cref="InvalidOperationException">
    /// <typeparamref name="TEvent"/> has no well-formed <see cref="EventTypeAttribute"/> (it never reaches the tape) or is routed already.
    /// </exception>
    public EventRoutes<TRoute> On<TEvent>(Func<TEvent, TRoute> route)
        where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(route);
        var type = typeof(TEvent);
        var name = type.GetCustomAttribute<EventTypeAttribute>()?.Name;
        if (!EventTypeRegistry.IsValidName(name))
        {
            throw new InvalidOperationException($"{type.FullName} has no well-formed [EventType] name, so no tape event would ever reach its route");
        }

        if (_routes.ContainsKey(type))
        {
            throw new InvalidOperationException($"{type.FullName} is routed twice");
        }

        return new EventRoutes<TRoute>(
            new Dictionary<Type, Func<object, TRoute>>(_routes) { [type] = e => route((TEvent)e) },
            [.. _types, type],
            [.. _names, name!]);
    }

    /// <summary>The same events, each routed to <paramref name="map"/> of its route here.</summary>
    public EventRoutes<TOut> Select<TOut>(Func<TRoute, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var routes = _routes.ToDictionary(r => r.Key, r => new Func<object, TOut>(e => map(r.Value(e))));
        return new EventRoutes<TOut>(routes, _types, _names);
    }

    /// <summary>Routes <paramref name="event"/>, when it is a record of one of <see cref="Types"/>.</summary>
    public bool TryRoute(object? @event, [MaybeNullWhen(false)] out TRoute route)
    {
        if (@event is not null && _routes.TryGetValue(@event.GetType(), out var routeOf))
        {
            route = routeOf(@event);
            return true;
        }

        route = default;
        return false;
    }

    /// <summary>Routes <paramref name="event"/>.</summary>
    /// <exception cref="ArgumentException">It is not a record of one of <see cref="Types"/>.</exception>
    public TRoute Route(object @event) => TryRoute(@event, out var route)
        ? route
        : throw new ArgumentException($"{@event?.GetType().Name ?? "null"} is not routed here", nameof(@event));
}

using System.Reflection;
using System.Text.RegularExpressions;
using Journal.Domain.Tape;

namespace Journal.EventStore.Serialization;

/// <summary>
/// Maps stable tape type names (<c>session.created.v1</c>) to event record types and back, from the
/// <see cref="EventTypeAttribute"/> on each record. Built once at start-up.
/// </summary>
public sealed partial class EventTypeRegistry
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];

    /// <summary>Registers every type carrying <see cref="EventTypeAttribute"/> in <paramref name="assemblies"/> (this assembly's are always included).</summary>
    public EventTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        foreach (var assembly in assemblies.Append(typeof(EventTypeRegistry).Assembly).Distinct())
        {
            foreach (var type in assembly.GetTypes())
            {
                if (type.GetCustomAttribute<EventTypeAttribute>() is { } attribute)
                {
                    Register(attribute.Name, type);
                }
            }
        }
    }

    /// <summary>Every registered name.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>Whether <paramref name="name"/> is a well-formed tape type name: lower-case dotted words ending in <c>.vN</c>.</summary>
    public static bool IsValidName(string? name) => name is { Length: > 0 and <= 200 } && NamePattern().IsMatch(name);

    /// <summary>The record type registered for <paramref name="name"/>.</summary>
    public bool TryGetType(string name, out Type type) => _byName.TryGetValue(name, out type!);

    /// <summary>The tape name of a registered record type.</summary>
    public bool TryGetName(Type type, out string name) => _byType.TryGetValue(type, out name!);

    private void Register(string name, Type type)
    {
        if (!IsValidName(name))
        {
            throw new InvalidOperationException($"event type name '{name}' on {type.FullName} is not of the form feature.fact.vN");
        }

        if (_byName.TryGetValue(name, out var existing) && existing != type)
        {
            throw new InvalidOperationException($"event type name '{name}' is used by both {existing.FullName} and {type.FullName}");
        }

        _byName[name] = type;
        _byType[type] = name;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\.v[1-9][0-9]*$")]
    private static partial Regex NamePattern();
}

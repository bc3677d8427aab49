using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Journal.Domain.Tests.Deciding;

/// <summary>
/// One deterministic sample of any event record, made by reflection from its widest constructor, so a
/// new event gets a pinned contract without anyone writing its sample by hand. Every optional value is
/// given (nothing is left null), so every field of the record is pinned. A guid depends on its
/// parameter's name only (every <c>SessionId</c> is the same guid), so samples of one aggregate's
/// events talk about the same aggregate; a text names its record and parameter, so two records'
/// texts differ.
/// </summary>
internal static class EventSamples
{
    /// <summary>The base of every sample time.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The sample of <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException">A parameter type this generator does not know: teach it here.</exception>
    public static object Of(Type type) => Record(type);

    /// <summary>The guid every sample gives a parameter named <paramref name="name"/>.</summary>
    public static Guid GuidOf(string name) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("journal-sample:" + name)).AsSpan(0, 16));

    private static object Record(Type type)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault() ?? throw new NotSupportedException($"{type.FullName} has no public constructor to make a sample with");
        var parameters = constructor.GetParameters();
        var values = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            values[i] = Value(parameters[i].ParameterType, type, parameters[i].Name!, i);
        }

        return constructor.Invoke(values);
    }

    private static object Value(Type type, Type owner, string name, int index)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return $"{owner.Name}.{name}";
        }

        if (type == typeof(Guid))
        {
            return GuidOf(name);
        }

        if (type == typeof(DateTimeOffset))
        {
            return Epoch.AddMinutes(index);
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(int))
        {
            return index + 1;
        }

        if (type == typeof(long))
        {
            return (long)(index + 1);
        }

        if (type == typeof(double))
        {
            return 0.25 * (index + 1);
        }

        if (type.IsEnum)
        {
            // The last value, not the default: a field that is silently dropped would read back as the default.
            var values = Enum.GetValues(type);
            return values.GetValue(values.Length - 1)!;
        }

        if (typeof(JsonNode).IsAssignableFrom(type))
        {
            var text = $"{owner.Name}.{name}";
            return type == typeof(JsonArray)
                ? new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/sample", ["value"] = text })
                : new JsonObject { ["sample"] = text, ["n"] = index + 1 };
        }

        if (type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments() is [var element])
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Value(element, owner, name, index));
            return list;
        }

        if (type.IsClass && !type.IsAbstract && type.Namespace?.StartsWith("Journal.", StringComparison.Ordinal) == true)
        {
            return Record(type);
        }

        throw new NotSupportedException(string.Create(
            CultureInfo.InvariantCulture, $"no sample for {owner.Name}.{name} of type {type.FullName}: teach {nameof(EventSamples)} this type"));
    }
}

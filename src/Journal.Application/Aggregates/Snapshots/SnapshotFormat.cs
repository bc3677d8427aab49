using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Journal.Application.Aggregates.Snapshots;

/// <summary>
/// The format a state type's snapshots are written in: a hash of the type's shape (its properties, their
/// types, recursively) and of the build of the assembly that declares it (its module version id, which
/// changes whenever that assembly's code does, the evolve functions included). A snapshot written under
/// another format is never decoded, so a changed state or fold can only cost one full fold, never a
/// stale state.
/// </summary>
internal sealed class SnapshotFormat
{
    /// <summary>The encoding of the snapshot bytes themselves (state -> JSON tree -> MessagePack).</summary>
    private const string Codec = "journal.snapshot.v1";

    private readonly ConcurrentDictionary<Type, string> _formats = new();

    /// <summary>The format of <paramref name="stateType"/>'s snapshots (16 hex characters).</summary>
    public string Of(Type stateType) => _formats.GetOrAdd(stateType, Compute);

    private static string Compute(Type type)
    {
        var text = new StringBuilder(Codec).Append('\n').Append(type.Assembly.ManifestModule.ModuleVersionId.ToString("N")).Append('\n');
        Describe(type, text, []);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 8));
    }

    private static void Describe(Type type, StringBuilder text, HashSet<Type> seen)
    {
        text.Append(type.FullName ?? type.Name).Append('{');
        if (seen.Add(type) && !type.IsPrimitive && !type.IsEnum && type.Namespace?.StartsWith("System", StringComparison.Ordinal) != true)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                text.Append(property.Name).Append(':');
                Describe(property.PropertyType, text, seen);
                text.Append(';');
            }
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            Describe(argument, text, seen);
        }

        text.Append('}');
    }
}

using System.Security.Cryptography;
using System.Text;
using Journal.Api.Hosting;

namespace Journal.Api.Http.Auth;

/// <summary>
/// One configured API key: a name (it becomes the actor of the commands sent with it), a role, and
/// the SHA-256 of the key. The key itself is never configured nor kept.
/// </summary>
/// <param name="Name">Who holds the key, such as <c>agent-daemon</c>.</param>
/// <param name="Role">What it may do.</param>
/// <param name="Sha256">SHA-256 of the key's UTF-8 bytes (32 bytes).</param>
public sealed record ApiKey(string Name, ApiRole Role, ReadOnlyMemory<byte> Sha256)
{
    /// <summary>The longest key name accepted.</summary>
    public const int MaxNameLength = 100;

    /// <summary>SHA-256 of a presented key, as compared with the configured digests.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>
    /// The configured key that <paramref name="presented"/> is, or null. Every key is compared, in constant time, so
    /// the time taken does not tell which one came close.
    /// </summary>
    public static ApiKey? Match(IReadOnlyList<ApiKey> keys, string presented)
    {
        var digest = Hash(presented);
        ApiKey? match = null;
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, key.Sha256.Span))
            {
                match = key;
            }
        }

        return match;
    }

    /// <summary>Lower-case hex SHA-256 of a key: what an operator configures (see the <c>hash-key</c> verb).</summary>
    public static string HashHex(string key) => Convert.ToHexStringLower(Hash(key));

    /// <summary>Reads <c>Journal:ApiKeys</c> (an array of <c>{ name, role, sha256 }</c>).</summary>
    /// <exception cref="ConfigurationException">An entry is incomplete, malformed or a duplicate.</exception>
    public static IReadOnlyList<ApiKey> ReadAll(IConfigurationSection section)
    {
        var keys = new List<ApiKey>();
        foreach (var entry in section.GetChildren())
        {
            var prefix = $"Journal:ApiKeys:{entry.Key}";
            var name = entry["Name"];
            if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
            {
                throw new ConfigurationException($"{prefix}:Name", $"a name of 1 to {MaxNameLength} printable characters is required");
            }

            if (keys.Any(k => string.Equals(k.Name, name, StringComparison.Ordinal)))
            {
                throw new ConfigurationException($"{prefix}:Name", $"the name '{name}' is used by another key");
            }

            if (!Enum.TryParse<ApiRole>(entry["Role"], ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(entry["Role"], out _))
            {
                throw new ConfigurationException($"{prefix}:Role", "must be reader, writer or admin");
            }

            var hex = entry["Sha256"];
            if (hex is null || hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            {
                throw new ConfigurationException($"{prefix}:Sha256", "must be the 64 hex digits of the key's SHA-256 (see the hash-key verb)");
            }

            keys.Add(new ApiKey(name, role, Convert.FromHexString(hex)));
        }

        return keys;
    }
}

/// <summary>What a key may do; each role includes the ones before it.</summary>
public enum ApiRole
{
    /// <summary>Queries, the tape and its live tail.</summary>
    Reader,

    /// <summary>Commands, and everything a reader may do.</summary>
    Writer,

    /// <summary>Admin endpoints, and everything a writer may do.</summary>
    Admin,
}

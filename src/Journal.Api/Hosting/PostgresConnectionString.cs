using System.Globalization;
using System.Text;
using Npgsql;

namespace Journal.Api.Hosting;

/// <summary>
/// Reads a PostgreSQL tape's connection setting, given either as an Npgsql connection string
/// (<c>Host=...;Username=...</c>) or as a libpq URI (<c>postgres://user:password@host:port/db?sslmode=...</c>,
/// also <c>postgresql://</c>), into the Npgsql connection string the store opens. Errors name the key and
/// the part at fault, never the password.
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>The port libpq and Npgsql assume when none is given.</summary>
    public const int DefaultPort = 5432;

    private static readonly string[] Schemes = ["postgres://", "postgresql://"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The libpq query parameters a URI may carry, and the Npgsql keyword each one sets.</summary>
    private static readonly Dictionary<string, string> QueryKeywords = new(StringComparer.Ordinal)
    {
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options",
        ["keepalives_idle"] = "Keepalive",
    };

    /// <summary>libpq's <c>sslmode</c> values and Npgsql's names for them.</summary>
    private static readonly Dictionary<string, SslMode> SslModes = new(StringComparer.Ordinal)
    {
        ["disable"] = SslMode.Disable,
        ["allow"] = SslMode.Allow,
        ["prefer"] = SslMode.Prefer,
        ["require"] = SslMode.Require,
        ["verify-ca"] = SslMode.VerifyCA,
        ["verify-full"] = SslMode.VerifyFull,
    };

    /// <summary>Whether <paramref name="value"/> is a <c>postgres://</c> or <c>postgresql://</c> URI (any case).</summary>
    public static bool IsUri(string value) => Schemes.Any(s => value.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>The Npgsql connection string of <paramref name="value"/>, a URI or an Npgsql connection string naming a host.</summary>
    /// <exception cref="ConfigurationException">The value is neither, or names no host; the message names <paramref name="key"/>.</exception>
    public static string Read(string value, string key)
    {
        if (IsUri(value))
        {
            return FromUri(value, key);
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(value);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Npgsql's messages name the keyword at fault; the value, which may be the password, is not repeated.
            throw new ConfigurationException(key, $"is neither a postgres:// URI nor an Npgsql connection string ({ex.Message})");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ConfigurationException(key, "names no Host (an Npgsql connection string such as Host=db;Username=journal;Database=journal, or postgres://user@host/db)");
        }

        return builder.ConnectionString;
    }

    /// <summary>Converts a <c>postgres://</c> URI into an Npgsql connection string.</summary>
    /// <exception cref="ConfigurationException">The URI has a part this reader does not accept; the message names <paramref name="key"/> and the part.</exception>
    public static string FromUri(string uri, string key)
    {
        var scheme = Schemes.FirstOrDefault(s => uri.StartsWith(s, StringComparison.OrdinalIgnoreCase))
            ?? throw new ConfigurationException(key, "has a scheme other than postgres:// or postgresql://");
        var rest = uri[scheme.Length..];
        if (rest.Contains('#', StringComparison.Ordinal))
        {
            throw new ConfigurationException(key, "has a fragment (#...); a postgres:// URI has none (percent-encode a # in the password as %23)");
        }

        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? string.Empty : rest[(queryStart + 1)..];
        rest = queryStart < 0 ? rest : rest[..queryStart];
        var pathStart = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = pathStart < 0 ? rest : rest[..pathStart];
        var path = pathStart < 0 ? string.Empty : rest[(pathStart + 1)..];

        var builder = new NpgsqlConnectionStringBuilder();
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            ReadUserInfo(authority[..at], builder, key);
        }

        ReadHostAndPort(at >= 0 ? authority[(at + 1)..] : authority, builder, key);
        if (path.Contains('/', StringComparison.Ordinal))
        {
            throw new ConfigurationException(key, "has a database path with more than one segment; the path is the database name alone");
        }

        if (path.Length > 0)
        {
            builder.Database = Decode(path, "database", key);
        }

        ReadQuery(query, builder, key);
        return builder.ConnectionString;
    }

    private static void ReadUserInfo(string userInfo, NpgsqlConnectionStringBuilder builder, string key)
    {
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? userInfo : userInfo[..colon];
        if (user.Length > 0)
        {
            builder.Username = Decode(user, "user", key);
        }

        if (colon >= 0)
        {
            builder.Password = Decode(userInfo[(colon + 1)..], "password", key);
        }
    }

    private static void ReadHostAndPort(string hostPort, NpgsqlConnectionStringBuilder builder, string key)
    {
        string host;
        string? port = null;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new ConfigurationException(key, "has an IPv6 host without its closing ']'");
            }

            host = hostPort[1..close];
            var after = hostPort[(close + 1)..];
            if (after.Length > 0 && !after.StartsWith(':'))
            {
                throw new ConfigurationException(key, "has something other than :port after the IPv6 host's ']'");
            }

            port = after.Length > 0 ? after[1..] : null;
        }
        else
        {
            var colon = hostPort.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? hostPort : hostPort[..colon];
            port = colon < 0 ? null : hostPort[(colon + 1)..];
        }

        if (host.Contains(',', StringComparison.Ordinal))
        {
            throw new ConfigurationException(key, "names several hosts; the URI form takes one host (list several in an Npgsql connection string: Host=a:5432,b:5432)");
        }

        host = Decode(host, "host", key);
        if (host.Length == 0)
        {
            throw new ConfigurationException(key, "names no host (postgres://user@host:5432/db)");
        }

        builder.Host = host;
        builder.Port = port is null ? DefaultPort : ReadPort(port, key);
    }

    private static int ReadPort(string port, string key)
    {
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 65535)
        {
            throw new ConfigurationException(key, $"has a port that is not a whole number from 1 to 65535: '{port}'");
        }

        return value;
    }

    private static void ReadQuery(string query, NpgsqlConnectionStringBuilder builder, string key)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals], "query parameter name", key);
            if (equals < 0)
            {
                throw new ConfigurationException(key, $"has the query parameter {name} without a value ({name}=...)");
            }

            if (!QueryKeywords.TryGetValue(name, out var keyword))
            {
                throw new ConfigurationException(key, $"has the query parameter {name}, which is not one of {string.Join(", ", QueryKeywords.Keys)}");
            }

            var value = Decode(pair[(equals + 1)..], name, key);
            if (name == "sslmode")
            {
                builder.SslMode = SslModes.TryGetValue(value, out var mode)
                    ? mode
                    : throw new ConfigurationException(key, $"has sslmode '{value}', not one of {string.Join(", ", SslModes.Keys)}");
                continue;
            }

            try
            {
                builder[keyword] = value;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                // Only sslpassword is secret among these, and its value is never repeated.
                var shown = name == "sslpassword" ? "its value" : $"'{value}'";
                throw new ConfigurationException(key, $"has the query parameter {name} with {shown}, which {keyword} does not accept");
            }
        }
    }

    /// <summary>Percent-decodes a part as UTF-8, refusing a malformed escape rather than keeping it as typed.</summary>
    private static string Decode(string encoded, string part, string key)
    {
        if (!encoded.Contains('%', StringComparison.Ordinal))
        {
            return encoded;
        }

        var bytes = new List<byte>(encoded.Length);
        var literal = 0;
        for (var i = encoded.IndexOf('%', StringComparison.Ordinal); i >= 0; i = encoded.IndexOf('%', literal))
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(encoded[literal..i]));
            if (i + 2 >= encoded.Length || !byte.TryParse(encoded.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw new ConfigurationException(key, $"has a malformed percent-escape in the {part} (a % must be followed by two hex digits)");
            }

            bytes.Add(value);
            literal = i + 3;
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(encoded[literal..]));
        try
        {
            return StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw new ConfigurationException(key, $"has percent-escapes in the {part} that are not UTF-8");
        }
    }
}

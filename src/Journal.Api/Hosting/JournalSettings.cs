using System.Globalization;
using Journal.Api.Http.Auth;
using Journal.EventStore;
using Journal.EventStore.Storage;

namespace Journal.Api.Hosting;

/// <summary>
/// The <c>Journal</c> configuration section (appsettings.json, <c>Journal__Key</c> environment
/// variables, <c>--Journal:Key=value</c> arguments), read and checked once at start-up.
/// </summary>
public sealed record JournalSettings
{
    /// <summary>Default of <see cref="MaxRequestBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxRequestBytes = 1024 * 1024;

    /// <summary>Where the journal's files live (default <c>data</c>).</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The tape file (default <c>{DataDirectory}/journal.db</c>).</summary>
    public string DatabasePath { get; init; } = Path.Combine("data", "journal.db");

    /// <summary>Largest payload accepted, in bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>How long to wait for a lock held by another process.</summary>
    public int BusyTimeoutMs { get; init; } = 5000;

    /// <summary>Largest HTTP request body accepted, in bytes (413 above it).</summary>
    public int MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;

    /// <summary>Requests one API key (or, without keys, one client address) may make per minute (429 above it).</summary>
    public int RateLimitPerMinute { get; init; } = 6000;

    /// <summary>Seconds between heartbeat comments on an idle live tail.</summary>
    public int HeartbeatSeconds { get; init; } = 15;

    /// <summary>How far (in events) a projection may trail the tape's head for <c>/health/ready</c> to answer ready.</summary>
    public long ReadyMaxLagEvents { get; init; } = 1000;

    /// <summary>
    /// Start even when the start-up check finds the tape's chain broken (to inspect it through the health
    /// report); by default such a tape stops the service.
    /// </summary>
    public bool StartWithBrokenTape { get; init; }

    /// <summary>The API keys (hashed). Empty: the service runs unauthenticated and on loopback only.</summary>
    public IReadOnlyList<ApiKey> ApiKeys { get; init; } = [];

    /// <summary>Reads and validates the section; a bad value throws naming its key.</summary>
    /// <exception cref="ConfigurationException">A value is missing its form or out of range.</exception>
    public static JournalSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Journal");
        var dataDirectory = section["DataDirectory"] ?? "data";
        Check("Journal:DataDirectory", () => StoragePaths.Validate(dataDirectory, "Journal:DataDirectory"));
        var databasePath = section["DatabasePath"] ?? Path.Combine(dataDirectory, "journal.db");
        Check("Journal:DatabasePath", () => StoragePaths.Validate(databasePath, "Journal:DatabasePath"));
        var settings = new JournalSettings
        {
            DataDirectory = dataDirectory,
            DatabasePath = databasePath,
            MaxPayloadBytes = Int(section, "MaxPayloadBytes", 1024 * 1024, 1024, 64 * 1024 * 1024),
            BusyTimeoutMs = Int(section, "BusyTimeoutMs", 5000, 0, 600_000),
            MaxRequestBytes = Int(section, "MaxRequestBytes", DefaultMaxRequestBytes, 1024, 256 * 1024 * 1024),
            RateLimitPerMinute = Int(section, "RateLimitPerMinute", 6000, 1, 10_000_000),
            HeartbeatSeconds = Int(section, "HeartbeatSeconds", 15, 1, 3600),
            ReadyMaxLagEvents = Int(section, "ReadyMaxLagEvents", 1000, 0, int.MaxValue),
            StartWithBrokenTape = Bool(section, "StartWithBrokenTape"),
            ApiKeys = ApiKey.ReadAll(section.GetSection("ApiKeys")),
        };
        return settings;
    }

    /// <summary>The tape options these settings describe.</summary>
    public JournalStoreOptions ToStoreOptions() => new()
    {
        DatabasePath = DatabasePath,
        MaxPayloadBytes = MaxPayloadBytes,
        BusyTimeoutMs = BusyTimeoutMs,
    };

    private static int Int(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var raw = section[key];
        if (raw is null)
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ConfigurationException($"Journal:{key}", $"must be a whole number from {min} to {max}, got '{raw}'");
        }

        return value;
    }

    private static bool Bool(IConfigurationSection section, string key)
    {
        var raw = section[key];
        if (raw is null)
        {
            return false;
        }

        return bool.TryParse(raw, out var value) ? value : throw new ConfigurationException($"Journal:{key}", $"must be true or false, got '{raw}'");
    }

    private static void Check(string key, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException(key, ex.Message);
        }
    }
}

/// <summary>A configuration value that stops the service, naming its key.</summary>
public sealed class ConfigurationException(string key, string reason) : Exception($"configuration key {key}: {reason}")
{
    /// <summary>The key at fault, such as <c>Journal:MaxPayloadBytes</c>.</summary>
    public string Key { get; } = key;
}

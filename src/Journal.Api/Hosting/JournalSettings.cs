using System.Globalization;
using Journal.EventStore;
using Journal.EventStore.Storage;

namespace Journal.Api.Hosting;

/// <summary>
/// The <c>Journal</c> configuration section (appsettings.json, <c>Journal__Key</c> environment
/// variables, <c>--Journal:Key=value</c> arguments), read and checked once at start-up.
/// </summary>
public sealed record JournalSettings
{
    /// <summary>Where the journal's files live (default <c>data</c>).</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The tape file (default <c>{DataDirectory}/journal.db</c>).</summary>
    public string DatabasePath { get; init; } = Path.Combine("data", "journal.db");

    /// <summary>Largest payload accepted, in bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>How long to wait for a lock held by another process.</summary>
    public int BusyTimeoutMs { get; init; } = 5000;

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

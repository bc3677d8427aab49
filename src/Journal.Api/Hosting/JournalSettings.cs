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

    /// <summary>Where the tape is stored (<c>Journal:Tape:Provider</c>: <c>sqlite</c>, the default, or <c>postgres</c>).</summary>
    public TapeProvider TapeProvider { get; init; } = TapeProvider.Sqlite;

    /// <summary>
    /// The Npgsql connection string of a PostgreSQL tape (<c>Journal:Tape:ConnectionString</c> or
    /// <c>JOURNAL_TAPE_CONNECTION</c>, a <c>postgres://</c> URI converted); null for SQLite. Never printed
    /// with its password.
    /// </summary>
    public string? TapeConnectionString { get; init; }

    /// <summary>
    /// <c>Journal:Tape:RecoverAtStartup</c>: whether start-up fails the runs and tool jobs a previous process left
    /// active; unset, yes on SQLite and no on PostgreSQL (another instance may own them).
    /// </summary>
    public bool? TapeRecoverAtStartup { get; init; }

    /// <summary><c>Journal:Tape:PollIntervalMs</c>: on PostgreSQL, how long without a commit notification before the head is read anyway (default 1000).</summary>
    public int TapePollIntervalMs { get; init; } = 1000;

    /// <summary>Largest payload accepted, in bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>How long to wait for a lock held by another process.</summary>
    public int BusyTimeoutMs { get; init; } = 5000;

    /// <summary>Longest a group commit stays open for the last group's callers to come back (0 = never).</summary>
    public int GroupCommitWaitMs { get; init; } = 1;

    /// <summary>Largest HTTP request body accepted, in bytes (413 above it).</summary>
    public int MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;

    /// <summary>Requests one API key (or, without keys, one client address) may make per minute (429 above it).</summary>
    public int RateLimitPerMinute { get; init; } = 6000;

    /// <summary>Seconds between heartbeat comments on an idle live tail.</summary>
    public int HeartbeatSeconds { get; init; } = 15;

    /// <summary>How far (in events) a projection may trail the tape's head for <c>/health/ready</c> to answer ready.</summary>
    public long ReadyMaxLagEvents { get; init; } = 1000;

    /// <summary>Whether the journal is stored on disk (<c>PERSIST=1</c>, the default) or kept in memory with snapshots (<c>PERSIST=0</c>).</summary>
    public bool Persist { get; init; } = true;

    /// <summary>
    /// <c>Journal:Aggregates:SnapshotEvery</c>: an aggregate snapshot is kept each time a stream passes a
    /// multiple of this many events (default 100; 0 turns snapshots off). Kept in <c>{DataDirectory}/snapshots.db</c>.
    /// </summary>
    public int AggregateSnapshotEvery { get; init; } = Journal.Application.Aggregates.Snapshots.AggregateSnapshotOptions.DefaultEvery;

    /// <summary>The snapshot file of the in-memory mode (default <c>{DataDirectory}/journal.snapshot.db</c>).</summary>
    public string SnapshotPath { get; init; } = Path.Combine("data", "journal.snapshot.db");

    /// <summary>Milliseconds between snapshots in the in-memory mode (<c>SNAPSHOT_INTERVAL</c>, default 60,000).</summary>
    public int SnapshotIntervalMs { get; init; } = 60_000;

    /// <summary>Days a session delta is kept in the read model (<c>RETENTION_DAYS</c>, default 30).</summary>
    public int RetentionDays { get; init; } = 30;

    /// <summary>Tape retention: payloads of matching events older than a rule's days are erased (rows stay).</summary>
    public IReadOnlyList<EventStore.Retention.RetentionRule> RetentionRules { get; init; } = [];

    /// <summary>Minutes between retention and maintenance runs (default 1440: daily).</summary>
    public int MaintenanceIntervalMinutes { get; init; } = 1440;

    /// <summary>
    /// Seconds after start before the whole file and chain are checked in the background (default 60; then every
    /// <see cref="MaintenanceIntervalMinutes"/>).
    /// </summary>
    public int FullVerificationDelaySeconds { get; init; } = 60;

    /// <summary>Minutes between published signed checkpoints; 0 (the default) publishes none.</summary>
    public int CheckpointIntervalMinutes { get; init; }

    /// <summary>The private key (PEM) that signs published checkpoints.</summary>
    public string? CheckpointKeyPath { get; init; }

    /// <summary>The public key (PEM) <c>verify --checkpoint</c> trusts when no <c>--public-key</c> is given.</summary>
    public string? CheckpointPublicKey { get; init; }

    /// <summary>Where published checkpoints are written (default <c>{DataDirectory}/checkpoints</c>).</summary>
    public string CheckpointDirectory { get; init; } = Path.Combine("data", "checkpoints");

    /// <summary>
    /// Where metrics and traces are exported over OTLP (HTTP/protobuf, <c>{endpoint}/v1/metrics</c> and
    /// <c>{endpoint}/v1/traces</c>); null (the default) exports nothing. Also read from
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.
    /// </summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>
    /// Where traces go instead of <see cref="OtlpEndpoint"/> (a bare address gets <c>/v1/traces</c>); also
    /// read from <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>. Set alone, only traces are exported.
    /// </summary>
    public Uri? OtlpTracesEndpoint { get; init; }

    /// <summary>Whether traces are exported when an endpoint is set (default true); false exports metrics only.</summary>
    public bool OtlpTraces { get; init; } = true;

    /// <summary>Milliseconds between two OTLP metric exports (default 60,000).</summary>
    public int OtlpIntervalMs { get; init; } = 60_000;

    /// <summary>Where metrics are sent, or null when they are not exported.</summary>
    public Uri? OtlpMetricsTarget => OtlpEndpoint is { } endpoint ? Telemetry.OtlpEndpoints.ForSignal(endpoint, Telemetry.OtlpEndpoints.MetricsPath) : null;

    /// <summary>Where spans are sent, or null when tracing is off (the default: no endpoint).</summary>
    public Uri? OtlpTracesTarget => OtlpTraces && (OtlpTracesEndpoint ?? OtlpEndpoint) is { } endpoint ? Telemetry.OtlpEndpoints.ForSignal(endpoint, Telemetry.OtlpEndpoints.TracesPath) : null;

    /// <summary>
    /// Start even when the start-up check finds the tape's chain broken (to inspect it through the health
    /// report); by default such a tape stops the service.
    /// </summary>
    public bool StartWithBrokenTape { get; init; }

    /// <summary>The API keys (hashed). Empty: the service runs unauthenticated and on loopback only.</summary>
    public IReadOnlyList<ApiKey> ApiKeys { get; init; } = [];

    /// <summary>The reverse proxies whose X-Forwarded-Proto and X-Forwarded-For are believed (none by default), see <see cref="Http.Proxies.TrustedProxies"/>.</summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>The embedding model of memory recall (<c>Journal:Memory:Embeddings</c>); the offline hashing one by default.</summary>
    public Journal.Application.Memory.Embeddings.MemoryEmbeddingSettings MemoryEmbeddings { get; init; } = new();

    /// <summary>The recall cache's budget in bytes (<c>Journal:Memory:VectorCacheBytes</c>, 64 MiB by default).</summary>
    public long MemoryVectorCacheBytes { get; init; } = Journal.Projections.Memory.MemoryOptions.DefaultVectorCacheBytes;

    /// <summary>Whether the recall cache holds int8 vectors, reranked at full precision (<c>Journal:Memory:QuantizeVectors</c>, true by default).</summary>
    public bool MemoryQuantizeVectors { get; init; } = true;

    /// <summary>Reads and validates the section; a bad value throws naming its key.</summary>
    /// <exception cref="ConfigurationException">A value is missing its form or out of range.</exception>
    public static JournalSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Journal");
        var dataDirectory = section["DataDirectory"] ?? "data";
        Check("Journal:DataDirectory", () => StoragePaths.Validate(dataDirectory, "Journal:DataDirectory"));
        var databasePath = section["DatabasePath"] ?? configuration["DB_PATH"] ?? Path.Combine(dataDirectory, "journal.db");
        Check("Journal:DatabasePath", () => StoragePaths.Validate(databasePath, "Journal:DatabasePath"));
        var snapshotPath = section["SnapshotPath"] ?? Path.Combine(dataDirectory, "journal.snapshot.db");
        Check("Journal:SnapshotPath", () => StoragePaths.Validate(snapshotPath, "Journal:SnapshotPath"));
        var checkpointDirectory = section["CheckpointDirectory"] ?? Path.Combine(dataDirectory, "checkpoints");
        Check("Journal:CheckpointDirectory", () => StoragePaths.Validate(checkpointDirectory, "Journal:CheckpointDirectory"));
        var checkpointKey = section["CheckpointKeyPath"];
        if (checkpointKey is not null)
        {
            Check("Journal:CheckpointKeyPath", () => StoragePaths.Validate(checkpointKey, "Journal:CheckpointKeyPath"));
        }

        var checkpointMinutes = Int(section, "CheckpointIntervalMinutes", 0, 0, 525_600);
        if (checkpointMinutes > 0 && checkpointKey is null)
        {
            throw new ConfigurationException("Journal:CheckpointKeyPath", "is required when Journal:CheckpointIntervalMinutes is set (make one with: checkpoint --new-key --key FILE)");
        }
        var persist = Bool(configuration, "Persist", "PERSIST", true);
        var (tapeProvider, tapeConnectionString) = TapeSettingsReader.Read(configuration, persist);
        var settings = new JournalSettings
        {
            TapeProvider = tapeProvider,
            TapeConnectionString = tapeConnectionString,
            TapeRecoverAtStartup = configuration["Journal:Tape:RecoverAtStartup"] is null ? null : Bool(configuration, "Tape:RecoverAtStartup", null, true),
            TapePollIntervalMs = Int(section, "Tape:PollIntervalMs", 1000, 10, 600_000),
            DataDirectory = dataDirectory,
            DatabasePath = databasePath,
            MaxPayloadBytes = Int(section, "MaxPayloadBytes", 1024 * 1024, 1024, 64 * 1024 * 1024),
            BusyTimeoutMs = Int(section, "BusyTimeoutMs", 5000, 0, 600_000),
            GroupCommitWaitMs = Int(section, "GroupCommitWaitMs", 1, 0, 1000),
            MaxRequestBytes = Int(section, "MaxRequestBytes", DefaultMaxRequestBytes, 1024, 256 * 1024 * 1024),
            RateLimitPerMinute = Int(section, "RateLimitPerMinute", 6000, 1, 10_000_000),
            HeartbeatSeconds = Int(section, "HeartbeatSeconds", 15, 1, 3600),
            ReadyMaxLagEvents = Int(section, "ReadyMaxLagEvents", 1000, 0, int.MaxValue),
            Persist = persist,
            AggregateSnapshotEvery = Int(section, "Aggregates:SnapshotEvery", Journal.Application.Aggregates.Snapshots.AggregateSnapshotOptions.DefaultEvery, 0, 1_000_000),
            SnapshotPath = snapshotPath,
            SnapshotIntervalMs = Int(section, "SnapshotIntervalMs", 60_000, 1000, 86_400_000, configuration["SNAPSHOT_INTERVAL"], "SNAPSHOT_INTERVAL"),
            RetentionDays = Int(section, "RetentionDays", 30, 1, 36_500, configuration["RETENTION_DAYS"], "RETENTION_DAYS"),
            RetentionRules = Operations.RetentionRules.Read(section.GetSection("Retention:Rules")),
            MaintenanceIntervalMinutes = Int(section, "MaintenanceIntervalMinutes", 1440, 1, 525_600),
            FullVerificationDelaySeconds = Int(section, "FullVerificationDelaySeconds", 60, 0, 86_400),
            CheckpointIntervalMinutes = checkpointMinutes,
            CheckpointKeyPath = checkpointKey,
            CheckpointPublicKey = ReadCheckpointPublicKey(configuration),
            CheckpointDirectory = checkpointDirectory,
            StartWithBrokenTape = Bool(configuration, "StartWithBrokenTape", null, false),
            OtlpEndpoint = Telemetry.OtlpEndpoints.Read(section["OtlpEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"], section["OtlpEndpoint"] is null ? "OTEL_EXPORTER_OTLP_ENDPOINT" : "Journal:OtlpEndpoint"),
            OtlpTracesEndpoint = Telemetry.OtlpEndpoints.Read(section["OtlpTracesEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"], section["OtlpTracesEndpoint"] is null ? "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" : "Journal:OtlpTracesEndpoint"),
            OtlpTraces = Bool(configuration, "OtlpTraces", null, true),
            OtlpIntervalMs = Int(section, "OtlpIntervalMs", 60_000, 100, 3_600_000),
            ApiKeys = ApiKey.ReadAll(section.GetSection("ApiKeys")),
            TrustedProxies = Http.Proxies.TrustedProxies.Read(section.GetSection("TrustedProxies")),
            MemoryEmbeddings = MemoryEmbeddingSettingsReader.Read(section.GetSection("Memory:Embeddings")),
            MemoryVectorCacheBytes = Int(section, "Memory:VectorCacheBytes", (int)Journal.Projections.Memory.MemoryOptions.DefaultVectorCacheBytes, 65_536, int.MaxValue),
            MemoryQuantizeVectors = Bool(configuration, "Memory:QuantizeVectors", null, true),
        };
        return settings;
    }

    /// <summary>The settings as text, the tape connection string's password hidden.</summary>
    public override string ToString()
    {
        var shown = this with { TapeConnectionString = EventStore.Storage.ConnectionStrings.Redact(TapeConnectionString) };
        var text = new System.Text.StringBuilder(nameof(JournalSettings)).Append(" { ");
        if (shown.PrintMembers(text))
        {
            text.Append(' ');
        }

        return text.Append('}').ToString();
    }

    /// <summary>Reads and validates <c>Journal:CheckpointPublicKey</c> alone (the <c>verify</c> verb needs no other setting).</summary>
    /// <exception cref="ConfigurationException">The path is malformed.</exception>
    public static string? ReadCheckpointPublicKey(IConfiguration configuration)
    {
        var path = configuration["Journal:CheckpointPublicKey"];
        if (path is not null)
        {
            Check("Journal:CheckpointPublicKey", () => StoragePaths.Validate(path, "Journal:CheckpointPublicKey"));
        }

        return path;
    }

    /// <summary>The tape options these settings describe.</summary>
    public JournalStoreOptions ToStoreOptions() => new()
    {
        Provider = TapeProvider,
        ConnectionString = TapeConnectionString,
        RecoverAtStartup = TapeRecoverAtStartup,
        PollIntervalMs = TapePollIntervalMs,
        DatabasePath = DatabasePath,
        MaxPayloadBytes = MaxPayloadBytes,
        BusyTimeoutMs = BusyTimeoutMs,
        GroupCommitWaitMs = GroupCommitWaitMs,
        InMemory = !Persist,
        SnapshotPath = Persist ? null : SnapshotPath,
    };

    /// <summary><paramref name="options"/> with the recall cache's settings from these.</summary>
    public Journal.Projections.Memory.MemoryOptions ToMemoryOptions(Journal.Projections.Memory.MemoryOptions options) =>
        options with { VectorCacheBytes = MemoryVectorCacheBytes, QuantizeVectors = MemoryQuantizeVectors };

    /// <summary>The aggregate snapshots these settings describe: none in the in-memory mode or with an interval of 0.</summary>
    public Journal.Application.Aggregates.Snapshots.AggregateSnapshotOptions? ToAggregateSnapshotOptions() =>
        !Persist || AggregateSnapshotEvery == 0
            ? null
            : new() { DatabasePath = Path.Combine(Path.GetDirectoryName(DatabasePath) ?? ".", "snapshots.db"), Every = AggregateSnapshotEvery };

    /// <summary>The read-model options these settings describe (in memory when the journal is).</summary>
    public Journal.Projections.Runtime.ProjectionOptions ToProjectionOptions() => new()
    {
        DatabasePath = Path.Combine(Path.GetDirectoryName(DatabasePath) ?? ".", "projections.db"),
        InMemory = !Persist,
    };

    private static int Int(IConfigurationSection section, string key, int fallback, int min, int max, string? environment = null, string? environmentName = null)
    {
        var raw = section[key] ?? environment;
        if (raw is null)
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            var name = section[key] is null && environmentName is not null ? environmentName : $"Journal:{key}";
            throw new ConfigurationException(name, $"must be a whole number from {min} to {max}, got '{raw}'");
        }

        return value;
    }

    private static bool Bool(IConfiguration configuration, string key, string? environmentName, bool fallback)
    {
        var fromSection = configuration[$"Journal:{key}"];
        var raw = fromSection ?? (environmentName is null ? null : configuration[environmentName]);
        return raw?.Trim().ToLowerInvariant() switch
        {
            null => fallback,
            "1" or "true" or "yes" => true,
            "0" or "false" or "no" => false,
            _ => throw new ConfigurationException(fromSection is null && environmentName is not null ? environmentName : $"Journal:{key}", $"must be 1 or 0 (true or false), got '{raw}'"),
        };
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

    /// <summary>What is wrong with its value, without the key (for messages that name the value another way, such as a command-line option).</summary>
    public string Reason { get; } = reason;
}

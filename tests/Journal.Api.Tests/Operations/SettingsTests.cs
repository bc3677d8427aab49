using Journal.Api.Hosting;
using Journal.EventStore;
using Microsoft.Extensions.Configuration;

namespace Journal.Api.Tests.Operations;

public sealed class SettingsTests
{
    [Fact]
    public void From_reads_the_operators_environment_variables_onto_the_journal_settings()
    {
        var settings = JournalSettings.From(Configuration(("PERSIST", "0"), ("DB_PATH", "state/tape.db"), ("SNAPSHOT_INTERVAL", "5000"), ("RETENTION_DAYS", "7")));
        var store = settings.ToStoreOptions();
        var projections = settings.ToProjectionOptions();

        Assert.False(settings.Persist);
        Assert.Equal("state/tape.db", settings.DatabasePath);
        Assert.Equal(5000, settings.SnapshotIntervalMs);
        Assert.Equal(7, settings.RetentionDays);
        Assert.True(store.InMemory);
        Assert.Equal(settings.SnapshotPath, store.SnapshotPath);
        Assert.True(projections.InMemory);
    }

    [Fact]
    public void From_defaults_to_the_durable_file_mode_with_a_minute_between_snapshots_and_30_days()
    {
        var settings = JournalSettings.From(Configuration());

        Assert.True(settings.Persist);
        Assert.False(settings.ToStoreOptions().InMemory);
        Assert.Null(settings.ToStoreOptions().SnapshotPath);
        Assert.Equal(60_000, settings.SnapshotIntervalMs);
        Assert.Equal(30, settings.RetentionDays);
        Assert.Equal(Path.Combine("data", "journal.snapshot.db"), settings.SnapshotPath);
        Assert.Equal(0, settings.CheckpointIntervalMinutes);
        Assert.Empty(settings.RetentionRules);
        Assert.Equal(1, settings.ToStoreOptions().GroupCommitWaitMs);
    }

    [Fact]
    public void From_keeps_aggregate_snapshots_every_100_events_beside_the_tape_unless_told_otherwise()
    {
        var defaults = JournalSettings.From(Configuration(("DB_PATH", "state/tape.db"))).ToAggregateSnapshotOptions();
        var every50 = JournalSettings.From(Configuration(("Journal:Aggregates:SnapshotEvery", "50"))).ToAggregateSnapshotOptions();
        var off = JournalSettings.From(Configuration(("Journal:Aggregates:SnapshotEvery", "0"))).ToAggregateSnapshotOptions();
        var inMemory = JournalSettings.From(Configuration(("PERSIST", "0"))).ToAggregateSnapshotOptions();

        Assert.NotNull(defaults);
        Assert.Equal(100, defaults.Every);
        Assert.Equal(Path.Combine("state", "snapshots.db"), defaults.DatabasePath);
        Assert.Equal(50, every50?.Every);
        Assert.Null(off);
        Assert.Null(inMemory);
    }

    [Fact]
    public void From_passes_the_group_commit_wait_to_the_store()
    {
        var settings = JournalSettings.From(Configuration(("Journal:GroupCommitWaitMs", "0")));

        Assert.Equal(0, settings.ToStoreOptions().GroupCommitWaitMs);
    }

    [Fact]
    public void From_lets_the_journal_section_win_over_the_short_environment_form()
    {
        var settings = JournalSettings.From(Configuration(("PERSIST", "0"), ("Journal:Persist", "true"), ("RETENTION_DAYS", "7"), ("Journal:RetentionDays", "90")));

        Assert.True(settings.Persist);
        Assert.Equal(90, settings.RetentionDays);
    }

    [Theory]
    [InlineData("PERSIST", "maybe", "PERSIST")]
    [InlineData("SNAPSHOT_INTERVAL", "10", "SNAPSHOT_INTERVAL")]
    [InlineData("RETENTION_DAYS", "0", "RETENTION_DAYS")]
    [InlineData("Journal:Aggregates:SnapshotEvery", "-1", "Journal:Aggregates:SnapshotEvery")]
    [InlineData("DB_PATH", "../elsewhere.db", "Journal:DatabasePath")]
    [InlineData("Journal:CheckpointIntervalMinutes", "60", "Journal:CheckpointKeyPath")]
    [InlineData("Journal:Retention:Rules:0:Days", "30", "Journal:Retention:Rules:0")]
    [InlineData("Journal:CheckpointPublicKey", "../keys/checkpoint.pem.pub", "Journal:CheckpointPublicKey")]
    public void From_refuses_a_bad_value_naming_the_key_as_the_operator_wrote_it(string key, string value, string named)
    {
        var error = Assert.Throws<ConfigurationException>(() => JournalSettings.From(Configuration((key, value))));

        Assert.Equal(named, error.Key);
    }

    [Fact]
    public void From_reads_tape_retention_rules_and_the_checkpoint_schedule()
    {
        var settings = JournalSettings.From(Configuration(
            ("Journal:Retention:Rules:0:EventType", "transcript.appended.v1"),
            ("Journal:Retention:Rules:0:Days", "90"),
            ("Journal:Retention:Rules:1:StreamCategory", "tooljob"),
            ("Journal:Retention:Rules:1:Days", "30"),
            ("Journal:CheckpointIntervalMinutes", "60"),
            ("Journal:CheckpointKeyPath", "keys/checkpoint.pem")));

        Assert.Equal(
            [new EventStore.Retention.RetentionRule("transcript.appended.v1", null, 90), new EventStore.Retention.RetentionRule(null, "tooljob", 30)],
            settings.RetentionRules);
        Assert.Equal(60, settings.CheckpointIntervalMinutes);
        Assert.Equal("keys/checkpoint.pem", settings.CheckpointKeyPath);
    }

    [Fact]
    public void From_reads_the_trusted_checkpoint_public_key()
    {
        var unset = JournalSettings.From(Configuration());
        var settings = JournalSettings.From(Configuration(("Journal:CheckpointPublicKey", "keys/checkpoint.pem.pub")));

        Assert.Null(unset.CheckpointPublicKey);
        Assert.Equal("keys/checkpoint.pem.pub", settings.CheckpointPublicKey);
        Assert.Equal("keys/checkpoint.pem.pub", JournalSettings.ReadCheckpointPublicKey(Configuration(("Journal:CheckpointPublicKey", "keys/checkpoint.pem.pub"))));
    }

    [Fact]
    public void From_reads_the_recall_cache_budget_and_quantization_and_rejects_a_bad_budget()
    {
        var defaults = JournalSettings.From(Configuration()).ToMemoryOptions(new Journal.Projections.Memory.MemoryOptions());
        var set = JournalSettings.From(Configuration(("Journal:Memory:VectorCacheBytes", "1048576"), ("Journal:Memory:QuantizeVectors", "false")))
            .ToMemoryOptions(new Journal.Projections.Memory.MemoryOptions { CandidatesPerHit = 7 });
        var error = Assert.Throws<ConfigurationException>(() => JournalSettings.From(Configuration(("Journal:Memory:VectorCacheBytes", "12"))));

        Assert.Equal(64L * 1024 * 1024, defaults.VectorCacheBytes);
        Assert.True(defaults.QuantizeVectors);
        Assert.Equal(1_048_576, set.VectorCacheBytes);
        Assert.False(set.QuantizeVectors);
        Assert.Equal(7, set.CandidatesPerHit);
        Assert.Equal("Journal:Memory:VectorCacheBytes", error.Key);
    }

    [Fact]
    public void From_reads_the_memory_embedding_settings_keeping_only_the_name_of_the_key_variable()
    {
        var variable = "JOURNAL_TEST_EMBEDDING_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "sk-secret-value");
        try
        {
            var defaults = JournalSettings.From(Configuration());
            var settings = JournalSettings.From(Configuration(
                ("Journal:Memory:Embeddings:Provider", "OpenAI"),
                ("Journal:Memory:Embeddings:BaseUrl", "http://127.0.0.1:11434/v1"),
                ("Journal:Memory:Embeddings:Model", "nomic-embed-text"),
                ("Journal:Memory:Embeddings:ApiKeyEnvironmentVariable", variable),
                ("Journal:Memory:Embeddings:Dimensions", "768")));

            Assert.Equal(Journal.Application.Memory.Embeddings.MemoryEmbeddingSettings.Hashing, defaults.MemoryEmbeddings.Provider);
            Assert.Equal(
                new Journal.Application.Memory.Embeddings.MemoryEmbeddingSettings
                {
                    Provider = "openai",
                    BaseUrl = new Uri("http://127.0.0.1:11434/v1"),
                    Model = "nomic-embed-text",
                    ApiKeyEnvironmentVariable = variable,
                    Dimensions = 768,
                },
                settings.MemoryEmbeddings);
            Assert.DoesNotContain("sk-secret-value", settings.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Theory]
    [InlineData("word2vec", "http://127.0.0.1:1/v1", "m", "PATH", null, "Provider")]
    [InlineData("openai", null, "m", "PATH", null, "BaseUrl")]
    [InlineData("openai", "127.0.0.1:1/v1", "m", "PATH", null, "BaseUrl")]
    [InlineData("openai", "file:///etc/passwd", "m", "PATH", null, "BaseUrl")]
    [InlineData("openai", "http://127.0.0.1:1/v1", null, "PATH", null, "Model")]
    [InlineData("openai", "http://127.0.0.1:1/v1", "m", null, null, "ApiKeyEnvironmentVariable")]
    [InlineData("openai", "http://127.0.0.1:1/v1", "m", "JOURNAL_TEST_EMBEDDING_KEY_NEVER_SET", null, "ApiKeyEnvironmentVariable")]
    [InlineData("openai", "http://127.0.0.1:1/v1", "m", "PATH", "many", "Dimensions")]
    [InlineData("openai", "http://127.0.0.1:1/v1", "m", "PATH", "0", "Dimensions")]
    public void From_refuses_memory_embedding_settings_that_cannot_reach_a_model_naming_the_key(
        string provider, string? baseUrl, string? model, string? keyVariable, string? dimensions, string setting)
    {
        var values = new List<(string, string)> { ("Journal:Memory:Embeddings:Provider", provider) };
        foreach (var (key, value) in new[] { ("BaseUrl", baseUrl), ("Model", model), ("ApiKeyEnvironmentVariable", keyVariable), ("Dimensions", dimensions) })
        {
            if (value is not null)
            {
                values.Add(("Journal:Memory:Embeddings:" + key, value));
            }
        }

        var error = Assert.Throws<ConfigurationException>(() => JournalSettings.From(Configuration([.. values])));

        Assert.Equal("Journal:Memory:Embeddings:" + setting, error.Key);
        Assert.StartsWith("configuration key Journal:Memory:Embeddings:" + setting + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_defaults_to_the_sqlite_tape_without_a_connection_string()
    {
        var settings = JournalSettings.From(Configuration());
        var store = settings.ToStoreOptions();

        Assert.Equal(TapeProvider.Sqlite, settings.TapeProvider);
        Assert.Null(settings.TapeConnectionString);
        Assert.Equal(TapeProvider.Sqlite, store.Provider);
        Assert.Null(store.ConnectionString);
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("Postgres")]
    [InlineData("POSTGRES")]
    public void From_reads_the_postgres_provider_and_converts_a_uri_connection_string_for_the_store(string provider)
    {
        var settings = JournalSettings.From(Configuration(("Journal:Tape:Provider", provider), ("Journal:Tape:ConnectionString", "postgres://journal:s3cret@db:6432/journal")));
        var store = settings.ToStoreOptions();

        Assert.Equal(TapeProvider.Postgres, settings.TapeProvider);
        Assert.Equal(TapeProvider.Postgres, store.Provider);
        var built = new Npgsql.NpgsqlConnectionStringBuilder(store.ConnectionString);
        Assert.Equal(("db", 6432, "journal", "s3cret", "journal"), (built.Host, built.Port, built.Username, built.Password, built.Database));
    }

    [Theory]
    [InlineData("sqlite", null, true)]
    [InlineData("postgres", null, false)]
    [InlineData("postgres", "true", true)]
    [InlineData("sqlite", "0", false)]
    public void From_recovers_active_work_at_start_on_sqlite_and_not_on_a_shared_postgres_tape_unless_told(string provider, string? recover, bool expected)
    {
        var pairs = new List<(string, string)> { ("Journal:Tape:Provider", provider) };
        if (provider == "postgres")
        {
            pairs.Add(("Journal:Tape:ConnectionString", "Host=db;Username=u"));
        }

        if (recover is not null)
        {
            pairs.Add(("Journal:Tape:RecoverAtStartup", recover));
        }

        Assert.Equal(expected, JournalSettings.From(Configuration([.. pairs])).ToStoreOptions().RecoversAtStartup);
    }

    [Fact]
    public void From_refuses_a_recovery_switch_that_is_not_a_boolean()
    {
        var error = Assert.Throws<ConfigurationException>(() => JournalSettings.From(Configuration(("Journal:Tape:RecoverAtStartup", "sometimes"))));

        Assert.Equal("Journal:Tape:RecoverAtStartup", error.Key);
    }

    [Fact]
    public void From_reads_the_connection_string_from_JOURNAL_TAPE_CONNECTION_and_lets_the_setting_win()
    {
        var fromEnvironment = JournalSettings.From(Configuration(("Journal:Tape:Provider", "postgres"), ("JOURNAL_TAPE_CONNECTION", "Host=env-db;Username=u")));
        var both = JournalSettings.From(Configuration(("Journal:Tape:Provider", "postgres"), ("JOURNAL_TAPE_CONNECTION", "Host=env-db;Username=u"), ("Journal:Tape:ConnectionString", "Host=setting-db;Username=u")));

        Assert.Equal("env-db", new Npgsql.NpgsqlConnectionStringBuilder(fromEnvironment.TapeConnectionString).Host);
        Assert.Equal("setting-db", new Npgsql.NpgsqlConnectionStringBuilder(both.TapeConnectionString).Host);
    }

    [Theory]
    [InlineData("Journal:Tape:Provider", "postgres", null, null, "Journal:Tape:ConnectionString")]
    [InlineData("Journal:Tape:Provider", "mysql", null, null, "Journal:Tape:Provider")]
    [InlineData("Journal:Tape:ConnectionString", "Host=db;Username=u", null, null, "Journal:Tape:ConnectionString")]
    [InlineData("JOURNAL_TAPE_CONNECTION", "Host=db;Username=u", null, null, "JOURNAL_TAPE_CONNECTION")]
    [InlineData("Journal:Tape:Provider", "sqlite", "Journal:Tape:ConnectionString", "postgres://u@db/d", "Journal:Tape:ConnectionString")]
    [InlineData("Journal:Tape:Provider", "postgres", "Journal:Tape:ConnectionString", "postgres://u:p@db:99999/d", "Journal:Tape:ConnectionString")]
    [InlineData("Journal:Tape:Provider", "postgres", "JOURNAL_TAPE_CONNECTION", "Host=db;Colour=blue", "JOURNAL_TAPE_CONNECTION")]
    [InlineData("Journal:Tape:Provider", "postgres", "PERSIST", "0", "PERSIST")]
    [InlineData("Journal:Tape:Provider", "postgres", "Journal:Persist", "false", "Journal:Persist")]
    public void From_refuses_a_tape_provider_and_connection_string_that_do_not_fit_naming_the_key(string key, string value, string? otherKey, string? otherValue, string named)
    {
        var values = otherKey is null ? new[] { (key, value) } : [(key, value), (otherKey, otherValue!)];

        var error = Assert.Throws<ConfigurationException>(() => JournalSettings.From(Configuration(values)));

        Assert.Equal(named, error.Key);
    }

    [Fact]
    public void The_password_of_the_connection_string_is_never_in_the_settings_or_store_options_text_nor_in_errors()
    {
        const string password = "hunter2-never-shown";
        var settings = JournalSettings.From(Configuration(("Journal:Tape:Provider", "postgres"), ("Journal:Tape:ConnectionString", $"postgres://journal:{password}@db/journal")));
        var store = settings.ToStoreOptions();
        var error = Assert.Throws<ConfigurationException>(() => JournalSettings.From(Configuration(("Journal:Tape:ConnectionString", $"Host=db;Password={password}"))));
        var badUri = Assert.Throws<ConfigurationException>(() => JournalSettings.From(Configuration(("Journal:Tape:Provider", "postgres"), ("Journal:Tape:ConnectionString", $"postgres://journal:{password}@db/journal?colour=blue"))));

        Assert.Contains(password, store.ConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain(password, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, store.ToString(), StringComparison.Ordinal);
        Assert.Contains("Host=db", store.ToString(), StringComparison.Ordinal);
        Assert.Contains("Provider = Postgres", store.ToString(), StringComparison.Ordinal);
        Assert.Contains("TapeProvider = Postgres", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, badUri.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}

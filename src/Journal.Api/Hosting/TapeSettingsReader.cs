using Journal.EventStore;

namespace Journal.Api.Hosting;

/// <summary>Reads <c>Journal:Tape:{Provider,ConnectionString}</c> (the connection string also from <c>JOURNAL_TAPE_CONNECTION</c>).</summary>
internal static class TapeSettingsReader
{
    /// <summary>The key of the provider.</summary>
    public const string ProviderKey = "Journal:Tape:Provider";

    /// <summary>The key of the connection string.</summary>
    public const string ConnectionStringKey = "Journal:Tape:ConnectionString";

    /// <summary>The environment variable read when <see cref="ConnectionStringKey"/> is unset.</summary>
    public const string ConnectionStringVariable = "JOURNAL_TAPE_CONNECTION";

    /// <summary>The provider and, for PostgreSQL, the Npgsql connection string (a URI converted).</summary>
    /// <exception cref="ConfigurationException">An unknown provider, PostgreSQL without a connection string or in memory, a connection string for SQLite, or one that cannot be read.</exception>
    public static (TapeProvider Provider, string? ConnectionString) Read(IConfiguration configuration, bool persist)
    {
        var provider = Blank(configuration[ProviderKey])?.ToLowerInvariant() switch
        {
            null or "sqlite" => TapeProvider.Sqlite,
            "postgres" => TapeProvider.Postgres,
            var other => throw new ConfigurationException(ProviderKey, $"must be sqlite or postgres, got '{other}'"),
        };
        var fromSetting = Blank(configuration[ConnectionStringKey]);
        var raw = fromSetting ?? Blank(configuration[ConnectionStringVariable]);
        var key = fromSetting is null ? ConnectionStringVariable : ConnectionStringKey;
        if (provider == TapeProvider.Sqlite)
        {
            return raw is null
                ? (provider, null)
                : throw new ConfigurationException(key, $"is set but {ProviderKey} is sqlite (the default); set {ProviderKey}=postgres to use it, or remove it");
        }

        if (!persist)
        {
            throw new ConfigurationException(configuration["Journal:Persist"] is null ? "PERSIST" : "Journal:Persist", $"must be 1 when {ProviderKey} is postgres: the in-memory mode keeps a SQLite tape");
        }

        if (raw is null)
        {
            throw new ConfigurationException(ConnectionStringKey, $"is required when {ProviderKey} is postgres (or set {ConnectionStringVariable}): postgres://user:password@host:5432/db or Host=...;Username=...;Database=...");
        }

        return (provider, PostgresConnectionString.Read(raw, key));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

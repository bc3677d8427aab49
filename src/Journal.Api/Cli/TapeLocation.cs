using Journal.Api.Hosting;
using Npgsql;

namespace Journal.Api.Cli;

/// <summary>
/// Where a verb's <c>--db</c> points: a SQLite tape file, or a PostgreSQL tape (a <c>postgres://</c> URI or
/// an Npgsql connection string). Parsed once, so no verb takes a URI for a file name.
/// </summary>
internal abstract record TapeLocation
{
    /// <summary>Reads a <c>--db</c> value.</summary>
    /// <exception cref="ArgumentException">A URI of another scheme, or a PostgreSQL location that cannot be used; the message starts with <c>--db</c> and never holds the password.</exception>
    public static TapeLocation Parse(string value)
    {
        try
        {
            if (PostgresConnectionString.IsUri(value))
            {
                return new Postgres(PostgresConnectionString.FromUri(value, "--db"));
            }

            var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd > 0 && value[..schemeEnd].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                throw new ArgumentException($"--db takes a tape file, a postgres:// URI or an Npgsql connection string, not a {value[..schemeEnd]}:// URI");
            }

            return LooksLikeConnectionString(value) ? new Postgres(PostgresConnectionString.Read(value, "--db")) : new SqliteFile(value);
        }
        catch (ConfigurationException ex)
        {
            throw new ArgumentException($"--db {ex.Reason}", ex);
        }
    }

    /// <summary>A <c>key=value</c> list whose keys Npgsql knows; a file name with an <c>=</c> in it is still a file name.</summary>
    private static bool LooksLikeConnectionString(string value)
    {
        if (!value.Contains('=', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>A SQLite tape file.</summary>
    /// <param name="Path">The path as given.</param>
    public sealed record SqliteFile(string Path) : TapeLocation;

    /// <summary>A PostgreSQL tape.</summary>
    /// <param name="ConnectionString">The Npgsql connection string (a URI converted).</param>
    public sealed record Postgres(string ConnectionString) : TapeLocation
    {
        /// <inheritdoc />
        public override string ToString() => $"PostgreSQL tape ({EventStore.Storage.ConnectionStrings.Redact(ConnectionString)})";
    }
}

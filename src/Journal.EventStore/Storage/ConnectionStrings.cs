using Npgsql;

namespace Journal.EventStore.Storage;

/// <summary>Connection strings as they may be shown: in logs, errors and the text of settings objects.</summary>
public static class ConnectionStrings
{
    /// <summary>What stands in for a secret.</summary>
    public const string Hidden = "***";

    /// <summary>
    /// <paramref name="connectionString"/> with its password (and SSL key password) replaced by
    /// <see cref="Hidden"/>; one that cannot be read is hidden whole, since the password could be anywhere in it.
    /// </summary>
    public static string? Redact(string? connectionString)
    {
        if (connectionString is null)
        {
            return null;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (builder.Password is not null)
            {
                builder.Password = Hidden;
            }

            if (builder.SslPassword is not null)
            {
                builder.SslPassword = Hidden;
            }

            return builder.ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return Hidden;
        }
    }
}

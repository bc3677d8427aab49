using Journal.Api.Hosting;
using Npgsql;

namespace Journal.Api.Tests.Hosting;

public sealed class PostgresConnectionStringTests
{
    private const string Key = "Journal:Tape:ConnectionString";

    [Fact]
    public void FromUri_maps_user_password_host_port_and_database_onto_npgsql_keywords()
    {
        var built = Parse(PostgresConnectionString.FromUri("postgres://journal:s3cret@db.internal:6432/journal_prod", Key));

        Assert.Equal("db.internal", built.Host);
        Assert.Equal(6432, built.Port);
        Assert.Equal("journal", built.Username);
        Assert.Equal("s3cret", built.Password);
        Assert.Equal("journal_prod", built.Database);
    }

    [Fact]
    public void FromUri_accepts_the_postgresql_scheme_in_any_case_and_defaults_the_port_to_5432()
    {
        var built = Parse(PostgresConnectionString.FromUri("PostgreSQL://journal@localhost/journal", Key));

        Assert.Equal("localhost", built.Host);
        Assert.Equal(5432, built.Port);
        Assert.Equal("journal", built.Username);
        Assert.Null(built.Password);
    }

    [Fact]
    public void FromUri_percent_decodes_the_user_the_password_and_the_database_as_utf8()
    {
        var built = Parse(PostgresConnectionString.FromUri("postgres://ops%40team:p%40ss%3Aw%2Fo%3Brd%20%C3%A9@h/my%20db", Key));

        Assert.Equal("ops@team", built.Username);
        Assert.Equal("p@ss:w/o;rd é", built.Password);
        Assert.Equal("my db", built.Database);
    }

    [Theory]
    [InlineData("postgres://u@[::1]:5433/d", "::1", 5433)]
    [InlineData("postgres://u@[fe80::1%25eth0]/d", "fe80::1%eth0", 5432)]
    [InlineData("postgres://u@127.0.0.1/d", "127.0.0.1", 5432)]
    public void FromUri_reads_ipv6_hosts_in_brackets_and_ipv4_hosts(string uri, string host, int port)
    {
        var built = Parse(PostgresConnectionString.FromUri(uri, Key));

        Assert.Equal(host, built.Host);
        Assert.Equal(port, built.Port);
    }

    [Fact]
    public void FromUri_maps_the_query_parameters_onto_npgsql_keywords()
    {
        var built = Parse(PostgresConnectionString.FromUri(
            "postgres://u:p@h/d?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&connect_timeout=7&application_name=journal%20ops&target_session_attrs=read-write",
            Key));

        Assert.Equal(SslMode.VerifyFull, built.SslMode);
        Assert.Equal("/etc/ca.pem", built.RootCertificate);
        Assert.Equal(7, built.Timeout);
        Assert.Equal("journal ops", built.ApplicationName);
        Assert.Equal("read-write", built.TargetSessionAttributes);
    }

    [Theory]
    [InlineData("disable", SslMode.Disable)]
    [InlineData("allow", SslMode.Allow)]
    [InlineData("prefer", SslMode.Prefer)]
    [InlineData("require", SslMode.Require)]
    [InlineData("verify-ca", SslMode.VerifyCA)]
    [InlineData("verify-full", SslMode.VerifyFull)]
    public void FromUri_maps_every_libpq_sslmode(string mode, SslMode expected)
    {
        Assert.Equal(expected, Parse(PostgresConnectionString.FromUri($"postgres://u@h/d?sslmode={mode}", Key)).SslMode);
    }

    [Theory]
    [InlineData("postgres://u:p@h/d?sslmode=sometimes", "sslmode")]
    [InlineData("postgres://u:p@h/d?colour=blue", "colour")]
    [InlineData("postgres://u:p@h/d?connect_timeout=soon", "connect_timeout")]
    [InlineData("postgres://u:p@h/d?sslmode", "sslmode")]
    [InlineData("postgres://u:p@h:0/d", "port")]
    [InlineData("postgres://u:p@h:65536/d", "port")]
    [InlineData("postgres://u:p@h:54x2/d", "port")]
    [InlineData("postgres://u:p@/d", "host")]
    [InlineData("postgres://u:p@[::1/d", "host")]
    [InlineData("postgres://u:p@[::1]x/d", "host")]
    [InlineData("postgres://u:p@h1,h2/d", "host")]
    [InlineData("postgres://u:p@h/d/e", "database")]
    [InlineData("postgres://u:p%zz@h/d", "password")]
    [InlineData("postgres://u:p%C3@h/d", "password")]
    [InlineData("postgres://u:p@h/d#frag", "fragment")]
    [InlineData("mysql://u:p@h/d", "scheme")]
    public void FromUri_refuses_anything_else_naming_the_key_and_the_part(string uri, string part)
    {
        var error = Assert.Throws<ConfigurationException>(() => PostgresConnectionString.FromUri(uri, Key));

        Assert.Equal(Key, error.Key);
        Assert.Contains(part, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(":p@", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromUri_never_puts_the_password_into_its_errors()
    {
        var error = Assert.Throws<ConfigurationException>(() => PostgresConnectionString.FromUri("postgres://u:hunter2-secret@h/d?colour=blue", Key));

        Assert.DoesNotContain("hunter2-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_takes_an_npgsql_connection_string_as_it_is_and_a_uri_converted()
    {
        var fromString = Parse(PostgresConnectionString.Read("Host=db;Port=6000;Username=u;Password=p;Database=d", Key));
        var fromUri = Parse(PostgresConnectionString.Read("postgresql://u:p@db:6000/d", Key));

        Assert.Equal(("db", 6000, "u", "p", "d"), (fromString.Host, fromString.Port, fromString.Username, fromString.Password, fromString.Database));
        Assert.Equal(("db", 6000, "u", "p", "d"), (fromUri.Host, fromUri.Port, fromUri.Username, fromUri.Password, fromUri.Database));
    }

    [Theory]
    [InlineData("Host=db;Colour=blue")]
    [InlineData("Username=u;Password=hunter2-secret;Database=d")]
    [InlineData("")]
    public void Read_refuses_a_connection_string_it_cannot_use_without_echoing_the_password(string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => PostgresConnectionString.Read(value, Key));

        Assert.Equal(Key, error.Key);
        Assert.DoesNotContain("hunter2-secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://u:p@h/d", true)]
    [InlineData("POSTGRESQL://h", true)]
    [InlineData("data/journal.db", false)]
    [InlineData("Host=h;Username=u", false)]
    [InlineData("postgres.db", false)]
    public void IsUri_tells_a_postgres_uri_from_anything_else(string value, bool expected)
    {
        Assert.Equal(expected, PostgresConnectionString.IsUri(value));
    }

    private static NpgsqlConnectionStringBuilder Parse(string connectionString) => new(connectionString);
}

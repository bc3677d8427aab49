using Journal.Api.Cli;
using Npgsql;

namespace Journal.Api.Tests.Cli;

public sealed class TapeLocationTests
{
    [Theory]
    [InlineData("data/journal.db")]
    [InlineData("/var/lib/journal/journal.db")]
    [InlineData("postgres.db")]
    [InlineData("old=journal.db")]
    public void Parse_takes_a_path_as_a_tape_file(string value)
    {
        var location = Assert.IsType<TapeLocation.SqliteFile>(TapeLocation.Parse(value));

        Assert.Equal(value, location.Path);
    }

    [Theory]
    [InlineData("postgres://journal:s3cret@db:6000/tape")]
    [InlineData("postgresql://journal:s3cret@db:6000/tape")]
    [InlineData("Host=db;Port=6000;Username=journal;Password=s3cret;Database=tape")]
    public void Parse_takes_a_uri_or_an_npgsql_connection_string_as_a_postgres_tape(string value)
    {
        var location = Assert.IsType<TapeLocation.Postgres>(TapeLocation.Parse(value));
        var built = new NpgsqlConnectionStringBuilder(location.ConnectionString);

        Assert.Equal(("db", 6000, "journal", "s3cret", "tape"), (built.Host, built.Port, built.Username, built.Password, built.Database));
        Assert.DoesNotContain("s3cret", location.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql://u:hunter2-secret@db/tape")]
    [InlineData("file:///tmp/hunter2-secret.db")]
    [InlineData("postgres://u:hunter2-secret@db:99999/tape")]
    [InlineData("Username=u;Password=hunter2-secret;Database=tape")]
    public void Parse_refuses_a_uri_or_connection_string_it_cannot_use_naming_db_without_the_password(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => TapeLocation.Parse(value));

        Assert.StartsWith("--db ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", error.Message, StringComparison.Ordinal);
    }
}

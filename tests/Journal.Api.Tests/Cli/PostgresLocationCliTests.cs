using Journal.Api.Cli;

namespace Journal.Api.Tests.Cli;

/// <summary>The verbs that need a tape file refuse a PostgreSQL location before reaching any server or file.</summary>
public sealed class PostgresLocationCliTests : IDisposable
{
    private const string Uri = "postgres://journal:hunter2-secret@127.0.0.1:1/journal";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-cli-tests", Guid.NewGuid().ToString("N"));

    public PostgresLocationCliTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("backup", "pg_dump", "--to", "{dir}/backup.db")]
    [InlineData("restore", "pg_restore", "--from", "{dir}/backup.db")]
    [InlineData("verify", "export --to", "--checkpoint", "{dir}/checkpoint.json")]
    public async Task A_file_only_verb_given_a_postgres_uri_exits_2_with_one_line_naming_what_to_use_instead(string verb, string hint, string option, string value)
    {
        var (code, output, error) = await Run(verb, "--db", Uri, option, value.Replace("{dir}", _directory, StringComparison.Ordinal));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("PostgreSQL", error, StringComparison.Ordinal);
        Assert.Contains(hint, error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
        Assert.False(Directory.Exists(Path.GetFullPath("postgres:")));
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("verify")]
    [InlineData("export")]
    [InlineData("health")]
    public async Task A_verb_given_a_uri_of_another_scheme_exits_2_and_never_takes_it_for_a_file_name(string verb)
    {
        var (code, _, error) = await Run(verb, "--db", "mysql://journal:hunter2-secret@127.0.0.1:1/journal");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("--db ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetFullPath("mysql:")));
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await JournalCli.RunAsync(args, output, error, default);
        return (code, output.ToString(), error.ToString());
    }
}

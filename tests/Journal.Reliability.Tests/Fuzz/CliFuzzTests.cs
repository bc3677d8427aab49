using Journal.Reliability.Tests.Support;

namespace Journal.Reliability.Tests.Fuzz;

/// <summary>
/// The admin verbs with malformed arguments (seeded): no exception ever escapes, a failure exits non-zero
/// with a message and never prints a stack trace.
/// </summary>
public sealed class CliFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestDirectory _directory = new("cli-fuzz");

    public static TheoryData<string[]> Malformed => new()
    {
        new[] { "verify", "--from", "abc" },
        new[] { "verify", "--from", "-5" },
        new[] { "verify", "--to", "99999999999999999999999" },
        new[] { "verify", "--db", "" },
        new[] { "verify", "--db", "../escape.db" },
        new[] { "verify", "--db", "/proc/self/mem" },
        new[] { "verify", "--db", "/dev/null" },
        new[] { "verify", "--db", "a\0b" },
        new[] { "stats", "--db", "/" },
        new[] { "stats", "--bogus" },
        new[] { "export", "--format", "xml" },
        new[] { "export", "--from", "%00" },
        new[] { "replay", "--db", "/nonexistent/journal.db" },
        new[] { "replay", "--projection", "no-such.v9", "--db", "/nonexistent/journal.db" },
        new[] { "projections", "--db", "/proc/self/status" },
        new[] { "hash-key", "--db", "x" },
        new[] { "hash-key" },
        new[] { "verify", "--json", "--json", "--db" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Verb_with_malformed_arguments_exits_non_zero_with_a_message_and_no_trace(string[] args)
    {
        var (code, stdout, stderr) = await Tapes.CliAsync(args);

        Assert.NotEqual(0, code);
        Assert.False(string.IsNullOrWhiteSpace(stdout + stderr), "no message");
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbs_with_random_malformed_arguments_never_throw_or_print_a_trace()
    {
        var seed = Seeds.Next(output, nameof(Verbs_with_random_malformed_arguments_never_throw_or_print_a_trace));
        var input = new HostileInput(new Random(seed));
        await Tapes.CreateAsync(_directory.Tape, 5);
        var scratch = _directory.Combine("scratch", "x.db");
        var runs = Seeds.Setting("RELIABILITY_CLI_RUNS", 150);
        var failures = 0;
        for (var i = 0; i < runs; i++)
        {
            var args = input.CliArguments(_directory.Tape, scratch);
            var (code, stdout, stderr) = await Tapes.CliAsync(args);
            var shown = string.Join(' ', args.Select(a => a.Length > 40 ? a[..40] + "..." : a));
            Assert.False(stdout.Contains("   at ", StringComparison.Ordinal) || stderr.Contains("   at ", StringComparison.Ordinal), $"trace for: {shown}\n{stderr}");
            if (code != 0)
            {
                failures++;
                Assert.False(string.IsNullOrWhiteSpace(stderr + stdout), $"exit {code} without a message for: {shown}");
            }
        }

        output.WriteLine($"{runs} runs, {failures} refused");
        Assert.True(failures > runs / 2, $"only {failures} of {runs} malformed runs were refused");
    }

    public void Dispose() => _directory.Dispose();
}

using System.CommandLine;
using Journal.EventStore.Schema;

namespace Journal.Api.Cli;

/// <summary>
/// The admin verbs: <c>journal &lt;verb&gt; [options]</c> through the .NET tool (<c>dotnet pack src/Journal.Api</c>), or
/// <c>dotnet run --project src/Journal.Api -- &lt;verb&gt; [options]</c>. No verb, <c>serve</c> or any other first
/// argument starts the service.
/// </summary>
public static class JournalCli
{
    private static readonly string[] Verbs = ["verify", "stats", "export", "replay", "projections", "hash-key", "backup", "restore", "checkpoint", "prove", "health", "--help", "-h", "help"];

    /// <summary>Whether the arguments name an admin verb rather than service options.</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    /// <summary>The service's own arguments: those given, less a leading <c>serve</c> (<c>journal serve --urls ...</c>).</summary>
    public static string[] ServiceArguments(string[] args) => args.Length > 0 && args[0] == "serve" ? args[1..] : args;

    /// <summary>Runs a verb, writing to <paramref name="output"/> and <paramref name="error"/>; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct) =>
        RunAsync(args, Console.In, output, error, ct);

    /// <summary>Runs a verb reading from <paramref name="input"/> (the <c>hash-key</c> verb reads the key there).</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var root = new RootCommand("Journal admin verbs. Without a verb, or with `serve`, the service starts.");
        var context = new CliContext(output, error, ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected) { Input = input };
        root.Add(VerifyCommand.Create(context));
        root.Add(StatsCommand.Create(context));
        root.Add(ExportCommand.Create(context));
        root.Add(ReplayCommand.Create(context));
        root.Add(ProjectionsCommand.Create(context));
        root.Add(HashKeyCommand.Create(context));
        root.Add(BackupCommand.Create(context));
        root.Add(RestoreCommand.Create(context));
        root.Add(CheckpointCommand.Create(context));
        root.Add(ProveCommand.Create(context));
        root.Add(HealthCommand.Create(context));
        ParseResult parsed;
        try
        {
            parsed = root.Parse(args.Length > 0 && args[0] == "help" ? ["--help"] : args);
        }
        catch (InvalidOperationException ex)
        {
            // A validator that trips over a value the parser could not read: still bad input, not a crash.
            await error.WriteLineAsync($"the arguments could not be read: {ex.Message}");
            return ExitCodes.BadInput;
        }

        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }

            return ExitCodes.BadInput;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (Exception ex) when (ex is FileNotFoundException or SchemaException or ArgumentException or IOException or Domain.Errors.JournalException)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode is 11 or 26)
        {
            // SQLITE_CORRUPT, SQLITE_NOTADB: a damaged file is a failed check, not bad input.
            await error.WriteLineAsync($"the journal file is damaged: {ex.Message}");
            return ExitCodes.Mismatch;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            await error.WriteLineAsync($"the journal file could not be read: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }
}

/// <summary>Where a verb writes, and whether a person watches (progress bars) or a pipe reads (plain lines).</summary>
public sealed record CliContext(TextWriter Output, TextWriter Error, bool Interactive)
{
    /// <summary>Where a verb reads its input (standard input unless a test says otherwise).</summary>
    public TextReader Input { get; init; } = Console.In;
}

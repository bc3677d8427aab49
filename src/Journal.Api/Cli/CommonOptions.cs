using System.CommandLine;

namespace Journal.Api.Cli;

/// <summary>Options shared by the verbs.</summary>
internal static class CommonOptions
{
    public static Option<string> Database() => new("--db")
    {
        Description = "The tape: a file (default data/journal.db), a postgres:// URI or an Npgsql connection string",
        DefaultValueFactory = _ => Path.Combine("data", "journal.db"),
    };

    public static Option<string?> ProjectionsDatabase() => new("--projections-db")
    {
        Description = "The read-model database (default: projections.db beside the tape)",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of text" };

    public static Option<long> Position(string name, string description, long fallback) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        // Only a value that parsed is checked here: an unparsable one already carries the parser's error
        // (reading it with GetValueOrDefault would throw instead of reporting).
        Validators =
        {
            result =>
            {
                if (result.Tokens.Count == 1 && long.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value < 1)
                {
                    result.AddError($"{name} must be 1 or more");
                }
            },
        },
    };
}

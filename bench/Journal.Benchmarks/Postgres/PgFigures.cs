using System.Globalization;
using Journal.Benchmarks.Projections;
using Journal.Benchmarks.Tape;

namespace Journal.Benchmarks.Postgres;

/// <summary>One append scenario on the three sides.</summary>
internal sealed record AppendFigures(string Name, int Callers, SideResult Raw, SideResult Marten, SideResult Ours);

/// <summary>What the ours-only scenarios measured; each is null when it did not run.</summary>
/// <param name="OneInstance">One <c>PostgresEventStore</c>, 32 callers.</param>
/// <param name="TwoInstances">Two stores on the same database, 16 callers each.</param>
/// <param name="Replay">Rebuild of every read model from the PostgreSQL tape, against a raw Npgsql read of it.</param>
/// <param name="Lag">Live lag across instances.</param>
internal sealed record OursFigures(SideResult? OneInstance, SideResult? TwoInstances, PgReplayFigures? Replay, PgLagFigures? Lag);

/// <summary>The replay from PostgreSQL.</summary>
internal sealed record PgReplayFigures(string Name, long Events, IReadOnlyList<string> Projections, SideResult Ours, SideResult Raw, double BuildSeconds);

/// <summary>Live lag across instances: append on A, A's append time and the time until B's feed publishes it.</summary>
internal sealed record PgLagFigures(int Appends, int Rate, double Seconds, double MaxBehindMs, Latency Visible, Latency Commit, int SeenFirstOnB);

/// <summary>The suite's tables, in the form of docs/benchmarks.md.</summary>
internal static class PgTables
{

    public static string Appends(IReadOnlyList<AppendFigures> rows)
    {
        var lines = new List<string>
        {
            "| scenario | raw Npgsql: INSERT + COMMIT per row (rows/s) | Marten, Quick append mode (events/s) | ours (events/s) | ours/raw | ours/Marten |",
            "|---|---:|---:|---:|---:|---:|",
        };
        foreach (var r in rows)
        {
            lines.Add(Invariant(
                $"| {r.Name} ({r.Callers} {(r.Callers == 1 ? "caller" : "callers")}) | {r.Raw.Format()} | {r.Marten.Format()} | {r.Ours.Format()} | {Ratio(r.Ours, r.Raw)} | {Ratio(r.Ours, r.Marten)} |"));
        }

        // Group commit's gain: each side's many-caller rate over the raw one-row-per-commit rate of a single caller.
        if (rows.FirstOrDefault(r => r.Callers == 1) is { } single)
        {
            foreach (var r in rows.Where(r => r.Callers > 1))
            {
                lines.Add(Invariant(
                    $"| {r.Name} / raw {single.Name} | {Ratio(r.Raw, single.Raw)} | {Ratio(r.Marten, single.Raw)} | {Ratio(r.Ours, single.Raw)} | | |"));
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    public static string Instances(OursFigures ours) => string.Join(
        Environment.NewLine,
        "| scenario | ours (events/s, median (min–max)) | two/one |",
        "|---|---:|---:|",
        Invariant($"| one instance, 32 callers | {ours.OneInstance?.Format() ?? "-"} | |"),
        Invariant($"| two instances on one database, 16 callers each | {ours.TwoInstances?.Format() ?? "-"} | {Ratio(ours.TwoInstances, ours.OneInstance)} |"));

    public static string Replay(PgReplayFigures r) => string.Join(
        Environment.NewLine,
        Invariant($"{r.Events:N0} mixed domain events written through PostgresEventStore in {r.BuildSeconds:0} s (untimed); projections: {string.Join(", ", r.Projections)}."),
        string.Empty,
        "| scenario | events | ours: rebuild every read model from PostgreSQL (events/s, median (min–max)) | raw: Npgsql read of the tape (rows/s, median (min–max)) | ratio ours/raw |",
        "|---|---:|---:|---:|---:|",
        Invariant($"| {r.Name} | {r.Events:N0} | {r.Ours.Format()} | {r.Raw.Format()} | {r.Ours.Median / r.Raw.Median:0.00} |"));

    public static string Lag(PgLagFigures r) => string.Join(
        Environment.NewLine,
        Invariant($"{r.Appends:N0} single-event appends on A at {r.Rate:N0}/s in {r.Seconds:0.0} s (the schedule ran at most {r.MaxBehindMs:0.0} ms late); B published {r.SeenFirstOnB:N0} of them before A's append returned (counted as 0). Milliseconds:"),
        string.Empty,
        "| series | p50 | p90 | p99 | max |",
        "|---|---:|---:|---:|---:|",
        Invariant($"| ours: A's append returns -> B's Committed publishes it | {r.Visible.P50:0.000} | {r.Visible.P90:0.000} | {r.Visible.P99:0.000} | {r.Visible.Max:0.000} |"),
        Invariant($"| baseline: the append's own time to commit on A | {r.Commit.P50:0.000} | {r.Commit.P90:0.000} | {r.Commit.P99:0.000} | {r.Commit.Max:0.000} |"));

    private static string Ratio(SideResult? numerator, SideResult? denominator) =>
        numerator is null || denominator is null ? "-" : Invariant($"{numerator.Median / denominator.Median:0.00}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

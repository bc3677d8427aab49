using System.Runtime.InteropServices;
using Journal.Benchmarks.Tape;
using Journal.Testing.Postgres;
using Npgsql;

namespace Journal.Benchmarks.Postgres;

/// <summary>
/// The <c>postgres</c> verb: starts its own throwaway PostgreSQL server and measures, on that one server, single-event
/// appends by 1 and 16 callers for a raw Npgsql baseline, Marten and ours (<c>PostgresEventStore</c>), then ours
/// alone (<c>Postgres/Ours/</c>): two instances against one, a replay into the read models, and live lag across instances.
/// </summary>
internal static class PostgresBenchmarks
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = BenchOptions.Parse(args);
        var started = System.Diagnostics.Stopwatch.StartNew();
        Console.Error.WriteLine("starting a throwaway PostgreSQL server...");
        var server = await PostgresServer.StartAsync().ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(options.Quick ? "quick" : "full")} run, {options.Rounds} timed rounds (median, min–max), load average {LoadAverage()} at start");
            Console.WriteLine($"Server: {await DescribeAsync(server).ConfigureAwait(false)}, on 127.0.0.1, one server for every side");
            Console.WriteLine();

            var appends = new List<AppendFigures>();
            if (options.Includes("append-1"))
            {
                appends.Add(await AppendsAsync(server, options, "append-1", 1, options.Quick ? 300 : 1_000).ConfigureAwait(false));
            }

            if (options.Includes("append-16"))
            {
                appends.Add(await AppendsAsync(server, options, "append-16", 16, options.Quick ? 100 : 250).ConfigureAwait(false));
            }

            if (appends.Count > 0)
            {
                Console.WriteLine("Single-event appends, every side on a fresh database each round:");
                Console.WriteLine();
                Console.WriteLine(PgTables.Appends(appends));
                Console.WriteLine();
            }

            var ours = await Ours.OursScenarios.RunAsync(server, options).ConfigureAwait(false);
            if (ours.OneInstance is not null || ours.TwoInstances is not null)
            {
                Console.WriteLine("Instances, single-event appends to per-caller streams:");
                Console.WriteLine();
                Console.WriteLine(PgTables.Instances(ours));
                Console.WriteLine();
            }

            if (ours.Replay is not null)
            {
                Console.WriteLine("Replay:");
                Console.WriteLine();
                Console.WriteLine(PgTables.Replay(ours.Replay));
                Console.WriteLine();
            }

            if (ours.Lag is not null)
            {
                Console.WriteLine("Live lag across instances:");
                Console.WriteLine();
                Console.WriteLine(PgTables.Lag(ours.Lag));
                Console.WriteLine();
            }
        }

        Console.WriteLine($"Total time: {started.Elapsed.TotalSeconds:0} s, load average {LoadAverage()} at the end");
        return 0;
    }

    private static async Task<AppendFigures> AppendsAsync(PostgresServer server, BenchOptions options, string name, int callers, int perCaller)
    {
        Console.Error.WriteLine($"{name}...");
        var sides = new List<PgSide>
        {
            new("raw", RawPgTape.Side(server, callers, perCaller)),
            new("marten", MartenAppends.Side(server, callers, perCaller)),
            new("ours", Ours.OursAppends.Side(server, instances: 1, callers, perCaller)),
        };
        var results = await PgRunner.RunAsync(name, options.Warmups, options.Rounds, sides).ConfigureAwait(false);
        return new AppendFigures(name, callers, results["raw"], results["marten"], results["ours"]);
    }

    private static async Task<string> DescribeAsync(PostgresServer server)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString());
        await connection.OpenAsync().ConfigureAwait(false);
        var settings = new List<string>();
        foreach (var setting in new[] { "server_version", "fsync", "synchronous_commit", "shared_buffers", "wal_level" })
        {
            await using var show = new NpgsqlCommand($"SHOW {setting}", connection);
            settings.Add($"{setting}={await show.ExecuteScalarAsync().ConfigureAwait(false)}");
        }

        return "PostgreSQL " + string.Join(", ", settings);
    }

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}

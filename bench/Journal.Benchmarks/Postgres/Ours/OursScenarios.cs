using Journal.Benchmarks.Tape;
using Journal.Testing.Postgres;

namespace Journal.Benchmarks.Postgres.Ours;

/// <summary>The scenarios only ours has: two instances against one, the replay, and live lag across instances.</summary>
internal static class OursScenarios
{
    private const int Callers = 32;

    public static async Task<OursFigures> RunAsync(PostgresServer server, BenchOptions options)
    {
        SideResult? one = null;
        SideResult? two = null;
        if (options.Includes("instances"))
        {
            Console.Error.WriteLine("instances...");
            var perCaller = options.Quick ? 50 : 125;
            var measured = await PgRunner.RunAsync(
                "instances",
                options.Warmups,
                options.Rounds,
                [
                    new PgSide("one", OursAppends.Side(server, instances: 1, Callers, perCaller)),
                    new PgSide("two", OursAppends.Side(server, instances: 2, Callers, perCaller)),
                ]).ConfigureAwait(false);
            one = measured["one"];
            two = measured["two"];
        }

        PgReplayFigures? replay = null;
        if (options.Includes("replay-1m"))
        {
            Console.Error.WriteLine("replay...");
            replay = await OursReplay.RunAsync(server, options).ConfigureAwait(false);
        }

        PgLagFigures? lag = null;
        if (options.Includes("live-lag"))
        {
            Console.Error.WriteLine("live-lag...");
            lag = await OursLiveLag.RunAsync(server, options).ConfigureAwait(false);
        }

        return new OursFigures(one, two, replay, lag);
    }
}

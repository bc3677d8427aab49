using Journal.Benchmarks.Canvas;
using Journal.Benchmarks.Capacity;
using Journal.Benchmarks.Codec;
using Journal.Benchmarks.Commands;
using Journal.Benchmarks.Projections;
using Journal.Benchmarks.Http;
using Journal.Benchmarks.Memory;
using Journal.Benchmarks.Merkle;
using Journal.Benchmarks.Postgres;
using Journal.Benchmarks.Tape;

return args.FirstOrDefault() switch
{
    "tape" => await TapeBenchmarks.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false),
    "commands" => await Commands(args.Contains("--quick"), args.Contains("--trace"), Only(args)).ConfigureAwait(false),
    "projections" => await ProjectionBenchmarks.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false),
    "http" => await Service(args.Contains("--quick")).ConfigureAwait(false),
    "http-cost" => await RequestCosts(args.Contains("--quick")).ConfigureAwait(false),
    "proofs-http" => await ProofsOverHttp(args.Contains("--quick")).ConfigureAwait(false),
    "memory" => await MemoryBenchmark.RunAsync(args.Contains("--quick"), !args.Contains("--float"), Only(args)?.SetEquals(["add"]) == true, IntOption(args, "--items"), IntOption(args, "--cache-mib") * 1024L * 1024).ConfigureAwait(false),
    "codec" => await CodecBenchmark.RunAsync(args.Contains("--quick")).ConfigureAwait(false),
    "canvas" => await CanvasFigures(args.Contains("--quick")).ConfigureAwait(false),
    "postgres" => await PostgresBenchmarks.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false),
    "capacity" => await CapacityBenchmark.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false),
    "merkle" => await MerkleBenchmarks.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false),
    "control-room" => await ControlRoomFigures(args.Contains("--quick")).ConfigureAwait(false),
    "live-tail" => await LiveTailFigures(args.Contains("--quick")).ConfigureAwait(false),
    _ => Usage(),
};

static async Task<int> Commands(bool quick, bool trace, IReadOnlySet<string>? only)
{
    using var tracing = trace ? new Journal.Benchmarks.Shared.TraceEverything() : null;
    if (only is null || only.Contains("transcript"))
    {
        Console.WriteLine(await TranscriptAppendBenchmark.RunAsync(quick).ConfigureAwait(false));
    }

    if (only is null || only.Contains("contended"))
    {
        Console.WriteLine(await ContendedAppendBenchmark.RunAsync(quick).ConfigureAwait(false));
    }

    if (only is null || only.Contains("first-append"))
    {
        Console.WriteLine(await FirstAppendBenchmark.RunAsync(quick).ConfigureAwait(false));
    }

    if (tracing is not null)
    {
        Console.WriteLine($"Traced: {tracing.Spans} spans recorded by an in-process listener (no exporter).");
    }

    return 0;
}

static int? IntOption(string[] args, string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
}

static HashSet<string>? Only(string[] args)
{
    var at = Array.IndexOf(args, "--only");
    return at >= 0 && at + 1 < args.Length ? [.. args[at + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null;
}

static async Task<int> ProofsOverHttp(bool quick)
{
    Console.WriteLine(await ProofLoad.RunAsync(quick).ConfigureAwait(false));
    return 0;
}

static async Task<int> ControlRoomFigures(bool quick)
{
    Console.WriteLine(await Journal.Benchmarks.ControlRoom.SessionsPageBenchmark.RunAsync(quick).ConfigureAwait(false));
    return 0;
}

static async Task<int> LiveTailFigures(bool quick)
{
    Console.WriteLine(await Journal.Benchmarks.ControlRoom.LiveTailBenchmark.RunAsync(quick).ConfigureAwait(false));
    return 0;
}

static async Task<int> Service(bool quick)
{
    Console.WriteLine(await HttpBenchmark.RunAsync(quick).ConfigureAwait(false));
    return 0;
}

static async Task<int> RequestCosts(bool quick)
{
    Console.WriteLine(await RequestCost.RunAsync(quick).ConfigureAwait(false));
    return 0;
}

static async Task<int> CanvasFigures(bool quick)
{
    Console.WriteLine(await CanvasBenchmark.RunAsync(quick).ConfigureAwait(false));
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Journal.Benchmarks <verb> [options]");
    Console.Error.WriteLine("  tape [--quick] [--only append-1,append-16,append-16-ceiling,append-100,verify-1m,backup-1m]   the tape against raw SQLite");
    Console.Error.WriteLine("  commands [--quick] [--trace] [--only transcript,contended,first-append]   transcript append latency: entries 1-100 vs 9,901-10,000, with a raw SQLite baseline; 16 writers on one session vs on 16 sessions; the first append to a 25,000-entry transcript after a start, with and without snapshots; --trace records every journal span in-process");
    Console.Error.WriteLine("  projections [--quick] [--only replay-1m,live-lag]   rebuild of every read model vs a raw tape read; live lag vs time to commit");
    Console.Error.WriteLine("  canvas [--quick]     a canvas with 10,000 versions: patch throughput on a 20 KB state, state at a random version, each vs raw SQLite");
    Console.Error.WriteLine("  http [--quick]       the service on loopback: GET of a session at 2,000/s vs a trivial endpoint, transcript POST vs in-process");
    Console.Error.WriteLine("  http-cost [--quick]  what one GET of each read-side endpoint costs: CPU time, bytes allocated and gen0 collections per request, back to back");
    Console.Error.WriteLine("  codec [--quick]      JSON to MessagePack and back on 2,000 event-shaped documents vs MessagePack-CSharp's own converter");
    Console.Error.WriteLine("  postgres [--quick] [--only append-1,append-16,instances,replay-1m,live-lag]   a throwaway PostgreSQL server: single-event appends by 1 and 16 callers, raw Npgsql vs Marten vs ours; two instances vs one; replay and live lag from PostgreSQL");
    Console.Error.WriteLine("  memory [--quick] [--float] [--only add] [--items N] [--cache-mib M]   100,000 memory items (or N): add rate vs raw SQLite inserts, recall p50/p99, vector branch vs a raw dot-product scan; --only add stops after the add rate; --cache-mib sets the recall cache's budget");
    Console.Error.WriteLine("  merkle [--quick] [--only build,proofs,append-16]   issue 23: the Merkle tree of a 1,000,000-event tape built from nothing vs a raw (seq, hash) read; inclusion and consistency proofs p50/p99 vs a raw point read; append-16 with the tree on vs off");
    Console.Error.WriteLine("  control-room [--quick]   issue 24: the control room's sessions page over 100,000 sessions (first screen, server time) vs the same list query as JSON and a trivial endpoint");
    Console.Error.WriteLine("  live-tail [--quick]   issue 24: the Tape page's live tail in Chromium under 1,000 appends/s vs the same page idle: frame gaps, long tasks, how far the tail is behind the head");
    Console.Error.WriteLine("  proofs-http [--quick]   issue 23: inclusion and consistency proofs over HTTP on a copy of the 1M capacity tape, open loop, vs the trivial endpoint");
    Console.Error.WriteLine("  capacity [--quick] [--sizes 1000000,10000000] [--build-only]   issue 21: mixed tapes with canvas and memory built through the domain (cached); the service started as a process on a copy of each: start until ready (warm, then cold), journal health, CLI health/stats, first append to a 25,000-entry session, memory after 50 recalls, replay rate and peak memory; each size side by side");
    return 2;
}

using System.Diagnostics;
using System.Globalization;
using Journal.Benchmarks.Tape;
using Journal.EventStore.Merkle;
using Microsoft.Data.Sqlite;

namespace Journal.Benchmarks.Merkle;

/// <summary>
/// proofs: on the built tree of the tape, the inclusion proof of a random seq in the tree at the head, and the
/// consistency proof between two random sizes, each timed alone in-process (p50, p99), against one raw SQLite point
/// read of a random row's hash on a prepared statement, the three alternated in rounds. Floor: p99 under 1 ms.
/// </summary>
internal static class MerkleProofScenario
{
    public const double FloorP99Ms = 1.0;

    public static async Task<ProofResult> RunAsync(string tape, int events, BenchOptions options)
    {
        var perRound = options.Quick ? 500 : 2_000;
        var rounds = options.Rounds;
        var random = new Random(23);
        var round = TreeRound.Open(tape);
        await using (round.ConfigureAwait(false))
        {
            await round.Tree.HeadAsync(events, CancellationToken.None).ConfigureAwait(false);
            using var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = tape, Mode = SqliteOpenMode.ReadOnly }.ToString());
            raw.Open();
            using var point = raw.CreateCommand();
            point.CommandText = "SELECT hash FROM journal_events WHERE seq = $seq";
            var seq = point.Parameters.Add("$seq", SqliteType.Integer);
            point.Prepare();

            var inclusion = new List<double>();
            var consistency = new List<double>();
            var reads = new List<double>();
            for (var r = 0; r <= rounds; r++)
            {
                // Round 0 warms every path up and is not counted.
                var (inc, con, pnt) = (new List<double>(), new List<double>(), new List<double>());
                for (var i = 0; i < perRound; i++)
                {
                    var s = random.NextInt64(1, events + 1);
                    var started = Stopwatch.GetTimestamp();
                    var proof = await round.Tree.InclusionAsync(s, events, CancellationToken.None).ConfigureAwait(false);
                    inc.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Check(proof.Path.Count > 0);

                    var to = random.NextInt64(2, events + 1);
                    var from = random.NextInt64(1, to);
                    started = Stopwatch.GetTimestamp();
                    var step = await round.Tree.ConsistencyAsync(from, to, CancellationToken.None).ConfigureAwait(false);
                    con.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Check(step.Path.Count > 0);

                    seq.Value = random.NextInt64(1, events + 1);
                    started = Stopwatch.GetTimestamp();
                    var hash = point.ExecuteScalar() as byte[];
                    pnt.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Check(hash is { Length: 32 });
                }

                if (r > 0)
                {
                    inclusion.AddRange(inc);
                    consistency.AddRange(con);
                    reads.AddRange(pnt);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  proofs round {r}/{rounds}: inclusion p99 {Percentile(inc, 0.99):0.000} ms, consistency p99 {Percentile(con, 0.99):0.000} ms, point read p99 {Percentile(pnt, 0.99):0.000} ms"));
                }
            }

            // One proof checked end to end, so the timed ones are known to be proofs.
            var sample = await round.Tree.InclusionAsync(events / 3, events, CancellationToken.None).ConfigureAwait(false);
            var leaf = MerkleHash.Leaf((byte[])new SqliteCommand($"SELECT hash FROM journal_events WHERE seq = {events / 3}", raw).ExecuteScalar()!);
            Check(MerkleVerifier.VerifyInclusion((events / 3) - 1, events, leaf, sample.Path, sample.Root));
            return new ProofResult(events, inclusion, consistency, reads);
        }
    }

    internal static double Percentile(List<double> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("a proof or read came back wrong");
        }
    }

    internal sealed record ProofResult(int Events, List<double> Inclusion, List<double> Consistency, List<double> Reads)
    {
        public bool Pass => Percentile(Inclusion, 0.99) < FloorP99Ms && Percentile(Consistency, 0.99) < FloorP99Ms;

        public string Table()
        {
            var text = new System.Text.StringBuilder();
            text.AppendLine("| operation | samples | p50 (ms) | p99 (ms) | p99 / raw point read p99 | floor | result |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---|");
            var raw99 = Percentile(Reads, 0.99);
            foreach (var (name, samples, floored) in new[] { ($"inclusion at the head of {Events / 1000}k", Inclusion, true), ($"consistency between random sizes", Consistency, true), ("raw point read (baseline)", Reads, false) })
            {
                var p99 = Percentile(samples, 0.99);
                text.AppendLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {name} | {samples.Count:N0} | {Percentile(samples, 0.5):0.000} | {p99:0.000} | {p99 / raw99:0.0} | {(floored ? "p99 < 1 ms" : "-")} | {(floored ? (p99 < FloorP99Ms ? "pass" : "FAIL") : "reference")} |"));
            }

            return text.ToString();
        }
    }
}

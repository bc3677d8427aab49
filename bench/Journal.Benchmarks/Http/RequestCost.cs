using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Journal.Benchmarks.Http;

/// <summary>
/// What one GET costs the machine: each read-side endpoint fetched back to back by one client (closed loop), with the
/// process's CPU time, bytes allocated and gen0 collections per request over the run. Client and server share the
/// process, as they share the two cores in <see cref="ReadSideLoad"/>, so the trivial endpoint's row is the floor; two
/// more fixed answers of the transcript page's size (bytes as they are, and 50 records through the serializer)
/// show what moving and writing that much costs without the read model.
/// </summary>
internal static class RequestCost
{
    public static async Task<string> RunAsync(bool quick)
    {
        var requests = quick ? 5_000 : 40_000;
        await using var service = await BenchService.StartAsync().ConfigureAwait(false);
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(30) };
        var session = await HttpSessions.CreateAsync(client).ConfigureAwait(false);
        var transcript = await ReadSideLoad.TranscriptAsync(client).ConfigureAwait(false);
        var canvas = await ReadSideLoad.CanvasAsync(client, session).ConfigureAwait(false);
        var endpoints = new[]
        {
            ("trivial endpoint", BenchService.RawPath),
            ("a fixed body of the transcript page's size", BenchService.BytesPath),
            ("a fixed list of 50 records, serialized", BenchService.ListPath),
            ("GET /v1/sessions/{id}", $"/v1/sessions/{session}"),
            ("GET /v1/sessions/{id}/transcript (a page of 50)", $"/v1/sessions/{transcript}/transcript?limit=50"),
            ("GET /v1/canvases/{id}", $"/v1/canvases/{canvas}"),
        };

        var c = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        report.AppendLine(c, $"Cost per GET, {requests:N0} requests back to back per endpoint (one client, client and server in one process):");
        report.AppendLine();
        report.AppendLine("| endpoint | response bytes | CPU µs / request | allocated bytes / request | gen0 per 1,000 requests | wall µs / request |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, path) in endpoints)
        {
            await FetchAsync(client, path, requests / 4).ConfigureAwait(false);
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: false);
            var gen0 = GC.CollectionCount(0);
            var clock = Stopwatch.StartNew();
            var bytes = await FetchAsync(client, path, requests).ConfigureAwait(false);
            var wall = clock.Elapsed;
            process.Refresh();
            var perRequest = (process.TotalProcessorTime - cpu).TotalMicroseconds / requests;
            report.AppendLine(c, $"| {name} | {bytes:N0} | {perRequest:0} | {(GC.GetTotalAllocatedBytes(precise: false) - allocated) / requests:N0} | {(GC.CollectionCount(0) - gen0) * 1000.0 / requests:0.0} | {wall.TotalMicroseconds / requests:0} |");
        }

        return report.ToString();
    }

    private static async Task<long> FetchAsync(HttpClient client, string path, int count)
    {
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(path).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            bytes = (await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false)).Length;
        }

        return bytes;
    }
}


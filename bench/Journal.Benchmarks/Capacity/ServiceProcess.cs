using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Journal.Benchmarks.Capacity;

/// <summary>
/// The service as a process of its own (<see cref="JournalExecutable"/>) on a data directory, on a free loopback port,
/// no keys (loopback mode), warnings only in its log and the rate limit out of the way. Stopped with SIGTERM, as a
/// supervisor would, so it shuts down cleanly and the next start finds a closed file.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly StringBuilder _output;

    private ServiceProcess(Process process, StringBuilder output, HttpClient client)
    {
        _process = process;
        _output = output;
        Client = client;
    }

    /// <summary>A client on the service's address (the connection the readiness poll opened is reused).</summary>
    public HttpClient Client { get; }

    public int Pid => _process.Id;

    /// <summary>Time from the process's start to the first 200 of <c>/health/ready</c>.</summary>
    public TimeSpan ReadyAfter { get; private set; }

    /// <summary>Starts the service on <paramref name="dataDirectory"/> and returns once <c>/health/ready</c> answers 200.</summary>
    public static async Task<ServiceProcess> StartAsync(JournalExecutable executable, string dataDirectory, CancellationToken ct)
    {
        var port = FreePort();
        var output = new StringBuilder();
        var process = new Process
        {
            StartInfo = executable.StartInfo(Path.GetDirectoryName(dataDirectory)!,
            [
                string.Create(CultureInfo.InvariantCulture, $"--urls=http://127.0.0.1:{port}"),
                $"--Journal:DataDirectory={dataDirectory}",
                "--Journal:RateLimitPerMinute=10000000",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
            ]),
        };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var client = new HttpClient { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")), Timeout = TimeSpan.FromMinutes(10) };
        var started = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, output, client);
        try
        {
            service.ReadyAfter = await WaitUntilReadyAsync(service, started, ct).ConfigureAwait(false);
        }
        catch
        {
            await service.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return service;
    }

    /// <summary>SIGTERM, then waits for the exit (a kill after two minutes).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = NativeMethods.kill(_process.Id, SigTerm);
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await _process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        Client.Dispose();
        _process.Dispose();
    }

    private static async Task<TimeSpan> WaitUntilReadyAsync(ServiceProcess service, Stopwatch started, CancellationToken ct)
    {
        // Polled every 10 ms: the figure is a start of seconds, read to within a hundredth of one.
        while (started.Elapsed < TimeSpan.FromMinutes(20))
        {
            if (service._process.HasExited)
            {
                throw new InvalidOperationException($"the service exited with {service._process.ExitCode}: {service.Output()}");
            }

            try
            {
                using var ready = await service.Client.GetAsync(new Uri("/health/ready", UriKind.Relative), ct).ConfigureAwait(false);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return started.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10, ct).ConfigureAwait(false);
        }

        throw new TimeoutException($"the service did not answer /health/ready within 20 minutes: {service.Output()}");
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int kill(int pid, int signal);
    }
}

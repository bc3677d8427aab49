using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Journal.Testing.Processes;

/// <summary>
/// The real service as a child process on loopback, its output captured for failure messages: to prove what another
/// process sees (file locks, a taken port) and to kill it with SIGKILL like a crash. By default it runs
/// <c>dotnet Journal.Api.dll</c> from the calling test's output directory, so only a test project that references
/// Journal.Api can start it that way.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan LiveWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Address = new Uri($"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    /// <summary>The loopback port the service was told to listen on.</summary>
    public int Port { get; }

    /// <summary>Where the service listens.</summary>
    public Uri Address { get; }

    /// <summary>Everything the process wrote so far, standard output and error together.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>dotnet Journal.Api.dll</c> in <paramref name="workingDirectory"/> over <paramref name="dataDirectory"/> on
    /// <paramref name="port"/>, with <paramref name="extra"/> as further arguments (<c>--Key=value</c> settings, say).
    /// </summary>
    public static ServiceProcess Start(string workingDirectory, string dataDirectory, int port, params string[] extra) =>
        Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "Journal.Api.dll")], workingDirectory, dataDirectory, port, extra);

    /// <summary>Starts the service as <paramref name="program"/> <paramref name="leading"/> (an installed tool, say) over <paramref name="dataDirectory"/>.</summary>
    public static ServiceProcess Start(string program, IEnumerable<string> leading, string workingDirectory, string dataDirectory, int port, params string[] extra)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in leading)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in new[] { "--urls", $"http://127.0.0.1:{port}", $"--Journal:DataDirectory={dataDirectory}" }.Concat(extra))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = info };
        var service = new ServiceProcess(process, port);
        Assert.True(process.Start());
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>A client of the service (no key: the service runs without keys on loopback).</summary>
    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Waits until <c>/health/live</c> answers (30 s at most) and answers a client of the service; fails when the process exits first.</summary>
    public async Task<HttpClient> WaitUntilLiveAsync()
    {
        using var deadline = new CancellationTokenSource(LiveWait);
        try
        {
            await WaitUntilLiveAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"the service did not answer /health/live within {LiveWait.TotalSeconds} s: {Output}");
        }

        return Client();
    }

    /// <summary>Waits until <c>/health/live</c> answers; fails when the process exits first or <paramref name="ct"/> ends the wait.</summary>
    public async Task WaitUntilLiveAsync(CancellationToken ct)
    {
        using var client = Client();
        while (true)
        {
            Assert.False(_process.HasExited, $"the service exited with {(_process.HasExited ? _process.ExitCode : 0)}: {Output}");
            try
            {
                using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), ct);
                if (live.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: ask again.
            }

            await Task.Delay(50, ct);
        }
    }

    /// <summary>Waits for a process expected to stop by itself (60 s at most) and answers its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var deadline = new CancellationTokenSource(ExitWait);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    /// <summary>
    /// Kills the process with SIGKILL, as a crash would (the OS, not the service, lets go of what it held), and
    /// answers its exit code.
    /// </summary>
    public async Task<int> KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        return await WaitForExitAsync();
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the process if it still runs and lets go of it.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Journal.Api.Tests.Hosting;

/// <summary>
/// The service as a child process (<c>dotnet Journal.Api.dll</c>, the build the tests reference), on
/// loopback, with its output captured: to prove what another process sees (file locks, a taken port).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

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

    /// <summary>Starts the service over <paramref name="dataDirectory"/> on <paramref name="port"/>.</summary>
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

    /// <summary>Waits until <c>/health/live</c> answers (30 s at most); fails when the process exits first.</summary>
    public async Task<HttpClient> WaitUntilLiveAsync()
    {
        var client = new HttpClient { BaseAddress = new Uri(Address), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"the service exited with {(_process.HasExited ? _process.ExitCode : 0)}: {Output}");
            try
            {
                using var live = await client.GetAsync("/health/live");
                if (live.StatusCode == HttpStatusCode.OK)
                {
                    return client;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: poll again.
            }

            await Task.Delay(100);
        }

        client.Dispose();
        throw new TimeoutException($"the service did not answer /health/live within 30 s: {Output}");
    }

    /// <summary>Waits for a process expected to stop by itself (60 s at most) and answers its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process, as a crash would: the OS, not the service, lets go of what it held.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await WaitForExitAsync();
    }

    /// <summary>A port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

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

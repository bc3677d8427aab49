using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Journal.Reliability.Tests.Support;

/// <summary>
/// The real service as a child process (<c>dotnet Journal.Api.dll</c>, the build the tests reference) on a
/// loopback port, its output captured for failure messages, so it can be killed with SIGKILL like a crash.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Address = new Uri($"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

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

    /// <summary>Starts the service over <paramref name="dataDirectory"/> on a free port, with <paramref name="settings"/> as <c>--Key=value</c> arguments.</summary>
    public static ServiceProcess Start(string dataDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "Journal.Api.dll"), "--urls", $"http://127.0.0.1:{port}", $"--Journal:DataDirectory={dataDirectory}"];
        foreach (var argument in arguments.Concat(settings.Select(s => $"--{s.Key}={s.Value}")))
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

    /// <summary>Kills the process with SIGKILL, as a crash would, and answers its exit code.</summary>
    public async Task<int> KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

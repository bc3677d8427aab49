using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

namespace Journal.Api.Tests.Http;

/// <summary>The real service process, started with the README's command, called over loopback.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-process-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Service_process_starts_answers_over_loopback_and_stops()
    {
        Directory.CreateDirectory(_directory);
        var port = FreePort();
        var output = new StringBuilder();
        using var process = new Process { StartInfo = StartInfo(port) };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        Assert.True(process.Start());
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            await WaitUntilLiveAsync(client, process, output);

            using var created = await client.PostAsJsonAsync("/v1/sessions", new { principal = "ada", device = "laptop", channel = "cli" });
            using var head = await client.GetAsync("/v1/journal/head");

            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Contains("\"seq\":1", await head.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(_directory, "data", "journal.db")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        lock (output)
        {
            Assert.Contains("loopback only", output.ToString(), StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private ProcessStartInfo StartInfo(int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The README's command, with --no-build: the test run has just built the service.
        foreach (var argument in new[] { "run", "--no-build", "-c", Configuration(), "--project", ServiceProject(), "--", "--urls" })
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        // The test host runs inside MSBuild's environment; a nested `dotnet run` must not inherit it.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBuild", StringComparison.Ordinal) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return info;
    }

    /// <summary>The configuration the tests were built in (the service was built with them).</summary>
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    /// <summary>src/Journal.Api of this repository.</summary>
    private static string ServiceProject()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Journal.sln")))
            {
                return Path.Combine(directory.FullName, "src", "Journal.Api");
            }
        }

        throw new InvalidOperationException("Journal.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task WaitUntilLiveAsync(HttpClient client, Process process, StringBuilder output)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            Assert.False(process.HasExited, $"the service exited with {(process.HasExited ? process.ExitCode : 0)}: {Snapshot(output)}");
            try
            {
                using var live = await client.GetAsync("/health/live");
                if (live.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the service did not answer /health/live within 30 s: {Snapshot(output)}");
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

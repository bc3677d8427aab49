using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Journal.Api.Cli;
using Journal.Api.Hosting;
using Journal.EventStore.Storage;
using Journal.Reliability.Tests.Support;

namespace Journal.Reliability.Tests.Faults;

/// <summary>
/// Bad storage at start-up: a data directory that cannot be created or written stops the service with a
/// message naming the path (never a stack trace), and a tape file with flipped bytes is reported by
/// <c>verify</c> and by start-up instead of being served.
/// </summary>
public sealed class StartupFaultTests : IDisposable
{
    private readonly TestDirectory _directory = new("startup");

    // /proc refuses to create anything, even for root (who ignores a chmod 0500): a genuinely read-only place.
    [Theory]
    [InlineData("/proc/journal-reliability-missing/data", "/proc/journal-reliability-missing/data")]
    [InlineData("/proc/self", "/proc/self/journal.db")]
    public void Start_refuses_a_data_directory_it_cannot_write_and_names_the_path(string dataDirectory, string named)
    {
        var error = Assert.Throws<StorageException>(() => JournalHost.Build([$"--Journal:DataDirectory={dataDirectory}", "--urls", "http://127.0.0.1:0"]));

        Assert.Equal(StorageException.Unavailable, error.Code);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_process_exits_2_with_the_path_and_no_stack_trace_when_the_data_directory_is_read_only()
    {
        var (code, output) = await RunServiceAsync("--Journal:DataDirectory=/proc/journal-reliability-missing/data", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, code);
        Assert.Contains("/proc/journal-reliability-missing/data", output, StringComparison.Ordinal);
        Assert.Contains("storage.unavailable", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_and_start_up_report_a_payload_byte_flipped_in_the_file_with_its_seq()
    {
        await Tapes.CreateAsync(_directory.Tape, 12);
        FlipByteOf(Tapes.Marker(7), offsetInMarker: 9);

        var (code, output, _) = await Tapes.CliAsync("verify", "--db", _directory.Tape);
        var error = Assert.Throws<StorageException>(() => JournalHost.Build([$"--Journal:DataDirectory={_directory.Combine("data")}", "--urls", "http://127.0.0.1:0"]));

        Assert.Equal(ExitCodes.Mismatch, code);
        Assert.StartsWith("broken at seq 7: payload_digest_mismatch", output, StringComparison.Ordinal);
        Assert.Equal(StorageException.Corrupt, error.Code);
        Assert.Contains("broken at seq 7: payload_digest_mismatch", error.Message, StringComparison.Ordinal);
        Assert.Contains(_directory.Tape, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_and_start_up_report_a_damaged_page_instead_of_serving_it()
    {
        await Tapes.CreateAsync(_directory.Tape, 200);
        DamagePageHolding(Tapes.Marker(100));

        var (code, output, error) = await Tapes.CliAsync("verify", "--db", _directory.Tape);
        var refused = Assert.Throws<StorageException>(() => JournalHost.Build([$"--Journal:DataDirectory={_directory.Combine("data")}", "--urls", "http://127.0.0.1:0"]));

        Assert.Equal(ExitCodes.Mismatch, code);
        Assert.Contains("damaged", output + error, StringComparison.Ordinal);
        Assert.Equal(StorageException.Corrupt, refused.Code);
        Assert.Contains(_directory.Tape, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_report_names_the_flipped_position_when_the_service_is_told_to_start_anyway()
    {
        await Tapes.CreateAsync(_directory.Tape, 12);
        FlipByteOf(Tapes.Marker(5), offsetInMarker: 3);

        await using var host = ServiceHost.Start(_directory.Combine("data"), new Dictionary<string, string> { ["Journal:StartWithBrokenTape"] = "true" });
        using var reader = host.Reader();
        var health = await reader.GetFromJsonAsync<JsonElement>("/v1/journal/health");

        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var mismatch = health.GetProperty("verification").GetProperty("report").GetProperty("firstMismatch");
        Assert.Equal(5, mismatch.GetProperty("seq").GetInt64());
        Assert.Equal("payload_digest_mismatch", mismatch.GetProperty("code").GetString());
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("broken at seq 5", StringComparison.Ordinal));
    }

    public void Dispose() => _directory.Dispose();

    private void FlipByteOf(string marker, int offsetInMarker)
    {
        var bytes = File.ReadAllBytes(_directory.Tape);
        var at = IndexOf(bytes, Encoding.UTF8.GetBytes(marker));
        bytes[at + offsetInMarker] ^= 0x20;
        File.WriteAllBytes(_directory.Tape, bytes);
    }

    /// <summary>Overwrites the b-tree page header (type byte and cell count) of the page holding <paramref name="marker"/>.</summary>
    private void DamagePageHolding(string marker)
    {
        var bytes = File.ReadAllBytes(_directory.Tape);
        var pageSize = (bytes[16] << 8) | bytes[17];
        pageSize = pageSize == 1 ? 65536 : pageSize;
        var page = IndexOf(bytes, Encoding.UTF8.GetBytes(marker)) / pageSize * pageSize;
        for (var i = 0; i < 8; i++)
        {
            bytes[page + i] = 0xA5;
        }

        File.WriteAllBytes(_directory.Tape, bytes);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        var at = haystack.AsSpan().IndexOf(needle);
        Assert.True(at >= 0, "the marker is not in the file (was the WAL checkpointed?)");
        return at;
    }

    private static async Task<(int Code, string Output)> RunServiceAsync(params string[] args)
    {
        var dll = Path.Combine(Repository.Root, "src", "Journal.Api", "bin", Repository.Configuration, "net10.0", "Journal.Api.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var argument in args)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }
}

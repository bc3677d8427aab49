using Journal.Testing.Processes;

namespace Journal.Api.Tests.Hosting;

/// <summary>A service started on a port another process listens on stops at once, naming the address, before any work on its data.</summary>
public sealed class PortInUseTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-port-tests", Guid.NewGuid().ToString("N"));

    public PortInUseTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task Second_service_on_a_taken_port_exits_2_naming_the_address_and_never_touches_its_data_directory()
    {
        var port = ServiceProcess.FreePort();
        await using var first = ServiceProcess.Start(_directory, Path.Combine(_directory, "first"), port);
        using var client = await first.WaitUntilLiveAsync();
        var secondData = Path.Combine(_directory, "second");

        await using var second = ServiceProcess.Start(_directory, secondData, port);
        var code = await second.WaitForExitAsync();

        Assert.True(code == 2, $"exit {code}: {second.Output}");
        Assert.Contains($"http://127.0.0.1:{port}", second.Output, StringComparison.Ordinal);
        Assert.Single(DataDirectoryLockTests.Lines(second.Output));
        Assert.False(Directory.Exists(secondData), "the data directory was created before the port was checked");
        using var live = await client.GetAsync("/health/live");
        Assert.True(live.IsSuccessStatusCode);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

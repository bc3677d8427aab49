using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Journal.EventStore;
using Journal.Reliability.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Reliability.Tests.Fuzz;

/// <summary>
/// Request targets an HTTP client would normalise or refuse to send (raw <c>../</c>, NUL, encoded dots and
/// slashes, bad percent escapes), written byte for byte to the real Kestrel: never a 5xx, never a write.
/// </summary>
public sealed class KestrelPathTests : IAsyncLifetime
{
    private readonly TestDirectory _directory = new("kestrel-paths");
    private KestrelHost _host = null!;

    public static TheoryData<string, string> Targets => new()
    {
        { "GET", "/v1/sessions/../../../../etc/passwd" },
        { "GET", "/v1/sessions/%00" },
        { "GET", "/v1/sessions/a%00b/transcript" },
        { "GET", "/v1/sessions/%2e%2e%2f%2e%2e%2fetc%2fpasswd" },
        { "GET", "/v1/workspace/documents/..%2f..%2fdata%2fjournal.db" },
        { "GET", "/v1/journal/events?from=%00&limit=%ff" },
        { "GET", "/v1/workspace/search?q=%22%00NEAR(%2a" },
        { "GET", "/%zz" },
        { "GET", "/v1/sessions/%c0%ae%c0%ae/" },
        { "POST", "/v1/sessions/../admin/projections/rebuild" },
        { "POST", "/v1/sessions/%00/transcript" },
        { "PUT", "/v1/workspace/documents/%2e%2e" },
        { "DELETE", "/v1/workspace/documents/..%5c..%5cx" },
    };

    public async Task InitializeAsync() => _host = await KestrelHost.StartAsync(_directory.Combine("data"));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Kestrel_answers_a_hostile_raw_target_without_a_5xx_or_a_write(string method, string target)
    {
        var tape = _host.Services.GetRequiredService<SqliteEventStore>();
        var before = (await tape.ReadHeadAsync(CancellationToken.None)).Seq;

        var status = await SendRawAsync(method, target, method == "GET" ? null : "{\"kind\":\"UserMessage\",\"text\":\"x\",\"content\":\"y\"}");

        Assert.InRange(status, 200, 499);
        if (status >= 400)
        {
            Assert.Equal(before, (await tape.ReadHeadAsync(CancellationToken.None)).Seq);
        }
    }

    private async Task<int> SendRawAsync(string method, string target, string? body)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_host.Address.Host, _host.Address.Port, deadline.Token);
        await using var stream = tcp.GetStream();
        var bytes = Encoding.UTF8.GetBytes(body ?? string.Empty);
        var head = $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
            (body is null ? string.Empty : $"Content-Type: application/json\r\nContent-Length: {bytes.Length}\r\n") + "\r\n";
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head), deadline.Token);
        await stream.WriteAsync(bytes, deadline.Token);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var statusLine = await reader.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("no answer");
        return int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Journal.Api.Tests.Telemetry;

/// <summary>A stand-in OTLP/HTTP collector on a free loopback port: answers every export with 200 and hands the tests what arrived.</summary>
internal sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();

    public OtlpCollector()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Endpoint = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
    }

    /// <summary>The address to configure as the OTLP endpoint.</summary>
    public string Endpoint { get; }

    /// <summary>Answers each export until one's path and body satisfy <paramref name="done"/>, and returns that one.</summary>
    public async Task<(string Path, string? ContentType, string Body)> ReceiveUntilAsync(Func<string, string, bool> done)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var context = await _listener.GetContextAsync().WaitAsync(deadline.Token);
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer, deadline.Token);
            var body = Encoding.UTF8.GetString(buffer.ToArray());
            var path = context.Request.Url!.AbsolutePath;
            var contentType = context.Request.ContentType;
            context.Response.StatusCode = 200;
            context.Response.Close();
            if (done(path, body))
            {
                return (path, contentType, body);
            }
        }
    }

    public void Dispose() => _listener.Close();
}

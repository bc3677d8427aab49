using System.Text;

namespace Journal.Api.Tests.Http.Support;

/// <summary>One Server-Sent Event.</summary>
public sealed record SseEvent(string? Id, string? Type, string Data);

/// <summary>Reads a text/event-stream response, each read bounded by a timeout (never a sleep).</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>The comment lines seen so far (heartbeats).</summary>
    public List<string> Comments { get; } = [];

    /// <summary>The next event; comments are collected on the way.</summary>
    public async Task<SseEvent> NextAsync()
    {
        string? id = null;
        string? type = null;
        var data = new StringBuilder();
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("the event stream ended");
            if (line.Length == 0)
            {
                if (data.Length > 0 || id is not null)
                {
                    return new SseEvent(id, type, data.ToString());
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                Comments.Add(line[1..].Trim());
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line[6..]);
            }
        }
    }

    /// <summary>Reads until a comment equal to <paramref name="comment"/> arrives.</summary>
    public async Task WaitForCommentAsync(string comment)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!Comments.Contains(comment))
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("the event stream ended");
            if (line.StartsWith(':'))
            {
                Comments.Add(line[1..].Trim());
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}

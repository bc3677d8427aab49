using System.Text;
using Journal.Domain.ToolJobs;
using Journal.Projections.ToolJobs;

namespace Journal.ControlRoom.Sessions;

/// <summary>A run of output from one stream, as shown.</summary>
/// <param name="Stream">Stdout or stderr.</param>
/// <param name="Text">The text, as written (never interpreted as markup).</param>
public sealed record TailSegment(ToolOutputStream Stream, string Text);

/// <summary>
/// The end of a tool job's output tail as a page shows it: at most <see cref="MaxBytes"/> UTF-8 bytes of the newest
/// output, with adjacent chunks of the same stream joined, so stdout and stderr stay told apart.
/// </summary>
/// <param name="Segments">The runs of one stream each, oldest first.</param>
/// <param name="ShownBytes">The UTF-8 bytes shown.</param>
/// <param name="TailBytes">The UTF-8 bytes of the whole tail the read model keeps.</param>
public sealed record OutputTail(IReadOnlyList<TailSegment> Segments, long ShownBytes, long TailBytes)
{
    /// <summary>The most output shown per job: the last 4 KiB.</summary>
    public const int MaxBytes = 4096;

    /// <summary>Whether older output of the tail was left out.</summary>
    public bool Cut => ShownBytes < TailBytes;

    /// <summary>The last <paramref name="maxBytes"/> bytes of <paramref name="job"/>'s tail.</summary>
    public static OutputTail Of(ToolJobView job, int maxBytes = MaxBytes)
    {
        var kept = new List<TailSegment>();
        var budget = (long)maxBytes;
        for (var i = job.Tail.Count - 1; i >= 0 && budget > 0; i--)
        {
            var chunk = job.Tail[i];
            var text = chunk.ByteCount <= budget ? chunk.Text : LastBytes(chunk.Text, (int)budget);
            budget -= Encoding.UTF8.GetByteCount(text);
            if (kept.Count > 0 && kept[^1].Stream == chunk.Stream)
            {
                kept[^1] = kept[^1] with { Text = text + kept[^1].Text };
            }
            else
            {
                kept.Add(new TailSegment(chunk.Stream, text));
            }
        }

        kept.Reverse();
        return new OutputTail(kept, maxBytes - budget, job.TailBytes);
    }

    /// <summary>The longest end of <paramref name="text"/> within <paramref name="bytes"/> UTF-8 bytes, never splitting a character.</summary>
    private static string LastBytes(string text, int bytes)
    {
        var start = text.Length;
        var used = 0;
        while (start > 0)
        {
            var from = start - 1;
            if (char.IsLowSurrogate(text[from]) && from > 0 && char.IsHighSurrogate(text[from - 1]))
            {
                from--;
            }

            var size = Encoding.UTF8.GetByteCount(text.AsSpan(from, start - from));
            if (used + size > bytes)
            {
                break;
            }

            used += size;
            start = from;
        }

        return text[start..];
    }
}

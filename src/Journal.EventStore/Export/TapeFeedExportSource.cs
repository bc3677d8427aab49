using System.Runtime.CompilerServices;
using Journal.Domain.Tape;
using Journal.EventStore.Ports;

namespace Journal.EventStore.Export;

/// <summary>Any backend's tape as an export source, read through its ports page by page.</summary>
/// <param name="feed">The tape's rows.</param>
/// <param name="inspection">The tape's identity.</param>
/// <param name="pageSize">Rows per page.</param>
public sealed class TapeFeedExportSource(ITapeFeed feed, ITapeInspection inspection, int pageSize = 1024) : ITapeExportSource
{
    /// <inheritdoc />
    public Guid? JournalId => inspection.JournalId;

    /// <inheritdoc />
    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromSeq, [EnumeratorCancellation] CancellationToken ct)
    {
        var next = Math.Max(1, fromSeq);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var page = feed.ReadPage(next, pageSize);
            foreach (var recorded in page)
            {
                yield return recorded;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            next = page[^1].Seq + 1;
            await Task.Yield();
        }
    }
}

using System.Reactive.Subjects;
using Bunit;
using Journal.ControlRoom.Tape;
using Journal.Domain.Tape;
using Journal.EventStore.Ports;
using Journal.EventStore.Reading;
using Journal.EventStore.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.ControlRoom.Tests.Components;

/// The Tape page's live tail: bounded, newest first, reading only what is new at each wake-up.
public sealed class LiveTailTests : BunitContext
{
    private readonly GrowingTape _tape = new();

    public LiveTailTests()
    {
        Services.AddSingleton<ITapeFeed>(_tape);
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void Advancing_reads_only_the_events_after_the_newest_shown_and_keeps_the_rows_it_had()
    {
        _tape.Append(13);
        var shown = TailRow.Advance([], 10, 50, _tape.ReadPage)!;
        _tape.Reads.Clear();

        var advanced = TailRow.Advance(shown, 13, 50, _tape.ReadPage)!;

        Assert.Equal([(11L, 3)], _tape.Reads);
        Assert.Equal([13L, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1], advanced.Select(r => r.Seq));
        Assert.Same(shown[0], advanced[3]);
    }

    [Fact]
    public void Advancing_far_behind_reads_only_the_newest_rows_the_tail_shows()
    {
        _tape.Append(1_000);
        var shown = TailRow.Advance([], 5, 50, _tape.ReadPage)!;
        _tape.Reads.Clear();

        var advanced = TailRow.Advance(shown, 1_000, 50, _tape.ReadPage)!;

        Assert.Equal([(951L, 50)], _tape.Reads);
        Assert.Equal(50, advanced.Count);
        Assert.Equal((1_000L, 951L), (advanced[0].Seq, advanced[^1].Seq));
    }

    [Fact]
    public void Advancing_with_nothing_new_reads_nothing()
    {
        _tape.Append(3);
        var shown = TailRow.Advance([], 3, 50, _tape.ReadPage)!;
        _tape.Reads.Clear();

        Assert.Null(TailRow.Advance(shown, 3, 50, _tape.ReadPage));
        Assert.Empty(_tape.Reads);
    }

    [Fact]
    public void The_tail_shows_the_newest_fifty_and_follows_commits()
    {
        _tape.Append(60);

        var tail = Render<LatestEvents>();
        Assert.Equal(50, tail.FindAll("tbody tr").Count);
        Assert.Equal("60", tail.Find("tbody tr").GetAttribute("data-seq"));

        _tape.Append(75);
        _tape.Commit(75);

        tail.WaitForAssertion(() => Assert.Equal("75", tail.Find("tbody tr").GetAttribute("data-seq")));
        Assert.Equal(50, tail.FindAll("tbody tr").Count);
        Assert.Equal("26", tail.FindAll("tbody tr")[^1].GetAttribute("data-seq"));
        Assert.Contains("test.happened.v1", tail.Find("tbody tr").TextContent, StringComparison.Ordinal);
        Assert.Contains("writer-app", tail.Find("tbody tr").TextContent, StringComparison.Ordinal);
    }

    /// A tape whose events the test appends and whose commits it announces; it records each page read.
    private sealed class GrowingTape : ITapeFeed, IDisposable
    {
        private readonly Subject<long> _committed = new();
        private readonly List<RecordedEvent> _events = [];

        public List<(long From, int Limit)> Reads { get; } = [];

        public IObservable<long> Committed => _committed;

        public PayloadSerializer Serializer => throw new NotSupportedException();

        public void Append(long upTo)
        {
            lock (_events)
            {
                for (var seq = _events.Count + 1; seq <= upTo; seq++)
                {
                    _events.Add(new RecordedEvent(seq, Guid.NewGuid(), $"session-{seq % 3}", seq, "test.happened.v1", 1_700_000_000_000 + seq, new EventMetadata("writer-app"), null, new byte[32], new byte[32], new byte[32]));
                }
            }
        }

        public void Commit(long seq) => _committed.OnNext(seq);

        public IReadOnlyList<RecordedEvent> ReadPage(long fromSeq, int limit)
        {
            lock (_events)
            {
                Reads.Add((fromSeq, limit));
                return [.. _events.Where(e => e.Seq >= fromSeq).Take(limit)];
            }
        }

        public Task<TapeHead> ReadHeadAsync(CancellationToken ct)
        {
            lock (_events)
            {
                return Task.FromResult(new TapeHead(_events.Count, ReadOnlyMemory<byte>.Empty));
            }
        }

        public TapeStats ReadStats() => new(_events.Count, 3, 0);

        public IReadOnlyList<EventTypeCount> ReadTypeCounts() => [];

        public void Dispose() => _committed.Dispose();
    }
}

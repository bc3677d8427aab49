using Journal.EventStore.Ports;
using Microsoft.Extensions.Logging;

namespace Journal.EventStore.Merkle.Tree;

/// <summary>
/// The tape's Merkle tree over a backend's node store: a <see cref="TreeBuilder"/> keeps the store up with the
/// commits, and each root or proof is built from the nodes it needs (read in one call) and at most two short tape
/// range reads, so it costs O(log n) reads whatever the tape's size. A question about a size the builder has not
/// reached waits (cancellably) for it.
/// </summary>
public sealed class TapeTree : ITapeTree, IAsyncDisposable
{
    private readonly ITreeNodeStore _store;
    private readonly ITapeHashSource _tape;
    private readonly TreeBuilder _builder;
    private readonly SubtreeReads _reads;
    private long _head;

    /// <summary>Opens the tree of <paramref name="tape"/> kept in <paramref name="store"/> (owned: disposed with the tree) and starts its builder.</summary>
    public TapeTree(ITreeNodeStore store, ITapeHashSource tape, IObservable<long> committed, ILogger logger, TreeBuilderOptions? options = null)
    {
        _store = store;
        _tape = tape;
        _builder = new TreeBuilder(store, tape, logger, options);
        _reads = new SubtreeReads(store, tape);
        _builder.Start(new HeadTracker(committed, this));
    }

    /// <inheritdoc />
    public long BuiltSize => _builder.BuiltSize;

    /// <summary>The builder's failures since the tree was opened (each logged and retried).</summary>
    public int BuildFailures => _builder.Failures;

    /// <inheritdoc />
    public async Task<TreeHead> HeadAsync(long size, CancellationToken ct)
    {
        if (size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "a tree size is 0 or more");
        }

        await WithinHeadAsync(size, nameof(size), ct).ConfigureAwait(false);
        if (size == 0)
        {
            return new TreeHead(0, MerkleHash.EmptyRoot());
        }

        var whole = new SubtreeRange(0, size);
        var source = await ReadAsync(size, whole.PerfectParts(), ct).ConfigureAwait(false);
        return new TreeHead(size, MerkleProofs.Root(size, source));
    }

    /// <inheritdoc />
    public async Task<InclusionProof> InclusionAsync(long seq, long treeSize, CancellationToken ct)
    {
        if (seq < 1 || seq > treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(seq), seq, $"an inclusion proof needs 1 <= seq <= treeSize (treeSize is {treeSize})");
        }

        await WithinHeadAsync(treeSize, nameof(treeSize), ct).ConfigureAwait(false);
        var ranges = new List<SubtreeRange>(ProofPlan.Inclusion(seq - 1, treeSize)) { new(0, treeSize) };
        var source = await ReadAsync(treeSize, ranges.SelectMany(r => r.PerfectParts()), ct).ConfigureAwait(false);
        return MerkleProofs.Inclusion(seq - 1, treeSize, source);
    }

    /// <inheritdoc />
    public async Task<ConsistencyProof> ConsistencyAsync(long fromSize, long toSize, CancellationToken ct)
    {
        if (fromSize < 1 || fromSize > toSize)
        {
            throw new ArgumentOutOfRangeException(nameof(fromSize), fromSize, $"a consistency proof needs 0 < fromSize <= toSize (toSize is {toSize})");
        }

        await WithinHeadAsync(toSize, nameof(toSize), ct).ConfigureAwait(false);
        var ranges = new List<SubtreeRange>(ProofPlan.Consistency(fromSize, toSize)) { new(0, fromSize), new(0, toSize) };
        var source = await ReadAsync(toSize, ranges.SelectMany(r => r.PerfectParts()), ct).ConfigureAwait(false);
        return MerkleProofs.Consistency(fromSize, toSize, source);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _builder.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Refuses a size beyond the tape's head; the head is read only when the size is past the last one heard.</summary>
    private async Task WithinHeadAsync(long size, string name, CancellationToken ct)
    {
        if (size <= Interlocked.Read(ref _head))
        {
            return;
        }

        var head = await _tape.ReadHeadAsync(ct).ConfigureAwait(false);
        Heard(head);
        if (size > head)
        {
            throw new ArgumentOutOfRangeException(name, size, $"the tree size {size} is beyond the tape's head ({head} events)");
        }
    }

    private async Task<IPerfectSubtrees> ReadAsync(long size, IEnumerable<SubtreeRange> ranges, CancellationToken ct)
    {
        await _builder.WaitForAsync(StoredLevels.Floor(size), ct).ConfigureAwait(false);
        return await _reads.ReadAsync(ranges, ct).ConfigureAwait(false);
    }

    private void Heard(long head) => AtomicMax.Raise(ref _head, head);

    /// <summary>Remembers each commit's position as the tape's head before passing it on to the builder.</summary>
    private sealed class HeadTracker(IObservable<long> committed, TapeTree tree) : IObservable<long>
    {
        public IDisposable Subscribe(IObserver<long> observer) => committed.Subscribe(new Relay(observer, tree));

        private sealed class Relay(IObserver<long> next, TapeTree tree) : IObserver<long>
        {
            public void OnCompleted() => next.OnCompleted();

            public void OnError(Exception error) => next.OnError(error);

            public void OnNext(long value)
            {
                tree.Heard(value);
                next.OnNext(value);
            }
        }
    }
}

using Microsoft.Extensions.Logging;

namespace Journal.EventStore.Merkle.Tree;

/// <summary>
/// Follows the tape's commits and stores every complete subtree of 16 leaves and more as it closes, in batches read
/// from the tape's hash column (one transaction of the store per batch). Outside the writer's transaction: the append
/// path is untouched and an existing tape is built in the background after a start. At its first run it checks the
/// store against the tape (same journal, same hash at the built size) and rebuilds a store it cannot trust. Its
/// failures are logged and retried; they never reach the service.
/// </summary>
public sealed class TreeBuilder : IAsyncDisposable
{
    private readonly ITreeNodeStore _store;
    private readonly ITapeHashSource _tape;
    private readonly ILogger _logger;
    private readonly TreeBuilderOptions _options;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TreeNode> _closed = [];
    private readonly byte[][] _buffers;
    private readonly ChunkHasher _hasher = new();
    private IDisposable? _subscription;
    private Task _run = Task.CompletedTask;
    private TaskCompletionSource _advanced = NewSignal();
    private TreeFrontier? _frontier;
    private long _built;
    private long _knownHead;
    private long _demand;

    /// <summary>A builder of <paramref name="store"/> from <paramref name="tape"/>; <see cref="Start"/> sets it going.</summary>
    public TreeBuilder(ITreeNodeStore store, ITapeHashSource tape, ILogger logger, TreeBuilderOptions? options = null)
    {
        _store = store;
        _tape = tape;
        _logger = logger;
        _options = options ?? new TreeBuilderOptions();
        if (_options.BatchLeaves < StoredLevels.ChunkLeaves || _options.BatchLeaves % StoredLevels.ChunkLeaves != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.BatchLeaves, "a batch is a positive multiple of 16 leaves");
        }

        _buffers = [new byte[_options.BatchLeaves * MerkleHash.Size], new byte[_options.BatchLeaves * MerkleHash.Size]];
    }

    /// <summary>Leaves whose complete subtrees are stored (a multiple of 16).</summary>
    public long BuiltSize => Interlocked.Read(ref _built);

    /// <summary>Times the builder failed and retried since it started (a seam for tests and health).</summary>
    public int Failures { get; private set; }

    /// <summary>Starts following <paramref name="committed"/> (the highest position of each commit) in the background.</summary>
    public void Start(IObservable<long> committed)
    {
        _subscription = committed.Subscribe(new CommitObserver(this));
        _run = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Tells the builder the tape has reached <paramref name="head"/>.</summary>
    public void Reached(long head)
    {
        AtomicMax.Raise(ref _knownHead, head);

        if (StoredLevels.Floor(head) - BuiltSize >= _options.CoalesceLeaves)
        {
            Wake();
        }
    }

    /// <summary>A question waits for <paramref name="size"/>: build up to it now, without waiting for more commits.</summary>
    private void Demand(long size)
    {
        Reached(size);
        AtomicMax.Raise(ref _demand, size);

        Wake();
    }

    /// <summary>Completes once <see cref="BuiltSize"/> reaches <paramref name="size"/>.</summary>
    public async Task WaitForAsync(long size, CancellationToken ct)
    {
        while (true)
        {
            var advanced = Volatile.Read(ref _advanced);
            if (BuiltSize >= size)
            {
                return;
            }

            Demand(size);
            await advanced.Task.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting: nothing to finish.
        }

        _stop.Dispose();
        _wake.Dispose();
        _hasher.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        var due = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                _frontier ??= await OpenAsync(ct).ConfigureAwait(false);
                var gap = StoredLevels.Floor(Interlocked.Read(ref _knownHead)) - _frontier.Size;
                if (gap > 0 && (due || gap >= _options.CoalesceLeaves || Interlocked.Read(ref _demand) > _frontier.Size))
                {
                    await CatchUpAsync(_frontier, ct).ConfigureAwait(false);
                    failures = 0;
                    due = false;
                    continue;
                }

                failures = 0;

                // A few closed chunks wait a moment for more (one transaction for many commits); nothing pending waits for
                // a commit, a question, or the poll.
                if (!await _wake.WaitAsync(gap > 0 ? _options.CoalesceDelay : _options.PollInterval, ct).ConfigureAwait(false))
                {
                    if (gap > 0)
                    {
                        due = true;
                    }
                    else
                    {
                        Reached(await _tape.ReadHeadAsync(ct).ConfigureAwait(false));
                        due = true;
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The store or the tape failed mid-batch: start again from what the store holds.
                _frontier = null;
                failures++;
                Failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(_options.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 10)), _options.MaxRetryDelay.TotalMilliseconds));
                _logger.LogWarning(ex, "the Merkle tree could not be built past {BuiltSize} leaves (failure {Failures}); retrying in {Delay} ms", BuiltSize, failures, delay.TotalMilliseconds);
                await Task.Delay(delay, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The frontier the store holds, after checking it was built from this tape; a store it cannot trust is emptied.</summary>
    private async Task<TreeFrontier> OpenAsync(CancellationToken ct)
    {
        Reached(await _tape.ReadHeadAsync(ct).ConfigureAwait(false));
        var state = await _store.ReadStateAsync(ct).ConfigureAwait(false);
        if (state is null || state.BuiltSize == 0)
        {
            return Publish(TreeFrontier.Empty());
        }

        var why = await DistrustAsync(state, ct).ConfigureAwait(false);
        if (why is null)
        {
            try
            {
                var edge = await _store.ReadNodesAsync(TreeFrontier.Keys(state.BuiltSize).ToArray(), ct).ConfigureAwait(false);
                return Publish(TreeFrontier.Load(state.BuiltSize, edge));
            }
            catch (InvalidDataException ex)
            {
                why = ex.Message;
            }
        }

        _logger.LogWarning("the stored Merkle tree ({BuiltSize} leaves) is rebuilt from the tape: {Reason}", state.BuiltSize, why);
        await _store.ResetAsync(ct).ConfigureAwait(false);
        Interlocked.Exchange(ref _built, 0);
        return TreeFrontier.Empty();
    }

    private async Task<string?> DistrustAsync(TreeState state, CancellationToken ct)
    {
        if (state.JournalId != _tape.JournalId)
        {
            return $"it was built from journal {state.JournalId}, the tape is journal {_tape.JournalId}";
        }

        var hash = new byte[MerkleHash.Size];
        if (await _tape.ReadHashesAsync(state.BuiltSize, 1, hash, ct).ConfigureAwait(false) == 0)
        {
            return $"the tape has no event at seq {state.BuiltSize}";
        }

        return state.BuiltHash is { } built && built.AsSpan().SequenceEqual(hash)
            ? null
            : $"the tape's hash at seq {state.BuiltSize} is not the one the tree was built on (the tape was replaced or rewritten)";
    }

    /// <summary>
    /// Builds up to the known head, batch by batch: the next batch's hashes are read while this one's are hashed, then
    /// this batch's nodes and state are written in one transaction.
    /// </summary>
    private async Task CatchUpAsync(TreeFrontier frontier, CancellationToken ct)
    {
        var target = StoredLevels.Floor(Interlocked.Read(ref _knownHead));
        var turn = 0;
        Task<int>? pending = Read(frontier.Size, target, _buffers[0], ct);
        try
        {
            while (pending is not null)
            {
                var read = await pending.ConfigureAwait(false);
                pending = null;
                var hashes = _buffers[turn];
                var chunks = read / StoredLevels.ChunkLeaves;
                if (chunks == 0)
                {
                    return;
                }

                turn ^= 1;
                pending = Read(frontier.Size + (chunks * StoredLevels.ChunkLeaves), target, _buffers[turn], ct);
                var roots = ChunkRoots(hashes, chunks);
                _closed.Clear();
                foreach (var root in roots)
                {
                    frontier.Push(root, _closed);
                }

                var last = hashes.AsSpan(((chunks * StoredLevels.ChunkLeaves) - 1) * MerkleHash.Size, MerkleHash.Size).ToArray();
                await _store.WriteAsync(_closed, new TreeState(frontier.Size, _tape.JournalId, last), ct).ConfigureAwait(false);
                Publish(frontier);
            }
        }
        finally
        {
            if (pending is not null)
            {
                // A failed batch leaves the read of the next one running into a buffer the retry reuses: let it end.
                await pending.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads the hashes after <paramref name="built"/> leaves, up to a batch or the target; null when no whole chunk is left.</summary>
    private Task<int>? Read(long built, long target, byte[] buffer, CancellationToken ct)
    {
        var want = (int)Math.Min(_options.BatchLeaves, target - built);
        return want < StoredLevels.ChunkLeaves ? null : Task.Run(() => _tape.ReadHashesAsync(built + 1, want, buffer, ct), ct);
    }

    /// <summary>
    /// The roots of a batch's chunks, on this thread: the read of the next batch runs on another core meanwhile, and
    /// spreading the hashing over the cores as well only made the two compete (issue 23, docs/benchmarks.md).
    /// </summary>
    private byte[][] ChunkRoots(byte[] hashes, int chunks)
    {
        var roots = new byte[chunks][];
        for (var c = 0; c < chunks; c++)
        {
            roots[c] = _hasher.Root(hashes, c * StoredLevels.ChunkLeaves, StoredLevels.ChunkLeaves);
        }

        return roots;
    }

    private TreeFrontier Publish(TreeFrontier frontier)
    {
        Interlocked.Exchange(ref _built, frontier.Size);
        var signal = Interlocked.Exchange(ref _advanced, NewSignal());
        signal.TrySetResult();
        return frontier;
    }

    private sealed class CommitObserver(TreeBuilder builder) : IObserver<long>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(long value) => builder.Reached(value);
    }
}

/// <summary>How the builder paces itself.</summary>
public sealed record TreeBuilderOptions
{
    /// <summary>Leaves read and stored per transaction (a multiple of 16).</summary>
    public int BatchLeaves { get; init; } = 16 * 1024;

    /// <summary>
    /// Closed leaves that wake the builder at once (default 1,024); fewer wait up to <see cref="CoalesceDelay"/> for
    /// more commits, so that the builder writes one transaction for many small commits. A question waiting for a size
    /// wakes it at once whatever the count.
    /// </summary>
    public int CoalesceLeaves { get; init; } = 1024;

    /// <summary>How long closed leaves fewer than <see cref="CoalesceLeaves"/> wait for more.</summary>
    public TimeSpan CoalesceDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often an idle builder reads the tape's head, in case a commit was not heard.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The first wait after a failure; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between retries.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}

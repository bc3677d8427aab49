using System.Globalization;
using Journal.EventStore.Sql;
using Npgsql;

namespace Journal.EventStore.Postgres;

/// <summary>
/// Hears the commits of every instance writing the tape: <c>LISTEN journal_tape</c> on a connection of its own
/// (each group commit notifies its new head), and a poll of the head whenever nothing was heard for
/// <paramref name="poll"/> or the connection was lost, so a missed notification delays a reader by one poll at
/// most. Reconnects by itself after an outage.
/// </summary>
internal sealed class CommitListener(NpgsqlDataSource dataSource, Action<long> heard, TimeSpan poll, TimeSpan retry) : IAsyncDisposable
{
    private static readonly string ListenSql = SqlText.Load("Postgres/Setup/Listen.sql");
    private static readonly string SelectHeadSeqSql = SqlText.Load("Postgres/Setup/SelectHeadSeq.sql");

    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Whether the listener is connected and listening now.</summary>
    public bool Listening { get; private set; }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException or TimeoutException && !ct.IsCancellationRequested)
            {
                // The server went away; try again after a pause. Until then readers keep what they have. The
                // pool's idle connections died with it: dropped now, not met one failure at a time.
                Listening = false;
                dataSource.Clear();
                await Task.Delay(retry, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        connection.Notification += (_, e) =>
        {
            if (long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            {
                heard(seq);
            }
        };
        await using (var listen = new NpgsqlCommand(ListenSql, connection))
        {
            await listen.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        Listening = true;
        await using var head = new NpgsqlCommand(SelectHeadSeqSql, connection);
        while (true)
        {
            // Listening first, then polling: a commit made between the two is heard or read, never missed.
            heard((long)(await head.ExecuteScalarAsync(ct).ConfigureAwait(false))!);
            while (await connection.WaitAsync(poll, ct).ConfigureAwait(false))
            {
            }
        }
    }
}

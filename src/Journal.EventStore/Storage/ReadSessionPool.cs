using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Storage;

/// <summary>
/// The idle <see cref="ReadSession"/>s of one file. Clearing it (before the file is moved, replaced or
/// deleted) closes the idle ones and marks the lent ones to be closed when they come back, so no
/// handle outlives the file it was opened on.
/// </summary>
internal sealed class ReadSessionPool(Func<SqliteConnection> open, int maxIdle)
{
    private readonly Stack<ReadSession> _idle = new();
    private readonly Lock _lock = new();
    private int _generation;

    public ReadSession Rent()
    {
        int generation;
        lock (_lock)
        {
            if (_idle.TryPop(out var session))
            {
                return session;
            }

            generation = _generation;
        }

        return new ReadSession(this, open(), generation);
    }

    public void Return(ReadSession session)
    {
        lock (_lock)
        {
            if (session.Generation == _generation && _idle.Count < maxIdle)
            {
                _idle.Push(session);
                return;
            }
        }

        session.Close();
    }

    public void Clear()
    {
        ReadSession[] closing;
        lock (_lock)
        {
            _generation++;
            closing = [.. _idle];
            _idle.Clear();
        }

        foreach (var session in closing)
        {
            session.Close();
        }
    }
}

using Journal.EventStore.Serialization;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Runtime;

/// <summary>
/// Applies one page of the tape to the running projections and commits the read-model writes and every
/// checkpoint in one transaction. The page is first applied fast (writes deferred, no savepoints); if that
/// fails it is redone event by event under savepoints, so that one poison event becomes a dead letter
/// instead of blocking everything.
/// </summary>
internal sealed class BatchApply(ReadModelWriter db, PayloadSerializer serializer, CheckpointTable checkpoints, DeadLetterLog deadLetters, IProjectionFaults? faults)
{
    /// <summary>Applies and commits <paramref name="batch"/> for <paramref name="running"/>, moving their checkpoints past it.</summary>
    public void Apply(ReadBatch batch, List<ProjectionCursor> running)
    {
        try
        {
            Commit(batch, running, tolerant: false);
        }
        catch (ProjectionApplyException)
        {
            foreach (var cursor in running)
            {
                cursor.Restore();
            }

            // The redo decodes afresh, so no projection sees a payload object the failed attempt touched.
            batch.ForgetDecoded();
            Commit(batch, running, tolerant: true);
        }
    }

    private void Commit(ReadBatch batch, List<ProjectionCursor> running, bool tolerant)
    {
        foreach (var cursor in running)
        {
            cursor.Mark();
        }

        using var transaction = db.Connection.BeginTransaction(deferred: false);
        db.Transaction = transaction;
        db.DeferWrites = !tolerant;
        try
        {
            for (var i = 0; i < batch.Events.Count; i++)
            {
                var recorded = batch.Events[i];
                foreach (var cursor in running)
                {
                    if (cursor.Stopped || cursor.Position >= recorded.Seq)
                    {
                        continue;
                    }

                    if (cursor.Handles(recorded.EventType))
                    {
                        ApplyOne(cursor, batch, i, tolerant, transaction);
                    }

                    if (!cursor.Stopped)
                    {
                        cursor.Position = recorded.Seq;
                        cursor.LastEventAt = recorded.RecordedAt;
                    }
                }
            }

            if (!tolerant)
            {
                try
                {
                    db.FlushDeferred();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Redone event by event (nothing deferred), which finds the event that cannot be written.
                    throw new ProjectionApplyException(ex);
                }
            }

            foreach (var cursor in running)
            {
                checkpoints.Save(cursor);
            }

            faults?.BeforeCommit(batch.Events[^1].Seq);
            transaction.Commit();
        }
        catch
        {
            db.Discard();
            foreach (var cursor in running)
            {
                cursor.Restore();
            }

            throw;
        }
        finally
        {
            db.DeferWrites = false;
            db.Transaction = null;
        }

        db.TrimCaches();
    }

    private void ApplyOne(ProjectionCursor cursor, ReadBatch batch, int index, bool tolerant, SqliteTransaction transaction)
    {
        db.Replaying = cursor.Replaying;
        var projected = cursor.EveryEvent ? batch.Undecoded(index) : batch.Projected(index, serializer);
        if (!tolerant)
        {
            try
            {
                cursor.Projection.Apply(db, projected);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new ProjectionApplyException(ex);
            }

            return;
        }

        const string savepoint = "projection_event";
        transaction.Save(savepoint);
        try
        {
            cursor.Projection.Apply(db, projected);
            transaction.Release(savepoint);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            transaction.Rollback(savepoint);
            db.InvalidateCaches();
            deadLetters.Record(cursor, batch.Events[index], ex);
        }
    }

    /// <summary>A projection failed in the fast pass: the batch is redone event by event.</summary>
    private sealed class ProjectionApplyException(Exception inner) : Exception(inner.Message, inner);
}

using System.Runtime.InteropServices;
using System.Text;
using Journal.Domain.Memory;
using Journal.Projections.Runtime;
using static Journal.Projections.Shared.ReadModelValues;

namespace Journal.Projections.Memory;

/// <summary>
/// <c>memory.v1</c>: one row per live item (<c>memory_v1_items</c>), its text in an FTS5 index
/// (<c>memory_v1_fts</c>, the only copy of the text in the read model), its vector with provenance
/// (<c>memory_v1_vectors</c>) and a change stamp per principal (<c>memory_v1_principals</c>) that
/// tells the recall cache when to reload. The text indexed is the payload decoded from the tape, so it
/// is the redacted text. With an inline embedding (the default hashing one) an item's vector is written
/// with it; any other model is never called here (a projection must not wait on the network, nor
/// dead-letter an item because a model is down): the item is stored with no vector, pending, and
/// <see cref="MemoryEmbedder"/> embeds it. The tape holds no vector and names no model. A forgotten item
/// leaves every table; the index runs with FTS5's <c>secure-delete</c> option, so its words leave the file too.
/// </summary>
public sealed class MemoryProjection(MemoryEmbeddings embeddings) : IProjection
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "memory.v1";

    /// <inheritdoc />
    public string Name => ProjectionName;

    /// <inheritdoc />
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        "memory.item_added.v1",
        "memory.item_updated.v1",
        "memory.item_forgotten.v1",
    ];

    /// <inheritdoc />
    public void Create(ReadModelWriter db) => db.ExecuteScript(MemorySql.Create);

    /// <inheritdoc />
    public void Apply(ReadModelWriter db, ProjectedEvent e)
    {
        switch (e.Payload)
        {
            case MemoryItemAdded x: Add(db, e, x); break;
            case MemoryItemUpdated x: Update(db, e, x); break;
            case MemoryItemForgotten x: Forget(db, e, x); break;
        }
    }

    private void Add(ReadModelWriter db, ProjectedEvent e, MemoryItemAdded x)
    {
        var id = Id(x.ItemId);
        var rowid = db.Scalar<long?>(
            MemorySql.InsertItem,
            ("$item_id", id),
            ("$principal", x.Principal),
            ("$channel", x.Channel),
            ("$session_id", Id(x.SessionId)),
            ("$tags", MemorySql.Tags(MemoryText.Split(x.Tags))),
            ("$source", x.Source),
            ("$confidence", x.Confidence),
            ("$size_bytes", (long)Encoding.UTF8.GetByteCount(x.Content)),
            ("$at", Ms(x.At)),
            ("$expires_at", Ms(x.ExpiresAt)),
            ("$position", e.Seq));
        if (rowid is not { } itemRowid)
        {
            return;
        }

        db.Execute(MemorySql.InsertFts, ("$item_rowid", itemRowid), ("$content", x.Content));
        if (embeddings.Inline is { } inline)
        {
            var vector = new float[inline.Dimensions];
            inline.Embed(x.Content, vector);
            db.Execute(
                MemorySql.UpsertVector,
                ("$item_rowid", itemRowid),
                ("$model", embeddings.ModelId),
                ("$dimensions", vector.Length),
                ("$vector", MemoryMarshal.AsBytes(vector.AsSpan()).ToArray()),
                ("$at", e.RecordedAt),
                ("$item_id", id));
        }

        Stamp(db, e, x.Principal);
    }

    private static void Update(ReadModelWriter db, ProjectedEvent e, MemoryItemUpdated x)
    {
        db.Execute(
            MemorySql.UpdateItem,
            ("$tags", MemorySql.Tags(MemoryText.Split(x.Tags))),
            ("$confidence", x.Confidence),
            ("$at", Ms(x.At)),
            ("$position", e.Seq),
            ("$item_id", Id(x.ItemId)));
        db.Execute(MemorySql.BumpRemovals, ("$principal", x.Principal), ("$stamp", e.Seq));
        Stamp(db, e, x.Principal);
    }

    private static void Forget(ReadModelWriter db, ProjectedEvent e, MemoryItemForgotten x)
    {
        db.Execute(MemorySql.DeleteItem, ("$item_id", Id(x.ItemId)));
        db.Execute(MemorySql.BumpRemovals, ("$principal", x.Principal), ("$stamp", e.Seq));
        Stamp(db, e, x.Principal);
    }

    private static void Stamp(ReadModelWriter db, ProjectedEvent e, string principal) =>
        db.Upsert(MemorySql.StampPrincipal, principal, [("$principal", principal), ("$stamp", e.Seq)]);
}

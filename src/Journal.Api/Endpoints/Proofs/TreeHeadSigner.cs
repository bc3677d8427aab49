using System.Security.Cryptography;
using Journal.Api.Hosting;
using Journal.EventStore.Checkpoints;
using Journal.EventStore.Ports;

namespace Journal.Api.Endpoints.Proofs;

/// <summary>
/// Signs tree heads as C2SP checkpoint notes with the journal's checkpoint key (<c>Journal:CheckpointKeyPath</c>),
/// loaded once; signs nothing when no key is configured.
/// </summary>
internal sealed class TreeHeadSigner(JournalSettings settings, ITapeInspection inspection) : IDisposable
{
    private readonly Lazy<ECDsa?> _key = new(() => settings.CheckpointKeyPath is { } path ? CheckpointKeys.Load(path) : null);

    /// <summary>The signed note of <paramref name="head"/>; null without a key.</summary>
    public string? Sign(TreeHead head) => _key.Value is { } key
        ? CheckpointNote.Sign(CheckpointSigner.Origin(inspection.JournalId), head.Size, head.Root, key)
        : null;

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value?.Dispose();
        }
    }
}

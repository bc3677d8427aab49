using Journal.EventStore.Codec;

namespace Journal.EventStore.Tests.Codec;

/// <summary>Something that writes to a MessagePack writer.</summary>
internal delegate void WriteAction(ref MessagePackWriter writer);

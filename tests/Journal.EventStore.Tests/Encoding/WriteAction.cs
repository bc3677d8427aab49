using Journal.EventStore.Encoding;

namespace Journal.EventStore.Tests.Encoding;

/// <summary>Something that writes to a MessagePack writer.</summary>
internal delegate void WriteAction(ref MessagePackWriter writer);

namespace Journal.EventStore.Tests.Codec;

/// <summary>Something that writes MessagePack.</summary>
internal delegate void WriteAction(ref TestWriter writer);

namespace Journal.EventStore.Tests.Codec;

internal enum TestValueKind
{
    Nil,
    Boolean,
    Integer,
    Double,
    String,
    Binary,
    Timestamp,
    Extension,
    Array,
    Map,
}

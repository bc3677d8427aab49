namespace Journal.EventStore.Tests.Encoding;

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

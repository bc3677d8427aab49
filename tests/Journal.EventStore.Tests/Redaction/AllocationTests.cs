using Journal.EventStore.Redaction;

namespace Journal.EventStore.Tests.Redaction;

/// <summary>
/// Runs alone: the secret patterns are shared generated regexes, and one that another test is running at
/// the same moment hands this thread a fresh matcher (a real allocation, but not this path's own).
/// </summary>
[Collection(nameof(AllocationCollection))]
public class AllocationTests
{
    [Fact]
    public void IsSensitiveKey_and_RedactText_do_not_allocate_when_nothing_is_secret()
    {
        var redactor = new Redactor(RedactionOptions.Default);
        const string prose = "the key point: max_tokens=256 and https://example.com/a?b=1 with a Bearer token";
        const string command = "llm --max-tokens 256 --tokenizer bpe -v --key-file id.pub --token --verbose -- token";
        Run(redactor, prose); // warm up regex and lookup caches
        Run(redactor, command);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(redactor, prose);
        Run(redactor, command);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void Run(Redactor redactor, string prose)
    {
        for (int i = 0; i < 100; i++)
        {
            Assert.False(redactor.IsSensitiveKey("cache_read_input_tokens"));
            Assert.True(redactor.IsSensitiveKey("XMLHttpToken"));
            Assert.Same(prose, redactor.RedactText(prose, out _));
        }
    }
}

/// <summary>The tests that count allocations, run with no other test beside them.</summary>
[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection;

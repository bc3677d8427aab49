using Journal.EventStore.Redaction;

namespace Journal.EventStore.Tests.Redaction;

/// <summary>
/// Runs alone: the secret patterns are shared generated regexes, and one that another test is running at
/// the same moment hands this thread a fresh matcher (a real allocation, but not this path's own).
/// </summary>
[Collection(nameof(AllocationCollection))]
public class AllocationTests
{
    // A round's count can take in a one-off allocation that is not the path's own (a generated regex
    // that another thread holds hands this thread a fresh matcher; the runtime sets something up on
    // first use). Only a path that allocates per call makes every round allocate, so the quietest
    // round is the measure.
    private const int Rounds = 20;
    private const int IterationsPerText = 100;

    [Fact]
    public void IsSensitiveKey_and_RedactText_do_not_allocate_when_nothing_is_secret()
    {
        var redactor = new Redactor(RedactionOptions.Default);
        const string prose = "the key point: max_tokens=256 and https://example.com/a?b=1 with a Bearer token";
        const string command = "llm --max-tokens 256 --tokenizer bpe -v --key-file id.pub --token --verbose -- token";

        // Both texts pass the trigger search, so every generated regex and the assignment scanner run here
        // and have their matchers and lookups before anything is counted.
        Assert.True(redactor.MightRedactValue(prose));
        Assert.True(redactor.MightRedactValue(command));
        Run(redactor, prose);
        Run(redactor, command);

        var allocated = new long[Rounds];
        for (var round = 0; round < Rounds; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(redactor, prose);
            Run(redactor, command);
            allocated[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(allocated.Min() == 0, $"every round allocated; bytes per round ({IterationsPerText} iterations over each text): {string.Join(", ", allocated)}");
    }

    private static void Run(Redactor redactor, string prose)
    {
        for (int i = 0; i < IterationsPerText; i++)
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

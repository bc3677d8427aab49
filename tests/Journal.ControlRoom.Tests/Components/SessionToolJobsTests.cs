using Bunit;
using Journal.ControlRoom.Sessions;
using Journal.ControlRoom.Tests.Support;
using Journal.Domain.ToolJobs;
using Journal.Projections.Querying;
using Journal.Projections.ToolJobs;

namespace Journal.ControlRoom.Tests.Components;

public sealed class SessionToolJobsTests : ComponentTestBase
{
    private static readonly Guid Session = Guid.NewGuid();
    private readonly List<ToolJobView> _jobs = [];

    public SessionToolJobsTests()
    {
        Mediator.On<ListToolJobsQuery, Page<ToolJobRow>>(_ => new Page<ToolJobRow>(_jobs.Select(j => j.Job).ToList(), null));
        Mediator.On<GetToolJobQuery, ToolJobView>(q => _jobs.Single(j => j.Job.JobId == q.JobId));
    }

    [Fact]
    public void Each_job_shows_its_tool_status_attempts_and_the_end_of_its_output_with_stderr_told_apart()
    {
        var job = ToolJobRows.Job(Session, "shell.exec", ToolJobStatus.Failed, attempt: 3) with { ExitCode = 2, FailureReason = "exit 2" };
        _jobs.Add(ToolJobRows.View(job, ToolJobRows.Chunk(0, ToolOutputStream.Stdout, "building\n"), ToolJobRows.Chunk(1, ToolOutputStream.Stderr, "error: no rule\n")));

        var jobs = Render<SessionToolJobs>(p => p.Add(c => c.SessionId, Session).Add(c => c.Live, false));

        var card = jobs.Find($"[data-job='{job.JobId}']");
        Assert.Contains("shell.exec", card.QuerySelector("h3")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Failed", card.QuerySelector(".badge")!.TextContent);
        Assert.Contains("3 (2 retries)", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("exit 2", card.TextContent, StringComparison.Ordinal);
        var segments = card.QuerySelectorAll("pre.tail > span");
        Assert.Equal(["Stdout", "Stderr"], segments.Select(s => s.GetAttribute("data-stream")));
        Assert.Equal("building\n", segments[0].TextContent);
        Assert.Equal("stderr: error: no rule\n", segments[1].TextContent);
        Assert.Equal(Session, Assert.Single(Mediator.SentOf<ListToolJobsQuery>()).SessionId);
    }

    [Fact]
    public void Output_that_looks_like_markup_stays_text()
    {
        var job = ToolJobRows.Job(Session, "curl");
        _jobs.Add(ToolJobRows.View(job, ToolJobRows.Chunk(0, ToolOutputStream.Stdout, "<script>alert(1)</script><b>bold</b>")));

        var jobs = Render<SessionToolJobs>(p => p.Add(c => c.SessionId, Session).Add(c => c.Live, false));

        var pre = jobs.Find("pre.tail");
        Assert.Equal("<script>alert(1)</script><b>bold</b>", pre.TextContent);
        Assert.Empty(pre.QuerySelectorAll("script, b"));
    }

    [Fact]
    public void A_session_without_tool_jobs_says_so_and_a_job_without_output_too()
    {
        var jobs = Render<SessionToolJobs>(p => p.Add(c => c.SessionId, Session).Add(c => c.Live, false));
        Assert.Contains("No tool jobs.", jobs.Markup, StringComparison.Ordinal);

        _jobs.Add(ToolJobRows.View(ToolJobRows.Job(Session, "make", ToolJobStatus.Queued)));
        var one = Render<SessionToolJobs>(p => p.Add(c => c.SessionId, Session).Add(c => c.Live, false));

        Assert.Contains("No output yet.", one.Find("article").TextContent, StringComparison.Ordinal);
        Assert.Empty(one.FindAll("pre"));
    }

    [Fact]
    public void A_commit_brings_appended_output_reading_again_only_the_job_that_moved_as_of_that_position()
    {
        var moving = ToolJobRows.Job(Session, "pytest", lastPosition: 10);
        var still = ToolJobRows.Job(Session, "ls", ToolJobStatus.Succeeded, lastPosition: 9);
        _jobs.Add(ToolJobRows.View(moving, ToolJobRows.Chunk(0, ToolOutputStream.Stdout, "collected 3 items\n")));
        _jobs.Add(ToolJobRows.View(still, ToolJobRows.Chunk(0, ToolOutputStream.Stdout, "README.md\n")));
        var jobs = Render<SessionToolJobs>(p => p.Add(c => c.SessionId, Session));
        jobs.WaitForAssertion(() => Assert.True(Tape.HasFollowers));
        jobs.WaitForAssertion(() => Assert.Equal(2, Mediator.SentOf<ListToolJobsQuery>().Count()));
        var readsBefore = Mediator.SentOf<GetToolJobQuery>().Count();

        _jobs[0] = ToolJobRows.View(
            moving with { LastPosition = 42 },
            ToolJobRows.Chunk(0, ToolOutputStream.Stdout, "collected 3 items\n"),
            ToolJobRows.Chunk(1, ToolOutputStream.Stderr, "1 failed\n"));
        Tape.Commit(42);

        jobs.WaitForAssertion(() => Assert.Contains("1 failed", jobs.Find($"[data-job='{moving.JobId}'] pre").TextContent, StringComparison.Ordinal));
        var reads = Mediator.SentOf<GetToolJobQuery>().Skip(readsBefore).ToList();
        Assert.Equal((moving.JobId, (long?)42), (Assert.Single(reads).JobId, reads[0].MinPosition));
        Assert.Contains(Mediator.SentOf<ListToolJobsQuery>(), q => q.MinPosition == 42);
    }

    [Fact]
    public async Task Leaving_the_page_stops_following_the_tape()
    {
        var jobs = Render<SessionToolJobs>(p => p.Add(c => c.SessionId, Session));
        jobs.WaitForAssertion(() => Assert.True(Tape.HasFollowers));

        await DisposeComponentsAsync();

        Assert.False(Tape.HasFollowers);
    }
}

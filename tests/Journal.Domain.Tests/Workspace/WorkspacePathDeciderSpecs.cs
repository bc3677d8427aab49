using Journal.Domain.Errors;
using Journal.Domain.Tests.Deciding;
using Journal.Domain.Workspace;
using static Journal.Domain.Tests.Deciding.Moments;

namespace Journal.Domain.Tests.Workspace;

public class WorkspacePathDeciderSpecs
{
    private static readonly Guid D1 = Guid.Parse("66666666-0000-0000-0000-000000000001");
    private static readonly Guid D2 = Guid.Parse("66666666-0000-0000-0000-000000000002");

    private static Spec<WorkspacePathCommand, IWorkspacePathEvent, WorkspacePathState> Path =>
        new(WorkspacePathDecider.Initial, WorkspacePathDecider.Decide, WorkspacePathDecider.Evolve);

    [Fact]
    public void Given_a_free_path_When_claim_Then_claimed_under_its_normal_form() =>
        Path.Given().When(new ClaimWorkspacePath("./docs//plan.md", D1, T0)).Then(new WorkspacePathClaimed("docs/plan.md", D1, T0));

    [Fact]
    public void Given_a_path_held_by_another_document_When_claim_Then_workspace_path_taken() =>
        Path.Given(new WorkspacePathClaimed("docs/plan.md", D1, T0))
            .When(new ClaimWorkspacePath("docs/plan.md", D2, T1))
            .ThenThrows<RuleViolationException>("workspace.path_taken");

    [Fact]
    public void Given_a_path_held_by_the_same_document_When_claim_Then_nothing() =>
        Path.Given(new WorkspacePathClaimed("docs/plan.md", D1, T0)).When(new ClaimWorkspacePath("docs/plan.md", D1, T1)).ThenNothing();

    [Fact]
    public void Given_a_held_path_When_release_by_its_holder_Then_released() =>
        Path.Given(new WorkspacePathClaimed("docs/plan.md", D1, T0))
            .When(new ReleaseWorkspacePath("docs/plan.md", D1, T1))
            .Then(new WorkspacePathReleased("docs/plan.md", D1, T1));

    [Fact]
    public void Given_a_path_held_by_another_document_When_release_Then_workspacepath_not_held() =>
        Path.Given(new WorkspacePathClaimed("docs/plan.md", D1, T0))
            .When(new ReleaseWorkspacePath("docs/plan.md", D2, T1))
            .ThenThrows<RuleViolationException>("workspacepath.not_held");

    [Fact]
    public void Given_a_free_path_When_release_Then_workspacepath_not_held() =>
        Path.Given().When(new ReleaseWorkspacePath("docs/plan.md", D1, T1)).ThenThrows<RuleViolationException>("workspacepath.not_held");

    [Fact]
    public void Given_a_released_path_When_another_document_claims_it_Then_claimed() =>
        Path.Given(new WorkspacePathClaimed("docs/plan.md", D1, T0), new WorkspacePathReleased("docs/plan.md", D1, T1))
            .When(new ClaimWorkspacePath("docs/plan.md", D2, T2))
            .Then(new WorkspacePathClaimed("docs/plan.md", D2, T2));

    [Fact]
    public void Given_a_free_path_When_claim_a_bad_path_Then_validation_names_Path() =>
        Path.Given().When(new ClaimWorkspacePath("/etc/passwd", D1, T0)).ThenInvalid("Path");

    [Fact]
    public void Given_a_free_path_When_claim_for_the_empty_document_Then_validation_names_DocumentId() =>
        Path.Given().When(new ClaimWorkspacePath("a.md", Guid.Empty, T0)).ThenInvalid("DocumentId");
}

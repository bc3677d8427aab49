using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using Journal.Domain.Tests.Deciding;
using Journal.Domain.Workspace;
using static Journal.Domain.Tests.Deciding.Moments;

namespace Journal.Domain.Tests.Workspace;

public class WorkspaceDocumentDeciderSpecs
{
    private static readonly Guid Id = Guid.Parse("66666666-0000-0000-0000-000000000001");
    private static readonly string V1Hash = Sha256Hex.Of("v1");
    private static readonly WorkspaceDocumentCreated Created = new(Id, "docs/plan.md", "v1", V1Hash, 1, T0);
    private static readonly WorkspaceDocumentDeleted Deleted = new(Id, "docs/plan.md", T1);

    private static Spec<WorkspaceDocumentCommand, IWorkspaceDocumentEvent, WorkspaceDocumentState> Document =>
        new(WorkspaceDocumentDecider.Initial, WorkspaceDocumentDecider.Decide, WorkspaceDocumentDecider.Evolve);

    [Fact]
    public void Given_nothing_When_create_Then_created_as_version_1_with_its_hash() =>
        Document.Given().When(new CreateWorkspaceDocument(Id, "./docs//plan.md", "v1", T0)).Then(Created);

    [Fact]
    public void Given_nothing_When_create_empty_Then_created_with_the_empty_hash() =>
        Document.Given()
            .When(new CreateWorkspaceDocument(Id, "empty.txt", "", T0))
            .Then(new WorkspaceDocumentCreated(Id, "empty.txt", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 1, T0));

    [Fact]
    public void Given_created_When_create_again_Then_workspace_document_exists() =>
        Document.Given(Created).When(new CreateWorkspaceDocument(Id, "x.md", "", T1)).ThenThrows<RuleViolationException>("workspace.document_exists");

    public static TheoryData<string, CreateWorkspaceDocument> InvalidCreates()
    {
        var ok = new CreateWorkspaceDocument(Id, "a.md", "x", T0);
        return new()
        {
            { "DocumentId", ok with { DocumentId = Guid.Empty } },
            { "Path", ok with { Path = "/abs.md" } },
            { "Path", ok with { Path = "../up.md" } },
            { "Content", ok with { Content = null! } },
            { "Content", ok with { Content = new string('c', WorkspaceLimits.ContentMaxLength + 1) } },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public void Given_nothing_When_create_with_an_invalid_field_Then_validation_names_the_field(string field, CreateWorkspaceDocument command) =>
        Document.Given().When(command).ThenInvalid(field);

    public static TheoryData<WorkspaceDocumentCommand> CommandsOnAnExistingDocument() => new()
    {
        new UpdateWorkspaceDocument(Id, "x", null, T1),
        new MoveWorkspaceDocument(Id, "b.md", T1),
        new DeleteWorkspaceDocument(Id, T1),
        new RestoreWorkspaceDocument(Id, T1),
    };

    [Theory]
    [MemberData(nameof(CommandsOnAnExistingDocument))]
    public void Given_nothing_When_changing_Then_workspace_not_found(WorkspaceDocumentCommand command) =>
        Document.Given().When(command).ThenThrows<NotFoundException>("workspace.not_found");

    [Fact]
    public void Given_created_When_update_Then_version_2_with_the_new_hash() =>
        Document.Given(Created)
            .When(new UpdateWorkspaceDocument(Id, "v2", null, T1))
            .Then(new WorkspaceDocumentUpdated(Id, "v2", Sha256Hex.Of("v2"), 2, T1));

    [Fact]
    public void Given_created_When_update_with_the_same_content_Then_nothing() =>
        Document.Given(Created).When(new UpdateWorkspaceDocument(Id, "v1", null, T1)).ThenNothing();

    [Fact]
    public void Given_version_2_When_update_expecting_version_2_Then_version_3() =>
        Document.Given(Created, new WorkspaceDocumentUpdated(Id, "v2", Sha256Hex.Of("v2"), 2, T1))
            .When(new UpdateWorkspaceDocument(Id, "v3", 2, T2))
            .Then(new WorkspaceDocumentUpdated(Id, "v3", Sha256Hex.Of("v3"), 3, T2));

    [Fact]
    public void Given_version_2_When_update_expecting_version_1_Then_workspace_version_conflict() =>
        Document.Given(Created, new WorkspaceDocumentUpdated(Id, "v2", Sha256Hex.Of("v2"), 2, T1))
            .When(new UpdateWorkspaceDocument(Id, "v3", 1, T2))
            .ThenThrows<RuleViolationException>("workspace.version_conflict");

    [Fact]
    public void Given_created_When_update_with_null_content_Then_validation_names_Content() =>
        Document.Given(Created).When(new UpdateWorkspaceDocument(Id, null!, null, T1)).ThenInvalid("Content");

    [Fact]
    public void Given_several_updates_When_evolved_Then_every_version_is_an_event_and_the_state_holds_the_last_hash()
    {
        var history = new List<IWorkspaceDocumentEvent> { Created };
        foreach (var content in new[] { "v2", "v3", "v4" })
        {
            var state = Document.Given([.. history]).State;
            history.AddRange(WorkspaceDocumentDecider.Decide(new UpdateWorkspaceDocument(Id, content, state.Version, T1), state));
        }

        Assert.Equal([1L, 2, 3, 4], history.Select(e => e switch
        {
            WorkspaceDocumentCreated c => c.Version,
            WorkspaceDocumentUpdated u => u.Version,
            _ => 0,
        }));
        Assert.Equal(
            new WorkspaceDocumentState(true, Id, "docs/plan.md", Sha256Hex.Of("v4"), 4, false),
            Document.Given([.. history]).State);
    }

    [Fact]
    public void Given_created_When_move_Then_moved_to_the_normalized_path() =>
        Document.Given(Created)
            .When(new MoveWorkspaceDocument(Id, "archive\\plan.md", T1))
            .Then(new WorkspaceDocumentMoved(Id, "docs/plan.md", "archive/plan.md", T1));

    [Fact]
    public void Given_created_When_move_to_the_same_path_spelled_otherwise_Then_nothing() =>
        Document.Given(Created).When(new MoveWorkspaceDocument(Id, "./docs//plan.md", T1)).ThenNothing();

    [Fact]
    public void Given_created_When_move_to_a_bad_path_Then_validation_names_NewPath() =>
        Document.Given(Created).When(new MoveWorkspaceDocument(Id, "../out.md", T1)).ThenInvalid("NewPath");

    [Fact]
    public void Given_moved_When_evolved_Then_the_path_changed_and_the_version_did_not()
    {
        var state = Document.Given(Created, new WorkspaceDocumentMoved(Id, "docs/plan.md", "b.md", T1)).State;
        Assert.Equal(("b.md", 1L), (state.Path, state.Version));
    }

    [Fact]
    public void Given_created_When_delete_Then_deleted_freeing_its_path() =>
        Document.Given(Created).When(new DeleteWorkspaceDocument(Id, T1)).Then(Deleted);

    public static TheoryData<WorkspaceDocumentCommand> ChangesRefusedWhenDeleted() => new()
    {
        new UpdateWorkspaceDocument(Id, "v2", null, T2),
        new MoveWorkspaceDocument(Id, "b.md", T2),
        new DeleteWorkspaceDocument(Id, T2),
    };

    [Theory]
    [MemberData(nameof(ChangesRefusedWhenDeleted))]
    public void Given_deleted_When_changing_Then_workspace_document_deleted(WorkspaceDocumentCommand command) =>
        Document.Given(Created, Deleted).When(command).ThenThrows<RuleViolationException>("workspace.document_deleted");

    [Fact]
    public void Given_deleted_When_restore_Then_restored_at_its_path() =>
        Document.Given(Created, Deleted)
            .When(new RestoreWorkspaceDocument(Id, T2))
            .Then(new WorkspaceDocumentRestored(Id, "docs/plan.md", T2));

    [Fact]
    public void Given_restored_When_update_Then_updated() =>
        Document.Given(Created, Deleted, new WorkspaceDocumentRestored(Id, "docs/plan.md", T2))
            .When(new UpdateWorkspaceDocument(Id, "v2", 1, T3))
            .Then(new WorkspaceDocumentUpdated(Id, "v2", Sha256Hex.Of("v2"), 2, T3));

    [Fact]
    public void Given_created_When_restore_Then_workspace_document_not_deleted() =>
        Document.Given(Created).When(new RestoreWorkspaceDocument(Id, T1)).ThenThrows<RuleViolationException>("workspace.document_not_deleted");

    [Fact]
    public void Given_nothing_When_stream_named_Then_workspace_dash_id() =>
        Assert.Equal("workspace-66666666-0000-0000-0000-000000000001", WorkspaceDocumentDecider.StreamFor(Id).Value);
}

using ProjectSpark.Features.Reviews;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.UnitTests.Features;

public class ProjectDraftTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Mentor = Guid.NewGuid();

    private static ProjectDraft NewDraft() => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 0,
        new DraftContent("Title", "Why?", "Summary", [new("a", 1), new("b", 2), new("c", 3)], "Product", "Audience",
            ["skill"], 10, ["paper"], "Because you like chess", ["Hi", "How?"]),
        new Provenance("offline-composer", "m", "v", Now), null, Now);

    [Fact]
    public void ApprovingWithEditsKeepsTheOriginalAndShowsTheEdit()
    {
        var draft = NewDraft();
        draft.Approve(Mentor, new DraftEdits(Title: "Better title"), Now);
        Assert.Equal(DraftStatus.Approved, draft.Status);
        Assert.Equal("Better title", draft.Current.Title);
        Assert.Equal("Title", draft.Original.Title);
        Assert.Equal("Summary", draft.Current.Summary);
    }

    [Fact]
    public void ARejectedDraftCannotBeApprovedAndStaysRejected()
    {
        var draft = NewDraft();
        draft.Reject(Mentor, "Not a fit", Now);
        var error = Assert.Throws<DomainException>(() => draft.Approve(Mentor, null, Now));
        Assert.Equal(409, error.Status);
        Assert.Equal(DraftStatus.Rejected, draft.Status);
        Assert.Equal("Not a fit", draft.RejectionReason);
    }

    [Fact]
    public void OnlyAnApprovedDraftCanBeDeliveredAndOnlyAfterTheConversation()
    {
        var draft = NewDraft();
        Assert.Throws<DomainException>(() => draft.Deliver(Mentor, Now, null, Now));
        draft.Approve(Mentor, null, Now);
        Assert.Throws<RequestValidationException>(() => draft.Deliver(Mentor, Now.AddDays(1), null, Now));
        draft.Deliver(Mentor, Now.AddHours(-1), "  went well ", Now);
        Assert.Equal(DraftStatus.Delivered, draft.Status);
        Assert.Equal("went well", draft.DeliveryNote);
    }

    [Fact]
    public void RejectingNeedsAReason()
    {
        var draft = NewDraft();
        Assert.Throws<RequestValidationException>(() => draft.Reject(Mentor, "  ", Now));
        Assert.Equal(DraftStatus.PendingReview, draft.Status);
    }

    [Fact]
    public void AStudentCanOnlyRespondToADeliveredProject()
    {
        var draft = NewDraft();
        Assert.Throws<NotFoundException>(() => draft.Respond(StudentResponseKind.Sparked, null, Now));
        draft.Approve(Mentor, null, Now);
        draft.Deliver(Mentor, Now, null, Now);
        draft.Respond(StudentResponseKind.Started, "on it", Now);
        Assert.Equal(StudentResponseKind.Started, draft.Response);
    }
}

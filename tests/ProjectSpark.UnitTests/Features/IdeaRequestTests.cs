using ProjectSpark.Features.Ideas;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.UnitTests.Features;

public class IdeaRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static IdeaRequest NewRequest() =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 3, "science", "more hands-on", Guid.NewGuid(), 42, Now);

    [Fact]
    public void AFailedRequestIsRedraftedOfflineAsANewQueuedRequestForTheSameStudentAndAsk()
    {
        var failed = NewRequest();
        failed.StartAttempt(Now);
        failed.MarkFailed("The AI provider had an error (HTTP 500).", Now);
        var reviewer = Guid.NewGuid();

        var redraft = failed.RedraftOffline(reviewer, 7, Now.AddMinutes(5));

        Assert.NotEqual(failed.Id, redraft.Id);
        Assert.True(redraft.ForceOffline);
        Assert.False(failed.ForceOffline);
        Assert.Equal(IdeaRequestStatus.Queued, redraft.Status);
        Assert.Equal((failed.SchoolId, failed.StudentId, failed.Count, failed.Focus, failed.Feedback, failed.RegeneratedFromDraftId),
            (redraft.SchoolId, redraft.StudentId, redraft.Count, redraft.Focus, redraft.Feedback, redraft.RegeneratedFromDraftId));
        Assert.Equal(reviewer, redraft.RequestedById);
    }

    [Fact]
    public void ARequestThatIsNotFailedCannotBeRedraftedOffline()
    {
        var queued = NewRequest();
        Assert.Contains("queued", Assert.Throws<DomainException>(() => queued.RedraftOffline(Guid.NewGuid(), 1, Now)).Message);
        var drafted = NewRequest();
        drafted.MarkDrafted(Now);
        Assert.Contains("only a failed request", Assert.Throws<DomainException>(() => drafted.RedraftOffline(Guid.NewGuid(), 1, Now)).Message);
    }
}

using Hangfire;
using Hangfire.Common;
using ProjectSpark.Features.Ideas;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.UnitTests.Infrastructure;

public class HostRetryPolicyTests
{
    [Fact]
    public void TheDraftingJobGetsExactlyOneRetryPolicyWithTheConfiguredDelays()
    {
        var job = Job.FromExpression<DraftIdeasJob>(j => j.RunAsync(Guid.Empty, CancellationToken.None));
        var retries = new HostRetryPolicy([1, 3]).GetFilters(job).Select(f => f.Instance).OfType<AutomaticRetryAttribute>().ToList();
        var retry = Assert.Single(retries);
        Assert.Equal(DraftIdeasJob.MaxAttempts - 1, retry.Attempts);
        Assert.Equal([1, 3], retry.DelaysInSeconds);
        Assert.Equal(AttemptsExceededAction.Delete, retry.OnAttemptsExceeded);
    }
}

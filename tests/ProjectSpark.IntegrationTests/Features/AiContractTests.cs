using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Features.Ideas;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>One app on SQLite talking to one loopback stub; the tests of the class run one after another.</summary>
public class StubbedApp : IDisposable
{
    public OpenAIStub Stub { get; } = new();
    public SparkFactory Factory { get; }
    public StubbedApp() : this(15) { }
    protected StubbedApp(int timeoutSeconds) =>
        Factory = new SparkFactory(StorageKind.Sqlite, settings: StubSettings.For(Stub, "OpenAICompatible", timeoutSeconds: timeoutSeconds));

    public void Dispose()
    {
        Factory.Dispose();
        Stub.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same, with a one-second timeout, for the slow provider (its own app, so no other test runs that tight).</summary>
public sealed class ImpatientStubbedApp() : StubbedApp(timeoutSeconds: 1);

/// <summary>
/// How the drafting job behaves for each way a provider can answer: every failure ends "failed" with a readable reason
/// and no drafts at all; passing failures are retried by Hangfire (3 attempts), rule-breaking replies are asked for
/// once more with the errors, and nothing else.
/// </summary>
public sealed class AiContractTests(StubbedApp app) : IClassFixture<StubbedApp>
{
    internal static async Task<(JsonObject Request, IReadOnlyList<CapturedRequest> Calls)> RequestWith(StubbedApp app, Func<int, StubReply> script, int count = 2)
    {
        app.Stub.Script = script;
        var school = TestSchool.Create(app.Factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, _) = await school.AddStudent("lee", interests: ["robots", "drawing"], mentorId: mentorId);
        var request = await TestSchool.RequestAndWait(mentor, studentId, count);
        var id = request["id"]!.GetValue<Guid>();
        Assert.Equal(request["status"]!.GetValue<string>() == "drafted" ? count : 0,
            await app.Factory.WithDbAsync(db => db.Drafts.CountAsync(d => d.IdeaRequestId == id)));
        return (request, app.Stub.RequestsFor(DraftIdeasJob.Pseudonym(id)));
    }

    internal static void AssertFailed(JsonObject request, string reason)
    {
        Assert.Equal("failed", request["status"]!.GetValue<string>());
        Assert.Empty(request["draftIds"]!.AsArray());
        Assert.Contains(reason, request["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task AValidReplyBecomesDraftsInOneCallAndItsTokensAreRecorded()
    {
        var (request, calls) = await RequestWith(app, _ => StubReply.Valid, count: 4);
        Assert.Equal("drafted", request["status"]!.GetValue<string>());
        Assert.Equal(4, request["draftIds"]!.AsArray().Count);
        Assert.Single(calls);
        // The stub reports 900 prompt and 1200 completion tokens per call.
        Assert.Equal(900, request["inputTokens"]!.GetValue<int>());
        Assert.Equal(1200, request["outputTokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task RateLimitingIsRetriedThenTheRequestFails()
    {
        var (request, calls) = await RequestWith(app, _ => StubReply.RateLimited);
        AssertFailed(request, "rate-limiting requests (HTTP 429)");
        // One call per Hangfire attempt: the client library does not retry on its own behind our back.
        Assert.Equal(3, calls.Count);
    }

    [Fact]
    public async Task AServerErrorIsRetriedThenTheRequestFails()
    {
        var (request, calls) = await RequestWith(app, _ => StubReply.ServerError);
        AssertFailed(request, "had an error (HTTP 500)");
        Assert.Equal(3, calls.Count);
    }

    [Fact]
    public async Task AReplyThatIsNotJsonIsRetriedThenTheRequestFails()
    {
        var (request, calls) = await RequestWith(app, _ => StubReply.NotJson);
        AssertFailed(request, "reply was not valid JSON");
        Assert.Equal(3, calls.Count);
    }

    [Fact]
    public async Task AReplyThatBreaksTheRulesIsAskedForOnceMoreWithTheErrorsThenFails()
    {
        var (request, calls) = await RequestWith(app, _ => StubReply.BreaksTheRules);
        AssertFailed(request, "drafts were invalid twice");
        Assert.Contains("milestones must have 3 to 6 items", request["error"]!.GetValue<string>());
        Assert.Equal(2, calls.Count);
        // Failed, but not free: both calls' tokens are on the request.
        Assert.Equal(2 * 900, request["inputTokens"]!.GetValue<int>());
        Assert.Contains("(none on a first attempt): none", OpenAIStub.PromptText(calls[0].Body));
        var second = OpenAIStub.PromptText(calls[1].Body);
        Assert.Contains("ideas[0].milestones must have 3 to 6 items, not 1.", second);
        Assert.Contains("whyItFits must name at least one of the student's interests", second);
    }

    [Fact]
    public async Task AReplyCorrectedOnTheSecondCallBecomesDrafts()
    {
        var (request, calls) = await RequestWith(app, call => call == 1 ? StubReply.BreaksTheRules : StubReply.Valid);
        Assert.Equal("drafted", request["status"]!.GetValue<string>());
        Assert.Equal(2, calls.Count);
        Assert.Equal(2 * 900, request["inputTokens"]!.GetValue<int>());
        Assert.Equal(2 * 1200, request["outputTokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task AProviderThatRecoversWithinTheAttemptsDraftsTheRequest()
    {
        var (request, calls) = await RequestWith(app, call => call == 1 ? StubReply.ServerError : StubReply.Valid);
        Assert.Equal("drafted", request["status"]!.GetValue<string>());
        Assert.Null(request["error"]);
        Assert.Equal(2, calls.Count);
    }
}

public sealed class SlowProviderTests(ImpatientStubbedApp app) : IClassFixture<ImpatientStubbedApp>
{
    [Fact]
    public async Task ASlowProviderTimesOutIsRetriedThenTheRequestFails()
    {
        app.Stub.SlowDelay = TimeSpan.FromSeconds(3);
        var (request, calls) = await AiContractTests.RequestWith(app, _ => StubReply.Slow);
        AiContractTests.AssertFailed(request, "did not answer within 1 second.");
        Assert.Contains("after 3 attempts", request["error"]!.GetValue<string>());
        // Three attempts (the job's own count, above); on a loaded machine an attempt can time out before its request
        // even reaches the stub, so the stub may have seen fewer than three.
        Assert.InRange(calls.Count, 1, 3);
    }
}

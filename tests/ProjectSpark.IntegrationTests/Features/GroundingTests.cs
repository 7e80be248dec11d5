using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProjectSpark.Features.Ideas;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>An app whose model is the loopback stub, on one storage mode; the tests of a class run one after another.</summary>
public abstract class StubbedStorageApp : IDisposable
{
    public OpenAIStub Stub { get; } = new();
    public SparkFactory Factory { get; }
    protected StubbedStorageApp(StorageKind kind) => Factory = new SparkFactory(kind, settings: StubSettings.For(Stub, "OpenAICompatible"));

    public void Dispose()
    {
        Factory.Dispose();
        Stub.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class StubbedSqliteApp() : StubbedStorageApp(StorageKind.Sqlite);
public sealed class StubbedPostgresApp() : StubbedStorageApp(StorageKind.Postgres);

/// <summary>
/// Drafting with a model is grounded in the school's approved projects; drafts too close to ones the student has
/// already been shown are drafted again once, then flagged; a failed request can be redrafted offline.
/// </summary>
public abstract partial class GroundingTests(StubbedStorageApp app)
{
    private static Guid[] Ids(JsonObject request) => request["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToArray();

    private async Task<(TestSchool School, Guid MentorId, HttpClient Mentor)> NewSchool()
    {
        var school = TestSchool.Create(app.Factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        return (school, mentorId, mentor);
    }

    [Fact]
    public async Task TheModelIsShownTheSchoolsClosestApprovedProjectsAsExamplesButNothingOfWhoseTheyWere()
    {
        app.Stub.Script = _ => StubReply.Valid;
        var (school, mentorId, mentor) = await NewSchool();
        var (anaId, _) = await school.AddStudent("ana", interests: ["beekeeping"], mentorId: mentorId);
        var (benId, _) = await school.AddStudent("ben", interests: ["honey bees", "gardening"], mentorId: mentorId);
        var ana = Ids(await TestSchool.RequestAndWait(mentor, anaId, count: 2));
        // The reviewer's edit names the student: edits stay out of the examples, which are the drafts as drafted.
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{ana[0]}/approve", new { edits = new { title = "Hive diary for Student ana" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{ana[0]}/deliver", new { conversationAt = DateTimeOffset.UtcNow })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{ana[1]}/approve", new { })).StatusCode);

        var request = await TestSchool.RequestAndWait(mentor, benId, count: 1, focus: "science");
        Assert.Equal("drafted", request["status"]!.GetValue<string>());
        var sent = Assert.Single(app.Stub.RequestsFor(DraftIdeasJob.Pseudonym(request["id"]!.GetValue<Guid>())));
        var prompt = OpenAIStub.PromptText(sent.Body);

        var examples = JsonNode.Parse(ExamplesLine().Match(prompt).Groups[1].Value)!.AsArray();
        Assert.Equal(["Stub project 1", "Stub project 2"], examples.Select(e => e!["title"]!.GetValue<string>()).Order());
        Assert.All(examples, e => Assert.Equal(["drivingQuestion", "summary", "title"], e!.AsObject().Select(p => p.Key).Order()));
        Assert.Contains("How could project 1 help people in our town?", prompt);
        foreach (var identity in new[] { "Student ana", "Hive diary", school.Email("ana"), anaId.ToString(), anaId.ToString("N"), mentorId.ToString() })
            Assert.DoesNotContain(identity, sent.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithNoApprovedProjectsYetTheModelIsToldThereAreNoExamples()
    {
        app.Stub.Script = _ => StubReply.Valid;
        var (school, mentorId, mentor) = await NewSchool();
        var (studentId, _) = await school.AddStudent("cy", interests: ["chess"], mentorId: mentorId);
        var request = await TestSchool.RequestAndWait(mentor, studentId, count: 1);
        var sent = Assert.Single(app.Stub.RequestsFor(DraftIdeasJob.Pseudonym(request["id"]!.GetValue<Guid>())));
        Assert.Contains("Approved projects at this school (none if empty): none", OpenAIStub.PromptText(sent.Body));
    }

    [Fact]
    public async Task DraftsTooCloseToOnesTheStudentWasShownAreDraftedAgainOnce()
    {
        var (school, mentorId, mentor) = await NewSchool();
        var (studentId, _) = await school.AddStudent("dee", interests: ["robots"], mentorId: mentorId);
        app.Stub.Script = _ => StubReply.Valid;
        await TestSchool.RequestAndWait(mentor, studentId, count: 2);

        // The model first repeats itself word for word; asked again, it drafts something new.
        app.Stub.Script = call => call == 1 ? StubReply.Valid : StubReply.ValidOther;
        var request = await TestSchool.RequestAndWait(mentor, studentId, count: 2);
        Assert.Equal("drafted", request["status"]!.GetValue<string>());
        var calls = app.Stub.RequestsFor(DraftIdeasJob.Pseudonym(request["id"]!.GetValue<Guid>()));
        Assert.Equal(2, calls.Count);
        Assert.Contains("Draft exactly 2 distinct", OpenAIStub.PromptText(calls[1].Body));
        Assert.Equal(2 * 900, request["inputTokens"]!.GetValue<int>());
        foreach (var id in Ids(request))
        {
            var draft = await (await mentor.GetAsync($"/api/drafts/{id}")).Json();
            Assert.StartsWith("A beginner's field guide to robots", draft["title"]!.GetValue<string>());
            Assert.Null(draft["quality"]!["nearDuplicateOf"]);
        }
    }

    [Fact]
    public async Task ADraftStillTooCloseAfterTheSecondTryIsKeptAndFlaggedForTheReviewer()
    {
        var (school, mentorId, mentor) = await NewSchool();
        var (studentId, _) = await school.AddStudent("eve", interests: ["origami"], mentorId: mentorId);
        app.Stub.Script = _ => StubReply.Valid;
        var first = Ids(await TestSchool.RequestAndWait(mentor, studentId, count: 2));

        var request = await TestSchool.RequestAndWait(mentor, studentId, count: 1);
        Assert.Equal("drafted", request["status"]!.GetValue<string>());
        Assert.Equal(2, app.Stub.RequestsFor(DraftIdeasJob.Pseudonym(request["id"]!.GetValue<Guid>())).Count);
        var draft = await (await mentor.GetAsync($"/api/drafts/{Assert.Single(Ids(request))}")).Json();
        Assert.Equal("pendingReview", draft["status"]!.GetValue<string>());
        var near = draft["quality"]!["nearDuplicateOf"]!;
        Assert.Equal(first[0], near["draftId"]!.GetValue<Guid>());
        Assert.Equal("Stub project 1", near["title"]!.GetValue<string>());
        Assert.True(near["similarity"]!.GetValue<double>() > 0.92);
        // Drafts of the first request had nothing earlier to be close to.
        Assert.Null((await (await mentor.GetAsync($"/api/drafts/{first[0]}")).Json())["quality"]!["nearDuplicateOf"]);
    }

    [Fact]
    public async Task AFailedRequestIsRedraftedByTheOfflineComposerFromTheApiAndTheMentorPage()
    {
        var (school, mentorId, mentor) = await NewSchool();
        var (_, otherMentor) = await school.AddStaff("other", "mentor");
        var (studentId, _) = await school.AddStudent("fin", interests: ["football", "cooking"], mentorId: mentorId);
        app.Stub.Script = _ => StubReply.ServerError;
        var failed = await TestSchool.RequestAndWait(mentor, studentId, count: 2);
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        var failedUrl = $"/api/idea-requests/{failed["id"]!.GetValue<Guid>()}";
        await (await otherMentor.PostAsync($"{failedUrl}/redraft-offline", null)).Problem(HttpStatusCode.Forbidden);

        var accepted = await mentor.PostAsync($"{failedUrl}/redraft-offline", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("queued", (await accepted.Json())["status"]!.GetValue<string>());
        var redraft = await TestSchool.WaitFinished(mentor, accepted.Headers.Location!.ToString());
        Assert.Equal("drafted", redraft["status"]!.GetValue<string>());
        Assert.True(redraft["forceOffline"]!.GetValue<bool>());
        Assert.Equal(2, redraft["draftIds"]!.AsArray().Count);
        foreach (var id in Ids(redraft))
            Assert.Equal("offline-composer", (await (await mentor.GetAsync($"/api/drafts/{id}")).Json())["provenance"]!["generator"]!.GetValue<string>());
        Assert.Empty(app.Stub.RequestsFor(DraftIdeasJob.Pseudonym(redraft["id"]!.GetValue<Guid>())));
        // Only a failed request: the redraft itself drafted.
        var conflict = await (await mentor.PostAsync($"{accepted.Headers.Location}/redraft-offline", null)).Problem(HttpStatusCode.Conflict);
        Assert.Contains("only a failed request can be redrafted offline", conflict["detail"]!.GetValue<string>());

        // The mentor page offers it next to a failed request, through an antiforgery-protected form.
        var (pageStudent, _) = await school.AddStudent("gus", interests: ["skateboarding"], mentorId: mentorId);
        var pageFailed = await TestSchool.RequestAndWait(mentor, pageStudent, count: 1);
        Assert.Equal("failed", pageFailed["status"]!.GetValue<string>());
        var pageFailedId = pageFailed["id"]!.GetValue<Guid>();
        var browser = app.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/dev/sign-in?email={Uri.EscapeDataString(school.Email("mentor"))}")).StatusCode);
        var page = await browser.GetStringAsync("/mentor");
        Assert.Contains($"data-failed-request=\"{pageFailedId}\"", page);
        Assert.Contains("Draft offline instead", page);
        var block = page[page.IndexOf($"data-failed-request=\"{pageFailedId}\"", StringComparison.Ordinal)..];
        var action = System.Net.WebUtility.HtmlDecode(FormAction().Match(block).Groups[1].Value);
        Assert.Contains("handler=RedraftOffline", action);
        Assert.Contains(pageFailedId.ToString(), action);
        var withoutToken = await browser.PostAsync(action, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var posted = await browser.PostAsync(action, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var newest = await app.Factory.WithDbAsync(db => Task.FromResult(db.IdeaRequests.Where(r => r.StudentId == pageStudent).OrderByDescending(r => r.CreatedAt).First()));
        Assert.True(newest.ForceOffline);
        Assert.Equal("drafted", (await TestSchool.WaitFinished(mentor, $"/api/idea-requests/{newest.Id}"))["status"]!.GetValue<string>());
    }

    [GeneratedRegex(@"Approved projects at this school \(none if empty\): (\[.*\])")]
    private static partial Regex ExamplesLine();

    [GeneratedRegex("<form[^>]*\\saction=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class GroundingOnSqlite(StubbedSqliteApp app) : GroundingTests(app), IClassFixture<StubbedSqliteApp>;

public sealed class GroundingOnPostgres(StubbedPostgresApp app) : GroundingTests(app), IClassFixture<StubbedPostgresApp>;

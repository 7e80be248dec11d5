using System.Net;
using System.Net.Http.Json;
using ProjectSpark.Features.Ideas;
using ProjectSpark.Features.Reviews;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>An app with a daily token budget per school and no job server (requests stay queued).</summary>
public abstract class BudgetedApp(StorageKind kind) : IDisposable
{
    public const int Budget = 5000;
    public SparkFactory Factory { get; } = new(kind, hangfireServer: false,
        settings: new Dictionary<string, string> { ["AI:DailyTokenBudgetPerSchool"] = Budget.ToString() });
    public void Dispose()
    {
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class BudgetedSqliteApp() : BudgetedApp(StorageKind.Sqlite);
public sealed class BudgetedPostgresApp() : BudgetedApp(StorageKind.Postgres);

/// <summary>AI:DailyTokenBudgetPerSchool: a school that has spent its tokens since midnight UTC gets no new requests until the next.</summary>
public abstract class BudgetTests(BudgetedApp app)
{
    /// <summary>A finished request with the tokens it cost, as the drafting job would have recorded them.</summary>
    private Guid SeedSpent(Guid schoolId, Guid studentId, Guid mentorId, DateTimeOffset createdAt, int input, int output, bool withDraft = false) =>
        app.Factory.WithDb(db =>
        {
            var request = new IdeaRequest(schoolId, studentId, mentorId, 1, null, null, null, 1, createdAt);
            request.MarkDrafted(createdAt, input, output);
            db.IdeaRequests.Add(request);
            var draft = new ProjectDraft(schoolId, studentId, request.Id, 0, new DraftContent("Seeded", "Why?", "Summary.",
                [new Milestone("Start", 1)], "Exhibit", "Families", ["research"], 10, [], "Fits chess", ["What next?"]),
                new Provenance("semantic-kernel", "stub-model", "draft-student-projects@2", createdAt), null, createdAt);
            if (withDraft) db.Drafts.Add(draft);
            db.SaveChanges();
            return draft.Id;
        });

    [Fact]
    public async Task ASchoolThatSpentItsDailyTokenBudgetIsRefusedUntilMidnightUtcAndNothingIsCreated()
    {
        var school = TestSchool.Create(app.Factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (spenderId, _) = await school.AddStudent("spender", interests: ["chess"], mentorId: mentorId);
        var (firstId, _) = await school.AddStudent("first", interests: ["chess"], mentorId: mentorId);
        var (laterId, _) = await school.AddStudent("later", interests: ["chess"], mentorId: mentorId);
        var now = DateTimeOffset.UtcNow;

        // Yesterday's spending does not count.
        SeedSpent(school.SchoolId, spenderId, mentorId, now.AddDays(-1), 9000, 9000);
        Assert.Equal(HttpStatusCode.Accepted, (await mentor.PostAsJsonAsync($"/api/students/{firstId}/idea-requests", new { count = 1 })).StatusCode);

        // Today's does: 3000 + 2000 reaches the budget of 5000.
        var draft = SeedSpent(school.SchoolId, spenderId, mentorId, now, 3000, 2000, withDraft: true);
        var refused = await mentor.PostAsJsonAsync($"/api/students/{laterId}/idea-requests", new { count = 1 });
        var problem = await refused.Problem(HttpStatusCode.TooManyRequests);
        Assert.Equal("The school's daily AI budget of 5,000 tokens is used up; it resets at midnight UTC.", problem["detail"]!.GetValue<string>());
        var untilMidnight = (new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero) - now).TotalSeconds;
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), untilMidnight - 120, untilMidnight + 1);
        Assert.Equal(0, app.Factory.WithDb(db => db.IdeaRequests.Count(r => r.StudentId == laterId)));

        // Regenerating is refused the same way, and the draft it would have rejected stays pending.
        await (await mentor.PostAsJsonAsync($"/api/drafts/{draft}/regenerate", new { feedback = "shorter" })).Problem(HttpStatusCode.TooManyRequests);
        Assert.Equal("pendingReview", (await (await mentor.GetAsync($"/api/drafts/{draft}")).Json())["status"]!.GetValue<string>());
        Assert.Equal(2, app.Factory.WithDb(db => db.IdeaRequests.Count(r => r.StudentId == spenderId)));

        // Another school's budget is its own.
        var elsewhere = TestSchool.Create(app.Factory);
        var (otherMentorId, otherMentor) = await elsewhere.AddStaff("mentor", "mentor");
        var (otherStudent, _) = await elsewhere.AddStudent("s", interests: ["chess"], mentorId: otherMentorId);
        Assert.Equal(HttpStatusCode.Accepted, (await otherMentor.PostAsJsonAsync($"/api/students/{otherStudent}/idea-requests", new { count = 1 })).StatusCode);
    }
}

public sealed class BudgetOnSqlite(BudgetedSqliteApp app) : BudgetTests(app), IClassFixture<BudgetedSqliteApp>;

public sealed class BudgetOnPostgres(BudgetedPostgresApp app) : BudgetTests(app), IClassFixture<BudgetedPostgresApp>;

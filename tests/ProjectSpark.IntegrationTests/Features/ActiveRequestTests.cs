using System.Net;
using System.Net.Http.Json;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>An app with no job server, so requests stay queued; with a low per-user limit on idea requests.</summary>
public sealed class QueuedOnlyApp : IDisposable
{
    public const int PerMinute = 3;
    public SparkFactory Factory { get; } = new(StorageKind.Sqlite, hangfireServer: false,
        settings: new Dictionary<string, string> { ["RateLimiting:IdeaRequestsPerUserPerMinute"] = PerMinute.ToString() });
    public void Dispose() => Factory.Dispose();
}

/// <summary>Cost controls on idea requests: one active request per student, and a per-user rate.</summary>
public sealed class ActiveRequestTests(QueuedOnlyApp app) : IClassFixture<QueuedOnlyApp>
{
    [Fact]
    public async Task AStudentWithARequestStillQueuedCannotGetASecondOne()
    {
        var school = TestSchool.Create(app.Factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, _) = await school.AddStudent("pat", interests: ["chess"], mentorId: mentorId);
        var (otherId, _) = await school.AddStudent("sam", interests: ["chess"], mentorId: mentorId);

        Assert.Equal(HttpStatusCode.Accepted, (await mentor.PostAsJsonAsync($"/api/students/{studentId}/idea-requests", new { count = 1 })).StatusCode);
        var problem = await (await mentor.PostAsJsonAsync($"/api/students/{studentId}/idea-requests", new { count = 1 })).Problem(HttpStatusCode.Conflict);
        Assert.Contains("already being drafted", problem["detail"]!.GetValue<string>());
        // Another student is not held up by it.
        Assert.Equal(HttpStatusCode.Accepted, (await mentor.PostAsJsonAsync($"/api/students/{otherId}/idea-requests", new { count = 1 })).StatusCode);
    }

    [Fact]
    public async Task AUserBeyondThePerMinuteLimitIsToldWhenToRetry()
    {
        var school = TestSchool.Create(app.Factory);
        var (mentorId, mentor) = await school.AddStaff("busy", "mentor");
        var (otherId, other) = await school.AddStaff("calm", "mentor");
        var (othersStudent, _) = await school.AddStudent("calms", interests: ["chess"], mentorId: otherId);
        var students = new List<Guid>();
        for (var i = 0; i <= QueuedOnlyApp.PerMinute; i++)
            students.Add((await school.AddStudent($"s{i}", interests: ["chess"], mentorId: mentorId)).Id);

        foreach (var id in students.Take(QueuedOnlyApp.PerMinute))
            Assert.Equal(HttpStatusCode.Accepted, (await mentor.PostAsJsonAsync($"/api/students/{id}/idea-requests", new { count = 1 })).StatusCode);
        var refused = await mentor.PostAsJsonAsync($"/api/students/{students[^1]}/idea-requests", new { count = 1 });
        var problem = await refused.Problem(HttpStatusCode.TooManyRequests);
        Assert.Contains($"at most {QueuedOnlyApp.PerMinute} times a minute", problem["detail"]!.GetValue<string>());
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 60);

        // The limit is per user: another mentor is not held up.
        Assert.Equal(HttpStatusCode.Accepted, (await other.PostAsJsonAsync($"/api/students/{othersStudent}/idea-requests", new { count = 1 })).StatusCode);
    }

    [Fact]
    public async Task TheMentorPageSharesTheApisLimitAndSaysWhyInsteadOfDrafting()
    {
        var school = TestSchool.Create(app.Factory);
        var (mentorId, mentor) = await school.AddStaff("paged", "mentor");
        var students = new List<Guid>();
        for (var i = 0; i <= QueuedOnlyApp.PerMinute; i++)
            students.Add((await school.AddStudent($"p{i}", interests: ["chess"], mentorId: mentorId)).Id);

        var page = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await page.GetAsync($"/dev/sign-in?email={school.Email("paged")}")).StatusCode);
        for (var i = 0; i < QueuedOnlyApp.PerMinute + 2; i++) // viewing the page costs nothing
            Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/mentor")).StatusCode);

        // One idea request through the page, the rest of the minute's allowance through the API.
        Assert.Equal(HttpStatusCode.Redirect, (await PostRequestForm(page, students[0])).StatusCode);
        foreach (var id in students.Skip(1).Take(QueuedOnlyApp.PerMinute - 1))
            Assert.Equal(HttpStatusCode.Accepted, (await mentor.PostAsJsonAsync($"/api/students/{id}/idea-requests", new { count = 1 })).StatusCode);

        var refused = await PostRequestForm(page, students[^1]);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/mentor", refused.Headers.Location!.OriginalString);
        Assert.Contains($"at most {QueuedOnlyApp.PerMinute} times a minute", await (await page.GetAsync("/mentor")).Content.ReadAsStringAsync());
        var last = students[^1];
        Assert.Equal(0, await app.Factory.WithDbAsync(db => Task.FromResult(db.IdeaRequests.Count(r => r.StudentId == last))));
        Assert.Equal(QueuedOnlyApp.PerMinute, await app.Factory.WithDbAsync(db => Task.FromResult(db.IdeaRequests.Count(r => students.Contains(r.StudentId)))));
    }

    private static async Task<HttpResponseMessage> PostRequestForm(HttpClient page, Guid studentId)
    {
        var html = await (await page.GetAsync("/mentor")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        return await page.PostAsync($"/mentor?handler=Request&studentId={studentId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["count"] = "1", ["focus"] = "", ["__RequestVerificationToken"] = token,
        }));
    }
}

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
}

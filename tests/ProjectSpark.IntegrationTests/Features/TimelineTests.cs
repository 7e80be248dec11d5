using System.Net;
using System.Net.Http.Json;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>The closed loop: what happened with a student, and attendance before and after the first shared project.</summary>
public abstract class TimelineTests(SparkFactory factory)
{
    [Fact]
    public async Task TheTimelineShowsTheLoopAndAttendanceBeforeAndAfterTheFirstDelivery()
    {
        var school = TestSchool.Create(factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, student) = await school.AddStudent("leo", interests: ["cars"], mentorId: mentorId);
        var admin = await school.Admin();

        var days = new List<DateOnly>();
        for (var d = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1); days.Count < 60; d = d.AddDays(-1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days.Insert(0, d);
        // Before: 9 of 30 days absent (70%). After: 1 of 30 (96.67%).
        var records = days.Select((d, i) => new
        {
            studentId, date = d,
            status = (i < 30 && i % 10 < 3) || i == 45 ? "absent" : "present",
        }).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/attendance", new { records })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mentor.PostAsJsonAsync($"/api/students/{studentId}/check-ins",
            new { at = DateTimeOffset.UtcNow.AddHours(-2), kind = "twoByTen" })).StatusCode);

        var draftId = (await TestSchool.RequestAndWait(mentor, studentId, count: 1))["draftIds"]![0]!.GetValue<Guid>();
        await mentor.PostAsJsonAsync($"/api/drafts/{draftId}/approve", new { });
        var sharedAt = new DateTimeOffset(days[30].ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{draftId}/deliver", new { conversationAt = sharedAt })).StatusCode);
        await student.PostAsJsonAsync($"/api/portal/projects/{draftId}/response", new { response = "started" });

        var timeline = await (await mentor.GetAsync($"/api/students/{studentId}/timeline")).Json();
        var kinds = timeline["events"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "flag", "checkIn", "draft", "approved", "delivered", "response" }, kinds);
        var effect = timeline["effect"]!;
        Assert.Equal(0.7, effect["rateBefore"]!.GetValue<double>(), 4);
        Assert.Equal(30, effect["daysBefore"]!.GetValue<int>());
        Assert.Equal(0.9667, effect["rateAfter"]!.GetValue<double>(), 4);
        Assert.Equal(30, effect["daysAfter"]!.GetValue<int>());

        var (_, other) = await school.AddStaff("other", "mentor");
        await (await other.GetAsync($"/api/students/{studentId}/timeline")).Problem(HttpStatusCode.Forbidden);
        await (await student.GetAsync($"/api/students/{studentId}/timeline")).Problem(HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TimelineOnSqlite(SqliteApp app) : TimelineTests(app.Factory);

[Collection(PostgresCollection.Name)]
public sealed class TimelineOnPostgres(PostgresApp app) : TimelineTests(app.Factory);

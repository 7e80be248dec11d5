using System.Net;
using System.Net.Http.Json;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>The admin's engagement dashboard: weekly attendance, students per flag, mentor load; admins only.</summary>
public abstract class DashboardTests(SparkFactory factory)
{
    [Fact]
    public async Task TheDashboardAddsUpAttendanceByWeekFlagsByStudentAndMentorLoad()
    {
        var school = TestSchool.Create(factory);
        var admin = await school.Admin();
        var (mentorId, _) = await school.AddStaff("mentor", "mentor");
        await school.AddStaff("coach", "mentor");
        var (ana, _) = await school.AddStudent("ana", mentorId: mentorId);
        var (ben, _) = await school.AddStudent("ben");
        string[] week1 = ["2026-08-24", "2026-08-25", "2026-08-26", "2026-08-27", "2026-08-28"];
        string[] week2 = ["2026-08-31", "2026-09-01", "2026-09-02", "2026-09-03", "2026-09-04"];
        var records = new List<object>();
        foreach (var d in week1) records.Add(new { studentId = ana, date = d, status = "present" });
        foreach (var (d, i) in week2.Select((d, i) => (d, i))) records.Add(new { studentId = ana, date = d, status = i < 2 ? "absent" : i == 2 ? "tardy" : "present" });
        foreach (var (d, i) in week1.Select((d, i) => (d, i))) records.Add(new { studentId = ben, date = d, status = i == 4 ? "excused" : "present" });
        foreach (var d in week2) records.Add(new { studentId = ben, date = d, status = "present" });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/attendance", new { records })).StatusCode);

        var dash = await (await admin.GetAsync($"/api/dashboard?studentId={ana}")).Json();
        Assert.Equal(2, dash["students"]!.GetValue<int>());
        Assert.Equal(1, dash["withoutMentor"]!.GetValue<int>());
        // Week 1: 10 student-days, 1 excused absence; week 2: 10 days, 2 absences (the tardy is not one).
        Assert.Equal(["2026-08-24 10 1 0.9", "2026-08-31 10 2 0.8"], dash["schoolTrend"]!.AsArray().Select(Week));
        Assert.Equal(["2026-08-24 5 0 1", "2026-08-31 5 2 0.6"], dash["studentTrend"]!.AsArray().Select(Week));

        var expectedFlags = new Dictionary<string, int>();
        foreach (var id in new[] { ana, ben })
            foreach (var type in (await (await admin.GetAsync($"/api/students/{id}/signals")).Json())["flags"]!.AsArray().Select(f => f!["type"]!.GetValue<string>()).Distinct())
                expectedFlags[type] = expectedFlags.GetValueOrDefault(type) + 1;
        Assert.NotEmpty(expectedFlags);
        Assert.Equal(expectedFlags.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}"),
            dash["flagsByType"]!.AsArray().Select(f => $"{f!["type"]} {f["students"]}").Order());

        Assert.Equal(["Staff mentor 1 15", "Staff coach 0 15"],
            dash["mentorLoad"]!.AsArray().Select(m => $"{m!["name"]} {m["students"]} {m["capacity"]}"));
    }

    [Fact]
    public async Task OnlyAdminsSeeTheDashboardAndOnlyForTheirOwnSchool()
    {
        var school = TestSchool.Create(factory);
        var (_, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, student) = await school.AddStudent("ana");
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.GetAsync("/api/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await student.GetAsync("/api/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await school.Anonymous().GetAsync("/api/dashboard")).StatusCode);

        var other = TestSchool.Create(factory);
        var otherAdmin = await other.Admin();
        await (await otherAdmin.GetAsync($"/api/dashboard?studentId={studentId}")).Problem(HttpStatusCode.NotFound);
        var empty = await (await otherAdmin.GetAsync("/api/dashboard")).Json();
        Assert.Empty(empty["schoolTrend"]!.AsArray());
        Assert.Equal(0, empty["students"]!.GetValue<int>());
        await (await otherAdmin.GetAsync("/api/dashboard?studentId=not-a-guid")).Problem(HttpStatusCode.BadRequest);
    }

    private static string Week(System.Text.Json.Nodes.JsonNode? w) =>
        $"{w!["weekOf"]} {w["studentDays"]} {w["absences"]} {w["attendanceRate"]!.GetValue<double>().ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

[Collection(SqliteCollection.Name)]
public sealed class DashboardOnSqlite(SqliteApp app) : DashboardTests(app.Factory);

[Collection(PostgresCollection.Name)]
public sealed class DashboardOnPostgres(PostgresApp app) : DashboardTests(app.Factory);

using System.Net;
using System.Net.Http.Json;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>
/// 180 school days of attendance for 200 students, generated here, must produce exactly the expected flags:
/// hand-made edge cases with their flags written out, and seeded random students checked against a plain
/// day-by-day reading of the rules in docs/domain.md.
/// </summary>
public abstract class SignalsTests(SparkFactory factory)
{
    private static readonly DateOnly FirstDay = new(2026, 8, 24); // a Monday

    private static List<DateOnly> SchoolDays(int count)
    {
        var days = new List<DateOnly>();
        for (var d = FirstDay; days.Count < count; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days.Add(d);
        return days;
    }

    /// <summary>The rules, read day by day: the oracle for the generated students.</summary>
    private static HashSet<string> Expected(IReadOnlyList<string> statuses)
    {
        var flags = new HashSet<string>();
        var absent = statuses.Select(s => s is "absent" or "excused").ToList();
        var total = absent.Count(a => a);
        if (total * 5 >= statuses.Count) flags.Add("severeChronicAbsence");
        else if (total * 10 >= statuses.Count) flags.Add("chronicAbsence");
        int[] pace = [2, 4, 6];
        for (var m = 0; m < 3; m++)
            if (absent.Take(20 * (m + 1)).Count(a => a) >= pace[m]) flags.Add("earlyYearPace");
        var run = 0;
        foreach (var a in absent)
        {
            run = a ? run + 1 : 0;
            if (run >= 3) flags.Add("absenceStreak");
        }
        return flags;
    }

    private static List<string> Spread(int days, IEnumerable<int> absentDays, string mark = "absent")
    {
        var statuses = Enumerable.Repeat("present", days).ToList();
        foreach (var d in absentDays) statuses[d - 1] = mark;
        return statuses;
    }

    [Fact]
    public async Task AttendanceForTwoHundredStudentsProducesExactlyTheExpectedFlags()
    {
        var school = TestSchool.Create(factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var admin = await school.Admin();
        var days = SchoolDays(180);

        // Hand-made edge cases: (statuses from the first school day or from a later one, expected flags).
        var cases = new List<(string Name, int Offset, List<string> Statuses, string[] Flags)>
        {
            ("exactly-10pct", 0, Spread(180, Enumerable.Range(0, 18).Select(i => 70 + 6 * i)), ["chronicAbsence"]),
            ("just-under-10pct", 0, Spread(180, Enumerable.Range(0, 17).Select(i => 70 + 6 * i)), []),
            ("mid-year", 90, Spread(90, [5, 15, 25, 35, 45, 55, 65, 75, 85]), ["chronicAbsence", "earlyYearPace"]),
            ("excused-count", 0, Spread(180, Enumerable.Range(1, 36).Select(i => 5 * i), "excused"), ["severeChronicAbsence", "earlyYearPace"]),
            ("tardies-do-not", 0, Spread(180, Enumerable.Range(1, 60).Select(i => 3 * i), "tardy"), []),
            // Thursday, Friday and Monday: three enrolled days in a row, across a weekend with no records.
            ("streak-over-weekend", 0, Spread(180, [39, 40, 41]), ["absenceStreak"]),
            ("two-is-no-streak", 0, Spread(180, [40, 41]), []),
        };
        Assert.Equal(DayOfWeek.Thursday, days[38].DayOfWeek);
        Assert.Equal(DayOfWeek.Monday, days[40].DayOfWeek);
        var random = new Random(2026);
        for (var i = cases.Count; i < 200; i++)
        {
            var rate = random.NextDouble() * 0.3;
            var statuses = Enumerable.Range(0, 180).Select(_ => random.NextDouble() < rate ? (random.Next(3) == 0 ? "excused" : "absent")
                : random.NextDouble() < 0.05 ? "tardy" : "present").ToList();
            cases.Add(($"random-{i}", 0, statuses, Expected(statuses).ToArray()));
        }
        // The oracle agrees with the hand-made cases, so it reads the rules as they are written.
        foreach (var c in cases.Take(7).Where(c => c.Offset == 0)) Assert.Equal(c.Flags.Order(), Expected(c.Statuses).Order());

        var ids = new Dictionary<string, Guid>();
        foreach (var c in cases)
            ids[c.Name] = (await school.AddStudent(c.Name, mentorId: c.Name == "exactly-10pct" ? mentorId : null)).Id;
        var records = cases.SelectMany(c => c.Statuses.Select((s, d) => new { studentId = ids[c.Name], date = days[c.Offset + d], status = s })).ToList();
        // A duplicate row for a day: the later one wins (absent then present is present).
        var dup = ids["just-under-10pct"];
        records.Add(new { studentId = dup, date = days[100], status = "absent" });
        records.Add(new { studentId = dup, date = days[100], status = "present" });
        foreach (var batch in records.Chunk(18_000))
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/attendance", new { records = batch })).StatusCode);

        var mismatches = new List<string>();
        foreach (var c in cases)
        {
            var signals = await (await admin.GetAsync($"/api/students/{ids[c.Name]}/signals")).Json();
            var got = signals["flags"]!.AsArray().Select(f => f!["type"]!.GetValue<string>()).Order().ToArray();
            if (!got.SequenceEqual(c.Flags.Order())) mismatches.Add($"{c.Name}: got [{string.Join(",", got)}], expected [{string.Join(",", c.Flags.Order())}]");
            Assert.Equal(c.Statuses.Count, signals["daysEnrolled"]!.GetValue<int>());
        }
        Assert.Empty(mismatches);
        var tenPct = await (await admin.GetAsync($"/api/students/{ids["exactly-10pct"]}/signals")).Json();
        Assert.Equal(0.9, tenPct["attendanceRate"]!.GetValue<double>(), 4);
        Assert.Equal(18, tenPct["daysAbsent"]!.GetValue<int>());

        // A later record for a day replaces the earlier one: one more absence tips "just under" over 10%.
        var again = await admin.PostAsJsonAsync("/api/attendance", new { records = new[] { new { studentId = dup, date = days[0], status = "excused" } } });
        Assert.Equal(1, (await again.Json())["updated"]!.GetValue<int>());
        var tipped = await (await admin.GetAsync($"/api/students/{dup}/signals")).Json();
        Assert.Equal(["chronicAbsence"], tipped["flags"]!.AsArray().Select(f => f!["type"]!.GetValue<string>()).ToArray());

        // The relationship map shows the flags of students nobody is connected to.
        var map = (await (await admin.GetAsync("/api/relationship-map?unconnected=true")).Json())["items"]!.AsArray();
        var midYear = map.Single(i => i!["studentId"]!.GetValue<Guid>() == ids["mid-year"])!;
        Assert.Equal(["chronicAbsence", "earlyYearPace"], midYear["flags"]!.AsArray().Select(f => f!["type"]!.GetValue<string>()).ToArray());

        // New flags become follow-ups at about 4 weeks and 2 months: the mentor's for their mentee, the admins' for the rest.
        var mine = (await (await mentor.GetAsync("/api/follow-ups")).Json())["items"]!.AsArray();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, f => Assert.Equal(ids["exactly-10pct"], f!["studentId"]!.GetValue<Guid>()));
        var adminList = (await (await admin.GetAsync("/api/follow-ups")).Json())["items"]!.AsArray();
        Assert.Contains(adminList, f => f!["studentId"]!.GetValue<Guid>() == ids["mid-year"]);
        Assert.DoesNotContain(adminList, f => f!["studentId"]!.GetValue<Guid>() == ids["exactly-10pct"]);
    }

    [Fact]
    public async Task ACsvImportReportsBadRowsByLineImportsTheRestAndADryRunWritesNothing()
    {
        var school = TestSchool.Create(factory);
        var admin = await school.Admin();
        var (studentId, _) = await school.AddStudent("csv");
        var email = school.Email("csv");
        var csv = $"""
            Email,Date,Status
            {email},2026-09-01,present
            "{email.ToUpperInvariant()}",2026-09-02,Absent
            nobody@school.test,2026-09-02,absent
            {email},2026-02-30,absent
            {email},2026-09-03,sick
            {email},9/4/2026,tardy
            """;
        async Task<System.Text.Json.Nodes.JsonObject> Post(string query) =>
            await (await admin.PostAsync($"/api/attendance/import{query}", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"))).Json();

        var dry = await Post("?dryRun=true");
        Assert.True(dry["dryRun"]!.GetValue<bool>());
        Assert.Equal(6, dry["rows"]!.GetValue<int>());
        Assert.Equal(3, dry["created"]!.GetValue<int>());
        Assert.Equal([(4, "email"), (5, "date"), (6, "status")], dry["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<int>(), e["field"]!.GetValue<string>())).ToArray());
        Assert.Equal(0, (await (await admin.GetAsync($"/api/students/{studentId}/signals")).Json())["daysEnrolled"]!.GetValue<int>());

        var real = await Post("");
        Assert.Equal(3, real["created"]!.GetValue<int>());
        var signals = await (await admin.GetAsync($"/api/students/{studentId}/signals")).Json();
        Assert.Equal(3, signals["daysEnrolled"]!.GetValue<int>());
        Assert.Equal(1, signals["daysAbsent"]!.GetValue<int>());
        // Importing the same file again changes nothing.
        var again = await Post("");
        Assert.Equal(0, again["created"]!.GetValue<int>());
        Assert.Equal(3, again["unchanged"]!.GetValue<int>());
        var noHeader = await admin.PostAsync("/api/attendance/import", new StringContent("a,b\n1,2", System.Text.Encoding.UTF8, "text/csv"));
        await noHeader.Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GradesFlagACoreCourseBelowSixtyAndADropOfTenPoints()
    {
        var school = TestSchool.Create(factory);
        var admin = await school.Admin();
        var (studentId, _) = await school.AddStudent("gus");
        var (steadyId, _) = await school.AddStudent("sol");
        var result = await admin.PostAsJsonAsync("/api/grades", new
        {
            grades = new object[]
            {
                new { studentId, course = "Math", term = "2026-T1", percent = 71 },
                new { studentId, course = "Math", term = "2026-T2", percent = 58 },
                new { studentId, course = "Art", term = "2026-T2", percent = 40 },
                new { studentId = steadyId, course = "ELA", term = "2026-T1", percent = 64 },
                new { studentId = steadyId, course = "ELA", term = "2026-T2", percent = 60 },
            },
        });
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var flags = (await (await admin.GetAsync($"/api/students/{studentId}/signals")).Json())["flags"]!.AsArray();
        Assert.Equal(["courseFailure", "gradeDecline"], flags.Select(f => f!["type"]!.GetValue<string>()).ToArray());
        Assert.Contains("Math 58%", flags[0]!["detail"]!.GetValue<string>());
        Assert.Empty((await (await admin.GetAsync($"/api/students/{steadyId}/signals")).Json())["flags"]!.AsArray());
    }

    [Fact]
    public async Task AGradesCsvImportsGoodRowsReportsBadOnesByLineChecksFirstOnADryRunAndReimportsWithoutDuplicates()
    {
        var school = TestSchool.Create(factory);
        var admin = await school.Admin();
        var (studentId, _) = await school.AddStudent("gia");
        var gia = school.Email("gia");
        var csv = string.Join("\n",
            "email,course,term,percent,core",
            $"{gia},Algebra,2026-T1,82,yes",
            $"{gia},Algebra,2026-T2,55%,yes",
            $"{gia},Drama,2026-T2,48,no",
            $"{school.Email("nobody")},Algebra,2026-T1,70,",
            $"{gia},,2026-T1,70,",
            $"{gia},History,2026-T1,101,",
            $"{gia},History,2026-T1,70,maybe");
        async Task<System.Text.Json.Nodes.JsonObject> Import(string query) =>
            await (await admin.PostAsync($"/api/grades/import{query}", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"))).Json();
        static string Lines(System.Text.Json.Nodes.JsonObject report) =>
            string.Join(" ", report["errors"]!.AsArray().Select(e => $"{e!["line"]}:{e["field"]}"));

        var dry = await Import("?dryRun=true");
        Assert.Equal((7, 3, "5:email 6:course 7:percent 8:core"), (dry["rows"]!.GetValue<int>(), dry["created"]!.GetValue<int>(), Lines(dry)));
        Assert.Empty((await (await admin.GetAsync($"/api/students/{studentId}/signals")).Json())["flags"]!.AsArray());

        var real = await Import("");
        Assert.Equal((3, 0, "5:email 6:course 7:percent 8:core"), (real["created"]!.GetValue<int>(), real["updated"]!.GetValue<int>(), Lines(real)));
        var flags = (await (await admin.GetAsync($"/api/students/{studentId}/signals")).Json())["flags"]!.AsArray()
            .Select(f => f!["type"]!.GetValue<string>()).Order().ToArray();
        Assert.Equal(["courseFailure", "gradeDecline"], flags); // Algebra fell from 82% to 55% and is core; Drama is not core

        var again = await Import("");
        Assert.Equal((0, 0, 3), (again["created"]!.GetValue<int>(), again["updated"]!.GetValue<int>(), again["unchanged"]!.GetValue<int>()));
        Assert.Equal(3, await factory.WithDbAsync(db => Task.FromResult(db.CourseGrades.Count(g => g.StudentId == studentId))));
        await (await admin.PostAsync("/api/grades/import", new StringContent("name,score\nx,1", System.Text.Encoding.UTF8, "text/csv"))).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OverdueFollowUpsComeFirstOnTheMentorsListAndDoneOnesLeaveIt()
    {
        var school = TestSchool.Create(factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (_, other) = await school.AddStaff("other", "mentor");
        var (studentId, _) = await school.AddStudent("ike", mentorId: mentorId);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (overdue, later) = await factory.WithDbAsync(async db =>
        {
            var due = new ProjectSpark.Features.Signals.FollowUp(school.SchoolId, studentId, mentorId, "chronicAbsence", "Absent on 12% of days", today.AddDays(-3), DateTimeOffset.UtcNow);
            var next = new ProjectSpark.Features.Signals.FollowUp(school.SchoolId, studentId, mentorId, "chronicAbsence", "Absent on 12% of days", today.AddDays(20), DateTimeOffset.UtcNow);
            db.FollowUps.AddRange(next, due);
            await db.SaveChangesAsync();
            return (due.Id, next.Id);
        });

        var list = (await (await mentor.GetAsync("/api/follow-ups")).Json())["items"]!.AsArray();
        Assert.Equal([(overdue, true), (later, false)], list.Select(f => (f!["id"]!.GetValue<Guid>(), f["overdue"]!.GetValue<bool>())));
        Assert.Empty((await (await other.GetAsync("/api/follow-ups")).Json())["items"]!.AsArray());
        await (await other.PostAsync($"/api/follow-ups/{overdue}/complete", null)).Problem(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.NoContent, (await mentor.PostAsync($"/api/follow-ups/{overdue}/complete", null)).StatusCode);
        var after = (await (await mentor.GetAsync("/api/follow-ups")).Json())["items"]!.AsArray();
        Assert.Equal([later], after.Select(f => f!["id"]!.GetValue<Guid>()));
        await (await mentor.PostAsync($"/api/follow-ups/{Guid.NewGuid()}/complete", null)).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TermsFollowTheOrderTheSchoolRecordedThemNotTheAlphabet()
    {
        var school = TestSchool.Create(factory);
        var admin = await school.Admin();
        var (studentId, _) = await school.AddStudent("win");
        // "Spring 2027" sorts before "Winter 2026" by name, but it came later: the drop is a decline, not a rise.
        foreach (var (term, percent) in new[] { ("Winter 2026", 80), ("Spring 2027", 65) })
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/grades",
                new { grades = new[] { new { studentId, course = "Biology", term, percent } } })).StatusCode);
        var flags = (await (await admin.GetAsync($"/api/students/{studentId}/signals")).Json())["flags"]!.AsArray();
        var decline = Assert.Single(flags);
        Assert.Equal("gradeDecline", decline!["type"]!.GetValue<string>());
        Assert.Equal("Biology fell from 80% (Winter 2026) to 65% (Spring 2027)", decline["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignalsAreForAdminsAndTheCurrentMentorOnlyAndBadRecordsChangeNothing()
    {
        var school = TestSchool.Create(factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (_, other) = await school.AddStaff("other", "mentor");
        var (_, teacher) = await school.AddStaff("teacher", "teacher");
        var (studentId, student) = await school.AddStudent("ana", mentorId: mentorId);
        var admin = await school.Admin();
        Assert.Equal(HttpStatusCode.OK, (await mentor.GetAsync($"/api/students/{studentId}/signals")).StatusCode);
        foreach (var refused in new[] { other, teacher, student })
            await (await refused.GetAsync($"/api/students/{studentId}/signals")).Problem(HttpStatusCode.Forbidden);
        await (await mentor.PostAsJsonAsync("/api/attendance", new { records = new[] { new { studentId, date = "2026-09-01", status = "absent" } } })).Problem(HttpStatusCode.Forbidden);

        var bad = await (await admin.PostAsJsonAsync("/api/attendance", new
        {
            records = new object[]
            {
                new { studentId, date = "2026-09-01", status = "absent" },
                new { studentId, date = "2026-09-02", status = "sick" },
                new { studentId = Guid.NewGuid(), date = "2026-09-02", status = "absent" },
            },
        })).Problem(HttpStatusCode.BadRequest);
        Assert.True(bad["errors"]!.AsObject().ContainsKey("records[1].status"));
        Assert.True(bad["errors"]!.AsObject().ContainsKey("records[2].studentId"));
        await (await admin.PostRaw("/api/attendance", """{"records":[{"studentId":"STUDENT","date":"2026-13-45","status":"absent"}]}""".Replace("STUDENT", studentId.ToString()))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(0, (await (await admin.GetAsync($"/api/students/{studentId}/signals")).Json())["daysEnrolled"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheNightlyJobIsScheduledAndRaisesFlagsForAttendanceThatArrivedWithoutAnImport()
    {
        var recurring = factory.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection().GetRecurringJobs()
            .Single(j => j.Id == "signals-nightly");
        Assert.Equal("0 2 * * *", recurring.Cron);

        var school = TestSchool.Create(factory);
        var admin = await school.Admin();
        var (studentId, _) = await school.AddStudent("quiet");
        // Three absences in a row written straight to the database: no import ran, so nothing recomputed yet.
        await factory.WithDbAsync(async db =>
        {
            foreach (var (day, i) in SchoolDays(10).Select((d, i) => (d, i)))
                db.Attendance.Add(new ProjectSpark.Features.Signals.AttendanceRecord(school.SchoolId, studentId, day,
                    i is >= 2 and <= 4 ? ProjectSpark.Features.Signals.AttendanceStatus.Absent : ProjectSpark.Features.Signals.AttendanceStatus.Present, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        Assert.Empty((await (await admin.GetAsync($"/api/students/{studentId}/signals")).Json())["flags"]!.AsArray());

        factory.Services.GetRequiredService<Hangfire.IRecurringJobManager>().Trigger("signals-nightly");
        string[] flags = [];
        for (var waited = 0; waited < 60 && flags.Length == 0; waited++)
        {
            await Task.Delay(500);
            flags = (await (await admin.GetAsync($"/api/students/{studentId}/signals")).Json())["flags"]!.AsArray()
                .Select(f => f!["type"]!.GetValue<string>()).Order().ToArray();
        }
        Assert.Equal(["absenceStreak", "earlyYearPace", "severeChronicAbsence"], flags);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SignalsOnSqlite(SqliteApp app) : SignalsTests(app.Factory);

[Collection(PostgresCollection.Name)]
public sealed class SignalsOnPostgres(PostgresApp app) : SignalsTests(app.Factory);

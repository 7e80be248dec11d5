using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Features.Staff;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>
/// The four OneRoster exports in shared/fixtures/oneroster, imported as a district would: a dry run that writes
/// nothing, the real import, and a second import that changes nothing. The expected figures were worked out by
/// reading each fixture's CSV files by hand; line numbers count the header as line 1.
/// </summary>
public abstract class RosterImportTests(SparkFactory factory)
{
    private sealed record Expected(string Version, string Students, string Staff, string Classes, string Enrollments,
        (int Students, int Staff, int Classes, int Members) Held, string[] Errors, string[] Warnings);

    /// <summary>Dry run, real run, re-run; then the school's imported people are removed (see RosterFixtures.Forget).</summary>
    private async Task<TestSchool> ImportThreeTimes(string fixture, Expected expected, Func<TestSchool, Task>? check = null)
    {
        var school = TestSchool.Create(factory);
        var admin = await school.Admin();
        try
        {
            var dry = await (await admin.PostZip(fixture, dryRun: true)).Json();
            AssertReport(dry, expected, dryRun: true);
            Assert.Equal((0, 0, 0, 0), await factory.Held(school.SchoolId));

            var real = await (await admin.PostZip(fixture, dryRun: false)).Json();
            AssertReport(real, expected, dryRun: false);
            Assert.Equal(expected.Held, await factory.Held(school.SchoolId));
            if (check is not null) await check(school);

            // A second import of the same export creates and updates nothing: what was created is now unchanged.
            var again = await (await admin.PostZip(fixture, dryRun: false)).Json();
            static string Settled(string counts) { var c = counts.Split('/').Select(int.Parse).ToArray(); return $"0/0/{c[0] + c[1] + c[2]}/{c[3]}"; }
            Assert.Equal([Settled(expected.Students), Settled(expected.Staff), Settled(expected.Classes), Settled(expected.Enrollments)],
                new[] { "students", "staff", "classes", "enrollments" }.Select(again.Counts));
            Assert.Equal(expected.Errors, again.Issues("errors"));
            Assert.Equal(expected.Held, await factory.Held(school.SchoolId));
            return school;
        }
        finally
        {
            await factory.Forget(school.SchoolId);
        }
    }

    private static void AssertReport(JsonObject report, Expected expected, bool dryRun)
    {
        Assert.Equal(dryRun, report["dryRun"]!.GetValue<bool>());
        Assert.Equal(expected.Version, report["version"]!.GetValue<string>());
        Assert.Equal(1, report["orgs"]!.GetValue<int>());
        Assert.Equal([expected.Students, expected.Staff, expected.Classes, expected.Enrollments],
            new[] { "students", "staff", "classes", "enrollments" }.Select(report.Counts));
        Assert.Equal(expected.Errors, report.Issues("errors"));
        Assert.Equal(expected.Warnings, report.Issues("warnings"));
    }

    [Fact]
    public async Task TheFullOneRoster11ExportImportsEveryoneWithAnEmailAndReportsTheRestByLine() =>
        await ImportThreeTimes("Test_full_data_set.zip", new Expected("1.1",
            // users.csv: students mary (3), mmichel (6), anna (7); teachers john (2), jim (5); thomas (4) is a parent.
            Students: "3/0/0/0", Staff: "2/0/0/0",
            // classes.csv: Introduction to Physics (2) is created; History - 2 (3) is tobedeleted.
            Classes: "1/0/0/1",
            // enrollments.csv: john teaches physics (2), mmichel takes it (4); jim (3) is a teacher enrolled as a
            // student; lines 5-7 are in the tobedeleted history class.
            Enrollments: "2/0/0/3",
            Held: (3, 2, 1, 2),
            Errors: ["enrollments.csv:3:userSourcedId"],
            Warnings: ["users.csv:4:role", "classes.csv:3:status", "enrollments.csv:5:classSourcedId", "enrollments.csv:6:classSourcedId", "enrollments.csv:7:classSourcedId"]),
            async school =>
            {
                var mmichel = await factory.WithDbAsync(db => db.Students.SingleAsync(s => s.SchoolId == school.SchoolId && s.SourcedId == "usr-222-1234561232"));
                Assert.Equal(("mmichel Jones", "mmichel.jones2@myschool.com", 12), (mmichel.DisplayName, mmichel.Email, mmichel.GradeLevel));
                var physics = await factory.WithDbAsync(db => db.Classes.SingleAsync(c => c.SchoolId == school.SchoolId));
                Assert.Equal(("Introduction to Physics", "Science, Physics, Biology"), (physics.Title, physics.Subject));
                // The export's files sent one by one (multipart) count exactly as the zip does.
                var files = await (await (await school.Admin()).PostFiles("Test_full_data_set.zip", dryRun: true)).Json();
                Assert.Equal(["0/0/3/0", "0/0/2/0", "0/0/1/1", "0/0/2/3"], new[] { "students", "staff", "classes", "enrollments" }.Select(files.Counts));
            });

    [Fact]
    public async Task TheMinimalOneRoster11ExportHasNoEmailsSoEveryPersonIsAnErrorAndOnlyTheClassesImport() =>
        await ImportThreeTimes("Test_minimal_data_set.zip", new Expected("1.1",
            // users.csv has no email at all: the five students and teachers cannot sign in; thomas (4) is a parent.
            Students: "0/0/0/0", Staff: "0/0/0/0",
            // classes.csv: both classes are active (status empty).
            Classes: "2/0/0/0",
            // enrollments.csv: every row names a user that was not imported.
            Enrollments: "0/0/0/0",
            Held: (0, 0, 2, 0),
            Errors: ["users.csv:2:email", "users.csv:3:email", "users.csv:5:email", "users.csv:6:email", "users.csv:7:email",
                "enrollments.csv:2:userSourcedId", "enrollments.csv:3:userSourcedId", "enrollments.csv:4:userSourcedId",
                "enrollments.csv:5:userSourcedId", "enrollments.csv:6:userSourcedId", "enrollments.csv:7:userSourcedId"],
            Warnings: ["users.csv:4:role"]));

    [Fact]
    public async Task TheOneRoster12TestExportTakesRolesFromRolesCsvAndReportsTheStudentWithoutEmail() =>
        await ImportThreeTimes("oneroster_test_data.zip", new Expected("1.2",
            // users.csv has no role column; roles.csv makes USER_0 (Bruce Wayne) a student, but he has no email.
            Students: "0/0/0/0", Staff: "0/0/0/0",
            Classes: "1/0/0/0", // CLASS_001 Basic Detection
            Enrollments: "0/0/0/0", // USER_0 in CLASS_001 (2): the user was not imported
            Held: (0, 0, 1, 0),
            Errors: ["users.csv:2:email", "enrollments.csv:2:userSourcedId"],
            Warnings: []));

    [Fact]
    public async Task TheFullOneRoster12ExportReadsRolesDespiteTheMisspeltHeaderAndTrailingEmptyColumns() =>
        await ImportThreeTimes("v1p2_full_dataset.zip", new Expected("1.2",
            // roles.csv: mary, mmichel, anna are students; john and jim teachers (john's secondary guardian role is
            // ignored: the primary role wins); thomas is a siteAdministrator, so staff with the admin role.
            Students: "3/0/0/0", Staff: "3/0/0/0",
            Classes: "1/0/0/1", // as in the 1.1 full set: History - 2 (3) is tobedeleted
            Enrollments: "2/0/0/3", // as in the 1.1 full set
            Held: (3, 3, 1, 2),
            Errors: ["enrollments.csv:3:userSourcedId"],
            Warnings: ["classes.csv:3:status", "enrollments.csv:5:classSourcedId", "enrollments.csv:6:classSourcedId", "enrollments.csv:7:classSourcedId"]),
            async school =>
            {
                var thomas = await factory.WithDbAsync(db => db.Staff.SingleAsync(s => s.SchoolId == school.SchoolId && s.SourcedId == "usr-222-1234561"));
                Assert.Equal(StaffRoles.Teacher | StaffRoles.Admin, thomas.Roles);
            });

    [Fact]
    public async Task APlainCsvOfStudentsAndStaffImportsGoodRowsReportsBadOnesByLineAndReimportsWithoutDuplicates()
    {
        var school = TestSchool.Create(factory);
        var admin = await school.Admin();
        var csv = $"""
            Role,Name,Email,Grade,SourcedId
            student,Ana Ruiz,{school.Email("ana")},KG,p-1
            student,Ben Ode,{school.Email("ben")},09,
            mentor;teacher,Cora Lee,{school.Email("cora")},,p-3
            admin,Dan Fox,{school.Email("dan")},,
            student,No Grade,{school.Email("nograde")},,
            janitor,Eve Park,{school.Email("eve")},,
            student;teacher,Both Ways,{school.Email("both")},7,
            student,No Email,,5,
            student,Test Admin,{school.AdminEmail},5,
            """;
        string[] errors = ["people.csv:6:grade", "people.csv:7:role", "people.csv:8:role", "people.csv:9:email", "people.csv:10:email"];

        var dry = await (await admin.PostCsv("/api/roster/people?dryRun=true", csv)).Json();
        Assert.Equal(["2/0/0/0", "2/0/0/0"], new[] { "students", "staff" }.Select(dry.Counts));
        Assert.Equal(errors, dry.Issues("errors"));
        Assert.Equal((0, 0, 0, 0), await factory.Held(school.SchoolId));

        var real = await (await admin.PostCsv("/api/roster/people", csv)).Json();
        Assert.Equal(["2/0/0/0", "2/0/0/0"], new[] { "students", "staff" }.Select(real.Counts));
        Assert.Equal(errors, real.Issues("errors"));
        Assert.Equal((2, 2, 0, 0), await factory.Held(school.SchoolId));
        var cora = await factory.WithDbAsync(db => db.Staff.SingleAsync(s => s.SourcedId == "p-3" && s.SchoolId == school.SchoolId));
        Assert.Equal(StaffRoles.Mentor | StaffRoles.Teacher, cora.Roles);

        var again = await (await admin.PostCsv("/api/roster/people", csv)).Json();
        Assert.Equal(["0/0/2/0", "0/0/2/0"], new[] { "students", "staff" }.Select(again.Counts));

        // Ana's grade and name change by sourcedId; Ben, matched by email, adopts the sourcedId he now has.
        var changed = await (await admin.PostCsv("/api/roster/people", $"""
            role,name,email,grade,sourcedId
            student,Ana Ruiz-Diaz,{school.Email("ana")},1,p-1
            student,Ben Ode,{school.Email("ben")},9,p-2
            """)).Json();
        Assert.Equal("0/2/0/0", changed.Counts("students"));
        var students = await factory.WithDbAsync(db => db.Students.Where(s => s.SchoolId == school.SchoolId).OrderBy(s => s.SourcedId).ToListAsync());
        Assert.Equal([("p-1", "Ana Ruiz-Diaz", 1), ("p-2", "Ben Ode", 9)], students.Select(s => (s.SourcedId, s.DisplayName, s.GradeLevel)));
    }

    [Fact]
    public async Task ATobedeletedRowNeverDeletesAnExistingPersonAndAnUnknownClassIsAnErrorByLine()
    {
        var school = TestSchool.Create(factory);
        var admin = await school.Admin();
        const string UsersHeader = "sourcedId,status,role,givenName,familyName,email,grades";
        var first = RosterFixtures.Zip(("users.csv", $"{UsersHeader}\nu-1,active,student,Zoe,Kim,{school.Email("zoe")},\"10,11\"\n"));
        Assert.Equal("1/0/0/0", (await (await admin.PostZipBytes(first)).Json()).Counts("students"));

        var second = RosterFixtures.Zip(
            ("users.csv", $"{UsersHeader}\nu-1,tobedeleted,student,Zoe,Kim,{school.Email("zoe")},10\n"),
            ("classes.csv", "sourcedId,title\nc-1,Robotics\n"),
            ("enrollments.csv", "sourcedId,classSourcedId,userSourcedId,role\ne-1,c-404,u-1,student\ne-2,c-404,u-9,student\ne-3,c-1,u-9,teacher\n"));
        var report = await (await admin.PostZipBytes(second)).Json();
        Assert.Equal("0/0/0/1", report.Counts("students"));
        Assert.Contains("kept", report["warnings"]![0]!["message"]!.GetValue<string>());
        // u-1 was skipped on purpose, so its enrollment is too (warnings); class c-404 and user u-9 exist nowhere (errors).
        Assert.Equal(["users.csv:2:status", "enrollments.csv:2:userSourcedId"], report.Issues("warnings"));
        Assert.Equal(["enrollments.csv:3:classSourcedId", "enrollments.csv:4:userSourcedId"], report.Issues("errors"));
        Assert.Equal((1, 0, 1, 0), await factory.Held(school.SchoolId));
    }

    [Fact]
    public async Task ABadHeaderIsAProblemThatNamesTheFileAndWritesNothing()
    {
        var school = TestSchool.Create(factory);
        var admin = await school.Admin();
        var noEmail = RosterFixtures.Zip(("classes.csv", "sourcedId,title\nc-1,Robotics\n"),
            ("users.csv", $"sourcedId,role,givenName,familyName\nu-1,student,Zoe,Kim\n"));
        var problem = await (await admin.PostZipBytes(noEmail)).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("email", problem["errors"]!["users.csv"]![0]!.GetValue<string>());

        var noUsers = RosterFixtures.Zip(("classes.csv", "sourcedId,title\nc-1,Robotics\n"));
        Assert.NotNull((await (await admin.PostZipBytes(noUsers)).Problem(HttpStatusCode.BadRequest))["errors"]!["files"]);
        Assert.NotNull((await (await admin.PostZipBytes("not a zip"u8.ToArray())).Problem(HttpStatusCode.BadRequest))["errors"]!["body"]);

        var people = await (await admin.PostCsv("/api/roster/people", "name,email\nZoe,z@school.test\n")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("role", people["errors"]!["people.csv"]![0]!.GetValue<string>());
        Assert.Equal((0, 0, 0, 0), await factory.Held(school.SchoolId));
    }

    [Fact]
    public async Task OnlyAnAdminMayImportARoster()
    {
        var school = TestSchool.Create(factory);
        var (_, teacher) = await school.AddStaff("teacher", "teacher", "mentor");
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.PostZip("Test_full_data_set.zip", dryRun: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.PostCsv("/api/roster/people", "role,name,email\n")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await school.Anonymous().PostZip("Test_full_data_set.zip", dryRun: true)).StatusCode);
        Assert.Equal((0, 1, 0, 0), await factory.Held(school.SchoolId)); // only the teacher added above
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RosterImportOnSqlite(SqliteApp app) : RosterImportTests(app.Factory);

[Collection(PostgresCollection.Name)]
public sealed class RosterImportOnPostgres(PostgresApp app) : RosterImportTests(app.Factory);

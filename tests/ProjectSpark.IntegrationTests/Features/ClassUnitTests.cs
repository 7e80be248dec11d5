using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>A teacher asks for ideas for a class unit; the class's interests inform them as counts; students see them once introduced.</summary>
public abstract class ClassUnitTests(SparkFactory factory)
{
    private sealed record ClassSetup(TestSchool School, Guid ClassId, Guid TeacherId, HttpClient Teacher,
        (Guid Id, HttpClient Client)[] Students, Guid MentorId, HttpClient Mentor);

    /// <summary>A class taught by one teacher, with four students (two mentored by a mentor who does not teach it).</summary>
    private async Task<ClassSetup> ClassWithStudents()
    {
        var school = TestSchool.Create(factory);
        var (teacherId, teacher) = await school.AddStaff("teacher", "teacher");
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var students = new[]
        {
            await school.AddStudent("ana", grade: 7, interests: ["basketball", "baking"], mentorId: mentorId),
            await school.AddStudent("ben", grade: 7, interests: ["Basketball", "minecraft"], mentorId: mentorId),
            await school.AddStudent("cal", grade: 7, interests: ["basketball", "minecraft", "drawing"]),
            await school.AddStudent("dee", grade: 8, interests: ["k-pop"]),
        };
        var classId = await CreateClass(school, "Math 7B", "Math", [teacherId], students.Select(s => s.Id).ToArray());
        return new ClassSetup(school, classId, teacherId, teacher, students, mentorId, mentor);
    }

    private static async Task<Guid> CreateClass(TestSchool school, string title, string? subject, Guid[] teacherIds, Guid[] studentIds)
    {
        var admin = await school.Admin();
        var created = await admin.PostAsJsonAsync("/api/classes", new { title, subject, teacherIds, studentIds });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Json())["id"]!.GetValue<Guid>();
    }

    private static async Task<JsonObject> RequestAndWait(HttpClient teacher, Guid classId, object body)
    {
        var accepted = await teacher.PostAsJsonAsync($"/api/classes/{classId}/idea-requests", body);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.StartsWith("/api/idea-requests/", accepted.Headers.Location!.ToString());
        Assert.Equal("queued", (await accepted.Json())["status"]!.GetValue<string>());
        return await TestSchool.WaitFinished(teacher, accepted.Headers.Location!.ToString());
    }

    private static Guid[] DraftIds(JsonObject request) => request["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToArray();

    private static Guid[] Ids(JsonObject list) => list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToArray();

    [Fact]
    public async Task ATeachersUnitRequestDraftsForTheClassFromInterestCountsWithNoStudentNamedAnywhere()
    {
        var c = await ClassWithStudents();
        var request = await RequestAndWait(c.Teacher, c.ClassId,
            new { unit = "Ratios and proportions", subject = "Math", gradeLevel = 7, standards = new[] { "CCSS.MATH.7.RP.A.2" }, durationWeeks = 3, count = 2 });
        Assert.Equal("drafted", request["status"]!.GetValue<string>());
        Assert.Equal(c.ClassId, request["classId"]!.GetValue<Guid>());
        Assert.Null(request["studentId"]);
        Assert.Equal("Ratios and proportions", request["classUnit"]!["unit"]!.GetValue<string>());
        var ids = DraftIds(request);
        Assert.Equal(2, ids.Length);

        foreach (var id in ids)
        {
            var response = await c.Teacher.GetAsync($"/api/drafts/{id}");
            var raw = await response.Content.ReadAsStringAsync();
            var d = JsonNode.Parse(raw)!.AsObject();
            Assert.Equal("class", d["kind"]!.GetValue<string>());
            Assert.Equal(c.ClassId, d["classId"]!.GetValue<Guid>());
            Assert.Equal("Math 7B", d["classTitle"]!.GetValue<string>());
            Assert.Null(d["studentId"]);
            Assert.Equal("pendingReview", d["status"]!.GetValue<string>());
            Assert.Equal(["CCSS.MATH.7.RP.A.2"], d["standards"].Strings());
            Assert.Contains("Ratios and proportions", d["title"]!.GetValue<string>());
            // "basketball" is shared by three of the four students (one wrote "Basketball"): counts, never who.
            Assert.Matches(@"^\d students? of 4 in this class named (basketball|minecraft|baking|drawing|k-pop)", d["whyItFits"]!.GetValue<string>());
            Assert.True(d["quality"]!["whyItFitsNamesInterest"]!.GetValue<bool>());
            Assert.All(d["milestones"]!.AsArray(), m => Assert.InRange(m!["week"]!.GetValue<int>(), 1, 3));
            foreach (var who in new[] { "ana", "ben", "cal", "dee" })
            {
                Assert.DoesNotContain($"Student {who}", raw);
                Assert.DoesNotContain(c.School.Email(who), raw);
            }
            foreach (var (studentId, _) in c.Students) Assert.DoesNotContain(studentId.ToString(), raw);
        }
    }

    [Fact]
    public async Task StandardsAppearInAClassDraftOnlyWhenTheTeacherSuppliedThem()
    {
        var c = await ClassWithStudents();
        var request = await RequestAndWait(c.Teacher, c.ClassId, new { unit = "Ecosystems", subject = "Science", count = 3 });
        foreach (var id in DraftIds(request))
        {
            var d = await (await c.Teacher.GetAsync($"/api/drafts/{id}")).Json();
            Assert.Empty(d["standards"]!.AsArray());
            Assert.Empty(d["original"]!["standards"]!.AsArray());
        }
        // Grade and weeks default from the class (most students are in grade 7) and to four weeks.
        Assert.Equal(7, request["classUnit"]!["gradeLevel"]!.GetValue<int>());
        Assert.Equal(4, request["classUnit"]!["durationWeeks"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"subject":"Math"}""", "unit")]
    [InlineData("""{"unit":"   "}""", "unit")]
    [InlineData("""{"unit":"UNIT_201"}""", "unit")]
    [InlineData("""{"unit":"Fractions","subject":"SUBJECT_101"}""", "subject")]
    [InlineData("""{"unit":"Fractions","gradeLevel":13}""", "gradeLevel")]
    [InlineData("""{"unit":"Fractions","gradeLevel":-1}""", "gradeLevel")]
    [InlineData("""{"unit":"Fractions","standards":["a","b","c","d","e","f","g","h","i","j","k"]}""", "standards")]
    [InlineData("""{"unit":"Fractions","standards":["STANDARD_41"]}""", "standards[0]")]
    [InlineData("""{"unit":"Fractions","standards":["ok",""]}""", "standards[1]")]
    [InlineData("""{"unit":"Fractions","durationWeeks":0}""", "durationWeeks")]
    [InlineData("""{"unit":"Fractions","durationWeeks":13}""", "durationWeeks")]
    [InlineData("""{"unit":"Fractions","count":6}""", "count")]
    [InlineData("""{"unit":"Fractions","count":0}""", "count")]
    [InlineData("""{"unit":"Fractions","classId":"00000000-0000-0000-0000-000000000000"}""", "classId")]
    public async Task EachFieldOfAClassRequestIsCheckedAndA400NamesIt(string json, string field)
    {
        var c = await ClassWithStudents();
        json = json.Replace("UNIT_201", new string('u', 201)).Replace("SUBJECT_101", new string('s', 101)).Replace("STANDARD_41", new string('x', 41));
        var problem = await (await c.Teacher.PostRaw($"/api/classes/{c.ClassId}/idea-requests", json)).Problem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"expected an error for '{field}' in {problem["errors"]}");
    }

    [Fact]
    public async Task OnlyTheClassesOwnTeachersAndAdminsMayRequestIdeasForIt()
    {
        var c = await ClassWithStudents();
        var (_, otherTeacher) = await c.School.AddStaff("other-teacher", "teacher");
        var body = new { unit = "Fractions", count = 1 };
        await (await otherTeacher.PostAsJsonAsync($"/api/classes/{c.ClassId}/idea-requests", body)).Problem(HttpStatusCode.Forbidden);
        await (await c.Mentor.PostAsJsonAsync($"/api/classes/{c.ClassId}/idea-requests", body)).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await c.Students[0].Client.PostAsJsonAsync($"/api/classes/{c.ClassId}/idea-requests", body)).StatusCode);
        await (await c.Teacher.PostAsJsonAsync($"/api/classes/{Guid.NewGuid()}/idea-requests", body)).Problem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await c.School.Anonymous().PostAsJsonAsync($"/api/classes/{c.ClassId}/idea-requests", body)).StatusCode);

        // A class of another school does not exist for this teacher.
        var elsewhere = await ClassWithStudents();
        await (await c.Teacher.PostAsJsonAsync($"/api/classes/{elsewhere.ClassId}/idea-requests", body)).Problem(HttpStatusCode.NotFound);

        var admin = await c.School.Admin();
        var byAdmin = await RequestAndWait(admin, c.ClassId, body);
        Assert.Equal("drafted", byAdmin["status"]!.GetValue<string>());
        // The teacher follows a request an admin made for their class; another teacher may not.
        var url = $"/api/idea-requests/{byAdmin["id"]!.GetValue<Guid>()}";
        Assert.Equal(HttpStatusCode.OK, (await c.Teacher.GetAsync(url)).StatusCode);
        await (await otherTeacher.GetAsync(url)).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AClassWhoseStudentsHaveNoInterestsYetIsTurnedAwayWithAReason()
    {
        var school = TestSchool.Create(factory);
        var (teacherId, teacher) = await school.AddStaff("teacher", "teacher");
        var (quiet, _) = await school.AddStudent("quiet");
        var classId = await CreateClass(school, "Art 2", "Art", [teacherId], [quiet]);
        var problem = await (await teacher.PostAsJsonAsync($"/api/classes/{classId}/idea-requests", new { unit = "Color" })).Problem(HttpStatusCode.Conflict);
        Assert.Contains("No student in this class has interests", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheTeacherReviewsClassDraftsAndTheClassSeesOnlyWhatWasIntroducedToIt()
    {
        var c = await ClassWithStudents();
        var (coTeacherId, coTeacher) = await c.School.AddStaff("co-teacher", "teacher", "mentor");
        var (outsiderId, outsider) = await c.School.AddStudent("outsider", interests: ["basketball"]);
        await CreateClass(c.School, "Art 3", "Art", [coTeacherId], [outsiderId]);
        var ids = DraftIds(await RequestAndWait(c.Teacher, c.ClassId, new { unit = "Statistics", subject = "Math", count = 4 }));

        // The requesting teacher's queue holds them; the mentor of two of the students has no say over class drafts.
        Assert.Equal(ids.Order(), Ids(await (await c.Teacher.GetAsync("/api/reviews?status=pendingReview")).Json()).Order());
        var item = (await (await c.Teacher.GetAsync("/api/reviews")).Json())["items"]![0]!;
        Assert.Equal("class", item["kind"]!.GetValue<string>());
        Assert.Equal("Math 7B", item["classTitle"]!.GetValue<string>());
        Assert.DoesNotContain(ids[0], Ids(await (await c.Mentor.GetAsync("/api/reviews?status=all")).Json()));
        await (await c.Mentor.GetAsync($"/api/drafts/{ids[0]}")).Problem(HttpStatusCode.Forbidden);
        await (await c.Mentor.PostAsJsonAsync($"/api/drafts/{ids[0]}/approve", new { })).Problem(HttpStatusCode.Forbidden);
        // A teacher of other classes does not see them either, until they teach this one.
        Assert.DoesNotContain(ids[0], Ids(await (await coTeacher.GetAsync("/api/reviews?status=all")).Json()));
        await (await coTeacher.GetAsync($"/api/drafts/{ids[0]}")).Problem(HttpStatusCode.Forbidden);

        // Students see nothing while it is pending, approved, or rejected.
        var ana = c.Students[0].Client;
        await (await ana.GetAsync($"/api/portal/projects/{ids[0]}")).Problem(HttpStatusCode.NotFound);

        var approved = await (await c.Teacher.PostAsJsonAsync($"/api/drafts/{ids[0]}/approve", new { edits = new { title = "Our court, our numbers" } })).Json();
        Assert.Equal("approved", approved["status"]!.GetValue<string>());
        Assert.Equal("Our court, our numbers", approved["title"]!.GetValue<string>());
        Assert.Equal("Too abstract", (await (await c.Teacher.PostAsJsonAsync($"/api/drafts/{ids[1]}/reject", new { reason = "Too abstract" })).Json())["rejectionReason"]!.GetValue<string>());
        Assert.Empty((await (await ana.GetAsync("/api/portal/projects")).Json())["items"]!.AsArray());
        await (await ana.GetAsync($"/api/portal/projects/{ids[0]}")).Problem(HttpStatusCode.NotFound);
        await (await ana.PostAsJsonAsync($"/api/portal/projects/{ids[0]}/response", new { response = "sparked" })).Problem(HttpStatusCode.NotFound);

        // Regenerating a class draft drafts again for the same unit, for the same class.
        var regenerated = await c.Teacher.PostAsJsonAsync($"/api/drafts/{ids[2]}/regenerate", new { feedback = "more about cooking" });
        Assert.Equal(HttpStatusCode.Accepted, regenerated.StatusCode);
        var again = await TestSchool.WaitFinished(c.Teacher, regenerated.Headers.Location!.ToString());
        Assert.Equal(c.ClassId, again["classId"]!.GetValue<Guid>());
        Assert.Equal("Statistics", again["classUnit"]!["unit"]!.GetValue<string>());
        Assert.Equal(ids[2], again["regeneratedFromDraftId"]!.GetValue<Guid>());
        Assert.Single(again["draftIds"]!.AsArray());

        // "I introduced it to the class": now every student of the class sees it, marked as a class project.
        var delivered = await c.Teacher.PostAsJsonAsync($"/api/drafts/{ids[0]}/deliver", new { conversationAt = DateTimeOffset.UtcNow.AddMinutes(-5), note = "Period 3 loved it" });
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        foreach (var (_, student) in c.Students)
        {
            var project = Assert.Single((await (await student.GetAsync("/api/portal/projects")).Json())["items"]!.AsArray())!;
            Assert.Equal(ids[0], project["id"]!.GetValue<Guid>());
            Assert.Equal("class", project["kind"]!.GetValue<string>());
            Assert.Equal("Math 7B", project["classTitle"]!.GetValue<string>());
            Assert.Equal("Our court, our numbers", project["title"]!.GetValue<string>());
            Assert.Equal("Staff teacher", project["sharedBy"]!.GetValue<string>());
            Assert.DoesNotContain("Period 3 loved it", project.ToJsonString());
            Assert.Null(project["conversationStarters"]);
        }
        // Not for students of other classes, not even by id; rejected drafts stay hidden from the class.
        Assert.Empty((await (await outsider.GetAsync("/api/portal/projects")).Json())["items"]!.AsArray());
        await (await outsider.GetAsync($"/api/portal/projects/{ids[0]}")).Problem(HttpStatusCode.NotFound);
        await (await outsider.PostAsJsonAsync($"/api/portal/projects/{ids[0]}/response", new { response = "sparked" })).Problem(HttpStatusCode.NotFound);
        await (await ana.GetAsync($"/api/portal/projects/{ids[1]}")).Problem(HttpStatusCode.NotFound);

        // Responses are per student; the teacher sees counts, never who.
        var mine = await (await ana.PostAsJsonAsync($"/api/portal/projects/{ids[0]}/response", new { response = "sparked", comment = "yes!" })).Json();
        Assert.Equal("sparked", mine["myResponse"]!["response"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await c.Students[1].Client.PostAsJsonAsync($"/api/portal/projects/{ids[0]}/response", new { response = "maybe" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.Students[2].Client.PostAsJsonAsync($"/api/portal/projects/{ids[0]}/response", new { response = "started" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ana.PostAsJsonAsync($"/api/portal/projects/{ids[0]}/response", new { response = "started" })).StatusCode);
        Assert.Equal("started", (await (await ana.GetAsync($"/api/portal/projects/{ids[0]}")).Json())["myResponse"]!["response"]!.GetValue<string>());
        Assert.Null((await (await c.Students[3].Client.GetAsync($"/api/portal/projects/{ids[0]}")).Json())["myResponse"]);
        var view = await (await c.Teacher.GetAsync($"/api/drafts/{ids[0]}")).Json();
        Assert.Equal(0, view["classResponses"]!["sparked"]!.GetValue<int>());
        Assert.Equal(1, view["classResponses"]!["maybe"]!.GetValue<int>());
        Assert.Equal(2, view["classResponses"]!["started"]!.GetValue<int>());
        Assert.Equal(0, view["classResponses"]!["notForMe"]!.GetValue<int>());
        Assert.Null(view["studentResponse"]);
        Assert.DoesNotContain("yes!", view.ToJsonString());
    }

    [Fact]
    public async Task AStudentsOwnProjectsAreMarkedPersonalBesideTheirClassProjects()
    {
        var c = await ClassWithStudents();
        var (anaId, ana) = c.Students[0];
        var personal = DraftIds(await TestSchool.RequestAndWait(c.Mentor, anaId, count: 1))[0];
        Assert.Equal(HttpStatusCode.OK, (await c.Mentor.PostAsJsonAsync($"/api/drafts/{personal}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.Mentor.PostAsJsonAsync($"/api/drafts/{personal}/deliver", new { conversationAt = DateTimeOffset.UtcNow })).StatusCode);
        var forClass = DraftIds(await RequestAndWait(c.Teacher, c.ClassId, new { unit = "Probability", count = 1 }))[0];
        Assert.Equal(HttpStatusCode.OK, (await c.Teacher.PostAsJsonAsync($"/api/drafts/{forClass}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.Teacher.PostAsJsonAsync($"/api/drafts/{forClass}/deliver", new { conversationAt = DateTimeOffset.UtcNow })).StatusCode);

        var items = (await (await ana.GetAsync("/api/portal/projects")).Json())["items"]!.AsArray();
        Assert.Equal("personal", items.Single(i => i!["id"]!.GetValue<Guid>() == personal)!["kind"]!.GetValue<string>());
        Assert.Null(items.Single(i => i!["id"]!.GetValue<Guid>() == personal)!["classTitle"]);
        Assert.Equal("class", items.Single(i => i!["id"]!.GetValue<Guid>() == forClass)!["kind"]!.GetValue<string>());
        // The personal response still lives with the personal draft, and the mentor's queue never held the class draft.
        Assert.Equal(HttpStatusCode.OK, (await ana.PostAsJsonAsync($"/api/portal/projects/{personal}/response", new { response = "maybe" })).StatusCode);
        Assert.Equal("maybe", (await (await c.Mentor.GetAsync($"/api/drafts/{personal}")).Json())["studentResponse"]!["response"]!.GetValue<string>());
        Assert.Equal([personal], Ids(await (await c.Mentor.GetAsync("/api/reviews?status=all")).Json()));
    }

    [Fact]
    public async Task TeachersListTheClassesTheyTeachAndAdminsListThemAll()
    {
        var c = await ClassWithStudents();
        var (otherTeacherId, otherTeacher) = await c.School.AddStaff("other-teacher", "teacher");
        var other = await CreateClass(c.School, "Art 1", "Art", [otherTeacherId], []);
        var mine = (await (await c.Teacher.GetAsync("/api/classes")).Json())["items"]!.AsArray();
        var only = Assert.Single(mine)!;
        Assert.Equal("Math 7B", only["title"]!.GetValue<string>());
        Assert.Equal(4, only["studentCount"]!.GetValue<int>());
        Assert.Equal("Staff teacher", only["teachers"]![0]!["name"]!.GetValue<string>());
        Assert.Equal([other], Ids(await (await otherTeacher.GetAsync("/api/classes")).Json()));
        Assert.Empty((await (await c.Mentor.GetAsync("/api/classes")).Json())["items"]!.AsArray());
        var admin = await c.School.Admin();
        Assert.Equal(new[] { c.ClassId, other }.Order(), Ids(await (await admin.GetAsync("/api/classes")).Json()).Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await c.Students[0].Client.GetAsync("/api/classes")).StatusCode);
    }

    [Fact]
    public async Task OnlyAdminsAddClassesAndEveryMemberMustBelongToTheSchool()
    {
        var c = await ClassWithStudents();
        await (await c.Teacher.PostAsJsonAsync("/api/classes", new { title = "Mine", teacherIds = new[] { c.TeacherId } })).Problem(HttpStatusCode.Forbidden);
        var admin = await c.School.Admin();
        var elsewhere = await ClassWithStudents();
        var problem = await (await admin.PostAsJsonAsync("/api/classes", new { title = "Mixed", teacherIds = new[] { c.TeacherId, elsewhere.TeacherId },
            studentIds = new[] { c.Students[0].Id, elsewhere.Students[0].Id } })).Problem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("teacherIds[1]"));
        Assert.True(problem["errors"]!.AsObject().ContainsKey("studentIds[1]"));
        var noTitle = await (await admin.PostAsJsonAsync("/api/classes", new { subject = "Art" })).Problem(HttpStatusCode.BadRequest);
        Assert.True(noTitle["errors"]!.AsObject().ContainsKey("title"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ClassUnitOnSqlite(SqliteApp app) : ClassUnitTests(app.Factory);

[Collection(PostgresCollection.Name)]
public sealed class ClassUnitOnPostgres(PostgresApp app) : ClassUnitTests(app.Factory);

/// <summary>One active request per class, on an app whose jobs never run (so the first request stays queued).</summary>
public sealed class ClassActiveRequestTests(QueuedOnlyApp app) : IClassFixture<QueuedOnlyApp>
{
    [Fact]
    public async Task AClassWithARequestStillQueuedCannotGetASecondOne()
    {
        var school = TestSchool.Create(app.Factory);
        var (teacherId, teacher) = await school.AddStaff("teacher", "teacher");
        var (studentId, _) = await school.AddStudent("pat", interests: ["chess"]);
        var admin = await school.Admin();
        var ids = new List<Guid>();
        foreach (var title in new[] { "History 9", "Civics 9" })
        {
            var created = await admin.PostAsJsonAsync("/api/classes", new { title, teacherIds = new[] { teacherId }, studentIds = new[] { studentId } });
            ids.Add((await created.Json())["id"]!.GetValue<Guid>());
        }
        Assert.Equal(HttpStatusCode.Accepted, (await teacher.PostAsJsonAsync($"/api/classes/{ids[0]}/idea-requests", new { unit = "Revolutions" })).StatusCode);
        var problem = await (await teacher.PostAsJsonAsync($"/api/classes/{ids[0]}/idea-requests", new { unit = "Empires" })).Problem(HttpStatusCode.Conflict);
        Assert.Contains("already being drafted", problem["detail"]!.GetValue<string>());
        // Another class, and the student's own mentor path, are not held up by it.
        Assert.Equal(HttpStatusCode.Accepted, (await teacher.PostAsJsonAsync($"/api/classes/{ids[1]}/idea-requests", new { unit = "Voting" })).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>Bad input gets a 4xx ProblemDetails naming the field, and changes nothing.</summary>
public abstract class BadInputTests(SparkFactory factory)
{
    private async Task<(TestSchool School, HttpClient Mentor, Guid StudentId, HttpClient Student)> Setup()
    {
        var school = TestSchool.Create(factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, student) = await school.AddStudent("ana", interests: ["music"], mentorId: mentorId);
        return (school, mentor, studentId, student);
    }

    private Task<string[]> InterestsOf(Guid studentId) =>
        factory.WithDbAsync(async db => (await db.Students.AsNoTracking().FirstAsync(s => s.Id == studentId)).Interests.ToArray());

    private Task<int> RequestCount(Guid studentId) => factory.WithDbAsync(db => db.IdeaRequests.CountAsync(r => r.StudentId == studentId));

    [Theory]
    [InlineData("""{"interests":[""]}""", "interests[0]")]
    [InlineData("""{"interests":["   "]}""", "interests[0]")]
    [InlineData("""{"interests":["this interest is far too long to be one interest, it rambles on and on"]}""", "interests[0]")]
    [InlineData("""{"interests":null}""", "interests")]
    [InlineData("""{}""", "interests")]
    [InlineData("""{"interests":["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q","r","s","t","u"]}""", "interests")]
    [InlineData("""{"interests":"music"}""", "interests")]
    [InlineData("""{"interests":["music"],"studentId":"00000000-0000-0000-0000-000000000000"}""", "studentId")]
    [InlineData("""{"interests":["music"]""", "body")]
    public async Task BadInterestsAreRejectedWithTheFieldNamedAndNothingChanges(string body, string field)
    {
        var (_, mentor, studentId, _) = await Setup();
        var problem = await (await mentor.PutRaw($"/api/students/{studentId}/interests", body)).Problem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"expected an error for '{field}', got {problem.ToJsonString()}");
        Assert.Equal(["music"], await InterestsOf(studentId));
    }

    [Theory]
    [InlineData("""{"count":0}""", "count")]
    [InlineData("""{"count":99}""", "count")]
    [InlineData("""{"count":"three"}""", "count")]
    [InlineData("""{"count":3,"status":"drafted"}""", "status")]
    [InlineData("""{"count":3,"focus":"FOCUS"}""", "focus")]
    [InlineData("""not json""", "body")]
    public async Task BadIdeaRequestsAreRejectedWithTheFieldNamedAndNothingIsQueued(string body, string field)
    {
        var (_, mentor, studentId, _) = await Setup();
        body = body.Replace("FOCUS", new string('x', 301));
        var problem = await (await mentor.PostRaw($"/api/students/{studentId}/idea-requests", body)).Problem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"expected an error for '{field}', got {problem.ToJsonString()}");
        Assert.Equal(0, await RequestCount(studentId));
    }

    [Fact]
    public async Task RequestingIdeasForAStudentWithoutInterestsIsAConflict()
    {
        var school = TestSchool.Create(factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, _) = await school.AddStudent("quiet", mentorId: mentorId);
        var problem = await (await mentor.PostAsJsonAsync($"/api/students/{studentId}/idea-requests", new { count = 2 })).Problem(HttpStatusCode.Conflict);
        Assert.Contains("no interests", problem["detail"]!.GetValue<string>());
        Assert.Equal(0, await RequestCount(studentId));
    }

    [Fact]
    public async Task UnknownIdsAreNotFound()
    {
        var (school, mentor, _, student) = await Setup();
        var admin = await school.Admin();
        var missing = Guid.NewGuid();
        await (await mentor.GetAsync($"/api/drafts/{missing}")).Problem(HttpStatusCode.NotFound);
        await (await mentor.PostAsJsonAsync($"/api/drafts/{missing}/approve", new { })).Problem(HttpStatusCode.NotFound);
        await (await mentor.GetAsync($"/api/idea-requests/{missing}")).Problem(HttpStatusCode.NotFound);
        await (await mentor.PostAsJsonAsync($"/api/students/{missing}/idea-requests", new { count = 1 })).Problem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/students/{missing}")).Problem(HttpStatusCode.NotFound);
        await (await student.GetAsync($"/api/portal/projects/{missing}")).Problem(HttpStatusCode.NotFound);
        var unknownMentor = await (await admin.PutAsJsonAsync($"/api/students/{Guid.NewGuid()}/mentor", new { mentorId = missing })).Problem(HttpStatusCode.NotFound);
        Assert.Contains("Student", unknownMentor["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task AssigningAnUnknownOrNonMentorStaffMemberIsRefusedAndKeepsTheMentor()
    {
        var school = TestSchool.Create(factory);
        var (mentorId, _) = await school.AddStaff("mentor", "mentor");
        var (teacherId, _) = await school.AddStaff("teacher", "teacher");
        var (studentId, _) = await school.AddStudent("lee", mentorId: mentorId);
        var admin = await school.Admin();
        var p1 = await (await admin.PutAsJsonAsync($"/api/students/{studentId}/mentor", new { mentorId = Guid.NewGuid() })).Problem(HttpStatusCode.BadRequest);
        Assert.True(p1["errors"]!.AsObject().ContainsKey("mentorId"));
        await (await admin.PutAsJsonAsync($"/api/students/{studentId}/mentor", new { mentorId = teacherId })).Problem(HttpStatusCode.Conflict);
        Assert.Equal(mentorId, (await (await admin.GetAsync($"/api/students/{studentId}")).Json())["mentorId"]!.GetValue<Guid>());
    }

    [Theory]
    [InlineData("""{"name":"","email":"x@school.test","roles":["mentor"]}""", "name")]
    [InlineData("""{"name":"X","email":"not-an-email","roles":["mentor"]}""", "email")]
    [InlineData("""{"name":"X","email":"x@school.test","roles":[]}""", "roles")]
    [InlineData("""{"name":"X","email":"x@school.test","roles":["superuser"]}""", "roles[0]")]
    [InlineData("""{"name":"X","email":"x@school.test","roles":["mentor"],"id":"00000000-0000-0000-0000-000000000001"}""", "id")]
    public async Task BadStaffIsRejectedAndNotCreated(string body, string field)
    {
        var school = TestSchool.Create(factory);
        var admin = await school.Admin();
        var problem = await (await admin.PostRaw("/api/staff", body)).Problem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Staff.CountAsync(s => s.SchoolId == school.SchoolId)));
    }

    [Theory]
    [InlineData("""{"displayName":"A","email":"a@school.test","gradeLevel":13}""", "gradeLevel")]
    [InlineData("""{"displayName":"A","email":"a@school.test"}""", "gradeLevel")]
    [InlineData("""{"displayName":"","email":"a@school.test","gradeLevel":9}""", "displayName")]
    [InlineData("""{"displayName":"A","email":"a@school.test","gradeLevel":9,"mentorId":"00000000-0000-0000-0000-000000000001"}""", "mentorId")]
    public async Task BadStudentsAreRejectedAndNotCreated(string body, string field)
    {
        var school = TestSchool.Create(factory);
        var admin = await school.Admin();
        var problem = await (await admin.PostRaw("/api/students", body)).Problem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Students.CountAsync(s => s.SchoolId == school.SchoolId)));
    }

    [Fact]
    public async Task AnEmailAlreadyInUseIsAConflict()
    {
        var school = TestSchool.Create(factory);
        var admin = await school.Admin();
        var email = school.Email("dup");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/students", new { displayName = "A", email, gradeLevel = 9 })).StatusCode);
        await (await admin.PostAsJsonAsync("/api/staff", new { name = "B", email = email.ToUpperInvariant(), roles = new[] { "mentor" } })).Problem(HttpStatusCode.Conflict);
        await (await admin.PostAsJsonAsync("/api/students", new { displayName = "C", email, gradeLevel = 10 })).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task BadReviewAndPortalInputIsRejected()
    {
        var (_, mentor, studentId, student) = await Setup();
        var ids = (await TestSchool.RequestAndWait(mentor, studentId, count: 1))["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToArray();
        var id = ids[0];
        Assert.True((await (await mentor.PostRaw($"/api/drafts/{id}/approve", """{"edits":{"title":""}}""")).Problem(HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("edits.title"));
        Assert.True((await (await mentor.PostRaw($"/api/drafts/{id}/approve", """{"edits":{"milestones":[]}}""")).Problem(HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("milestones"));
        Assert.True((await (await mentor.PostRaw($"/api/drafts/{id}/approve", """{"status":"delivered"}""")).Problem(HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("status"));
        Assert.True((await (await mentor.PostRaw($"/api/drafts/{id}/regenerate", """{}""")).Problem(HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("feedback"));
        Assert.Equal("pendingReview", (await (await mentor.GetAsync($"/api/drafts/{id}")).Json())["status"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{id}/approve", new { })).StatusCode);
        Assert.True((await (await mentor.PostRaw($"/api/drafts/{id}/deliver", """{"note":"x"}""")).Problem(HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("conversationAt"));
        Assert.True((await (await mentor.PostAsJsonAsync($"/api/drafts/{id}/deliver", new { conversationAt = DateTimeOffset.UtcNow.AddDays(2) })).Problem(HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("conversationAt"));
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{id}/deliver", new { conversationAt = DateTimeOffset.UtcNow })).StatusCode);
        Assert.True((await (await student.PostRaw($"/api/portal/projects/{id}/response", """{"response":"love it"}""")).Problem(HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("response"));
        Assert.Null((await (await student.GetAsync($"/api/portal/projects/{id}")).Json())["myResponse"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BadInputOnSqlite(SqliteApp app) : BadInputTests(app.Factory);

[Collection(PostgresCollection.Name)]
public sealed class BadInputOnPostgres(PostgresApp app) : BadInputTests(app.Factory);

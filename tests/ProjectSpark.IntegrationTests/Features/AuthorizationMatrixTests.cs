using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Features.Ideas;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>Every route against every role: who may do what, and what everyone else is told.</summary>
public abstract class AuthorizationMatrixTests(SparkFactory factory)
{
    private const string Anon = "anonymous", Owner = "owner student", OtherStudent = "other student",
        Mentor = "assigned mentor", OtherMentor = "other mentor", Teacher = "teacher", Admin = "admin";

    [Fact]
    public async Task EveryRouteAnswersEveryRoleAsDesigned()
    {
        var school = TestSchool.Create(factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (_, otherMentor) = await school.AddStaff("other-mentor", "mentor");
        var (_, teacher) = await school.AddStaff("teacher", "teacher");
        var (studentId, owner) = await school.AddStudent("owner", interests: ["soccer", "cooking"], mentorId: mentorId);
        var (_, other) = await school.AddStudent("other", interests: ["art"]);
        var admin = await school.Admin();
        var request = await TestSchool.RequestAndWait(mentor, studentId, count: 3);
        var drafts = request["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{drafts[0]}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{drafts[0]}/deliver", new { conversationAt = DateTimeOffset.UtcNow })).StatusCode);
        var delivered = drafts[0];
        var pending = drafts[1];
        var requestUrl = $"/api/idea-requests/{request["id"]!.GetValue<Guid>()}";

        var clients = new Dictionary<string, HttpClient>
        {
            [Anon] = school.Anonymous(), [Owner] = owner, [OtherStudent] = other, [Mentor] = mentor,
            [OtherMentor] = otherMentor, [Teacher] = teacher, [Admin] = admin,
        };
        var n = 0;
        object NewStaff() => new { name = "New", email = school.Email($"new{++n}"), roles = new[] { "mentor" } };
        object NewStudent() => new { displayName = "New", email = school.Email($"newstudent{++n}"), gradeLevel = 9 };
        var refused = new { reason = "not now" };

        // (method, url, body, expected status for each role; roles not named get the default)
        var table = new List<(HttpMethod Method, string Url, Func<object?> Body, Dictionary<string, HttpStatusCode> Expected)>
        {
            (HttpMethod.Get, "/api/me", () => null, Expect(HttpStatusCode.OK)),
            (HttpMethod.Post, "/api/staff", NewStaff, Expect(HttpStatusCode.Forbidden, (Admin, HttpStatusCode.Created))),
            (HttpMethod.Get, "/api/staff", () => null, Expect(HttpStatusCode.Forbidden, (Admin, HttpStatusCode.OK))),
            (HttpMethod.Post, "/api/students", NewStudent, Expect(HttpStatusCode.Forbidden, (Admin, HttpStatusCode.Created))),
            (HttpMethod.Get, "/api/students", () => null, Expect(HttpStatusCode.Forbidden,
                (Mentor, HttpStatusCode.OK), (OtherMentor, HttpStatusCode.OK), (Teacher, HttpStatusCode.OK), (Admin, HttpStatusCode.OK))),
            (HttpMethod.Get, $"/api/students/{studentId}", () => null, Expect(HttpStatusCode.Forbidden,
                (Owner, HttpStatusCode.OK), (OtherStudent, HttpStatusCode.NotFound), (Mentor, HttpStatusCode.OK), (Admin, HttpStatusCode.OK))),
            (HttpMethod.Put, $"/api/students/{studentId}/mentor", () => new { mentorId }, Expect(HttpStatusCode.Forbidden, (Admin, HttpStatusCode.OK))),
            (HttpMethod.Put, $"/api/students/{studentId}/interests", () => new { interests = new[] { "soccer", "cooking" } }, Expect(HttpStatusCode.Forbidden,
                (Owner, HttpStatusCode.OK), (OtherStudent, HttpStatusCode.NotFound), (Mentor, HttpStatusCode.OK))),
            (HttpMethod.Get, requestUrl, () => null, Expect(HttpStatusCode.Forbidden, (Mentor, HttpStatusCode.OK), (Admin, HttpStatusCode.OK))),
            (HttpMethod.Get, "/api/reviews", () => null, Expect(HttpStatusCode.Forbidden,
                (Mentor, HttpStatusCode.OK), (OtherMentor, HttpStatusCode.OK), (Teacher, HttpStatusCode.OK), (Admin, HttpStatusCode.OK))),
            (HttpMethod.Get, $"/api/drafts/{pending}", () => null, Expect(HttpStatusCode.Forbidden, (Mentor, HttpStatusCode.OK))),
            (HttpMethod.Post, $"/api/drafts/{pending}/approve", () => new { }, Expect(HttpStatusCode.Forbidden, (Mentor, null))),
            (HttpMethod.Post, $"/api/drafts/{pending}/reject", () => refused, Expect(HttpStatusCode.Forbidden, (Mentor, null))),
            (HttpMethod.Post, $"/api/drafts/{pending}/regenerate", () => new { feedback = "more hands-on" }, Expect(HttpStatusCode.Forbidden, (Mentor, null))),
            (HttpMethod.Post, $"/api/drafts/{pending}/deliver", () => new { conversationAt = DateTimeOffset.UtcNow }, Expect(HttpStatusCode.Forbidden, (Mentor, null))),
            (HttpMethod.Get, "/api/portal/projects", () => null, Expect(HttpStatusCode.Forbidden, (Owner, HttpStatusCode.OK), (OtherStudent, HttpStatusCode.OK))),
            (HttpMethod.Get, $"/api/portal/projects/{delivered}", () => null, Expect(HttpStatusCode.Forbidden, (Owner, HttpStatusCode.OK), (OtherStudent, HttpStatusCode.NotFound))),
            (HttpMethod.Get, $"/api/portal/projects/{pending}", () => null, Expect(HttpStatusCode.Forbidden, (Owner, HttpStatusCode.NotFound), (OtherStudent, HttpStatusCode.NotFound))),
            (HttpMethod.Post, $"/api/portal/projects/{delivered}/response", () => new { response = "maybe" }, Expect(HttpStatusCode.Forbidden, (Owner, HttpStatusCode.OK), (OtherStudent, HttpStatusCode.NotFound))),
            (HttpMethod.Get, "/api/projects/similar?text=soccer", () => null, Expect(HttpStatusCode.Forbidden,
                (Mentor, HttpStatusCode.OK), (OtherMentor, HttpStatusCode.OK), (Teacher, HttpStatusCode.OK), (Admin, HttpStatusCode.OK))),
            // Only a failed request can be redrafted offline; this one drafted, so its mentor and an admin are told why.
            (HttpMethod.Post, $"{requestUrl}/redraft-offline", () => null, Expect(HttpStatusCode.Forbidden,
                (Mentor, HttpStatusCode.Conflict), (Admin, HttpStatusCode.Conflict))),
            // The admin's request is checked below, once the mentor's has finished (one active request per student).
            (HttpMethod.Post, $"/api/students/{studentId}/idea-requests", () => new { count = 1 }, Expect(HttpStatusCode.Forbidden, (Mentor, HttpStatusCode.Accepted), (Admin, null))),
        };

        var mismatches = new List<string>();
        foreach (var (method, url, body, expected) in table)
        {
            foreach (var (role, client) in clients)
            {
                if (!expected.TryGetValue(role, out var want)) continue; // the one allowed mutation is exercised by the loop tests
                var message = new HttpRequestMessage(method, url);
                if (body() is { } b) message.Content = JsonContent.Create(b);
                var response = await client.SendAsync(message);
                if (response.StatusCode != want) mismatches.Add($"{method} {url} as {role}: {(int)response.StatusCode}, expected {(int)want}");
                else if ((int)want >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        Assert.Empty(mismatches);
        await WaitUntilNoActiveRequest(studentId);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync($"/api/students/{studentId}/idea-requests", new { count = 1 })).StatusCode);

        // Nothing a refused caller sent changed the pending draft or the delivered one.
        var stillPending = await (await mentor.GetAsync($"/api/drafts/{pending}")).Json();
        Assert.Equal("pendingReview", stillPending["status"]!.GetValue<string>());
        var deliveredNow = await (await mentor.GetAsync($"/api/drafts/{delivered}")).Json();
        Assert.Equal("maybe", deliveredNow["studentResponse"]!["response"]!.GetValue<string>());
    }

    /// <summary>Watches the database rather than retrying the POST, which would count against the rate limit.</summary>
    private async Task WaitUntilNoActiveRequest(Guid studentId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await factory.WithDbAsync(db => db.IdeaRequests.AnyAsync(r => r.StudentId == studentId
                   && (r.Status == IdeaRequestStatus.Queued || r.Status == IdeaRequestStatus.Drafting))))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Student {studentId} still has an active idea request");
            await Task.Delay(200);
        }
    }

    /// <summary>Anonymous always gets 401; a role mapped to null is skipped (it is the allowed caller of a mutation).</summary>
    private static Dictionary<string, HttpStatusCode> Expect(HttpStatusCode others, params (string Role, HttpStatusCode? Status)[] special)
    {
        var map = new[] { Owner, OtherStudent, Mentor, OtherMentor, Teacher, Admin }.ToDictionary(r => r, _ => others);
        foreach (var (role, status) in special)
        {
            if (status is { } s) map[role] = s;
            else map.Remove(role);
        }
        map[Anon] = HttpStatusCode.Unauthorized;
        return map;
    }

    [Fact]
    public async Task DevTokensAreOnlyIssuedToExistingUsers()
    {
        var school = TestSchool.Create(factory);
        var anonymous = school.Anonymous();
        await (await anonymous.PostAsJsonAsync("/api/dev/tokens", new { email = school.Email("nobody") })).Problem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/dev/tokens", new { email = school.AdminEmail })).StatusCode);
    }

    [Fact]
    public async Task AStaffMemberOfAnotherSchoolSeesNothingOfThisOne()
    {
        var here = TestSchool.Create(factory);
        var there = TestSchool.Create(factory);
        var (mentorId, mentor) = await here.AddStaff("mentor", "mentor");
        var (studentId, _) = await here.AddStudent("s", interests: ["chess"], mentorId: mentorId);
        var draft = (await TestSchool.RequestAndWait(mentor, studentId, count: 1))["draftIds"]![0]!.GetValue<Guid>();
        var foreignAdmin = await there.Admin();
        await (await foreignAdmin.GetAsync($"/api/students/{studentId}")).Problem(HttpStatusCode.NotFound);
        await (await foreignAdmin.GetAsync($"/api/drafts/{draft}")).Problem(HttpStatusCode.NotFound);
        await (await foreignAdmin.PutAsJsonAsync($"/api/students/{studentId}/mentor", new { mentorId })).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await (await foreignAdmin.GetAsync("/api/students")).Json())["items"]!.AsArray());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuthorizationOnSqlite(SqliteApp app) : AuthorizationMatrixTests(app.Factory);

[Collection(PostgresCollection.Name)]
public sealed class AuthorizationOnPostgres(PostgresApp app) : AuthorizationMatrixTests(app.Factory);

using System.Net;
using System.Net.Http.Json;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>The whole mentor-reviewed loop over HTTP, on each storage mode.</summary>
public abstract class CoreLoopTests(SparkFactory factory)
{
    [Fact]
    public async Task MentorReviewedIdeaReachesTheStudentOnlyAfterApprovalAndDelivery()
    {
        var school = TestSchool.Create(factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, student) = await school.AddStudent("maya", grade: 9, interests: ["guitar", "skateboarding"], mentorId: mentorId);

        var request = await TestSchool.RequestAndWait(mentor, studentId, count: 3);
        Assert.Equal("drafted", request["status"]!.GetValue<string>());
        Assert.Null(request["inputTokens"]); // the offline composer spends no tokens
        var draftIds = request["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToArray();
        Assert.Equal(3, draftIds.Length);

        // The mentor's queue holds exactly these three, pending review; the student sees nothing yet.
        var queue = await (await mentor.GetAsync("/api/reviews?status=pendingReview")).Json();
        Assert.Equal(draftIds.Order(), queue["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).Order());
        Assert.Empty((await (await student.GetAsync("/api/portal/projects")).Json())["items"]!.AsArray());
        await (await student.GetAsync($"/api/portal/projects/{draftIds[0]}")).Problem(HttpStatusCode.NotFound);

        // Each draft is a full Gold Standard brief that names one of the student's own interests.
        foreach (var id in draftIds)
        {
            var d = await (await mentor.GetAsync($"/api/drafts/{id}")).Json();
            Assert.Equal("pendingReview", d["status"]!.GetValue<string>());
            Assert.InRange(d["milestones"]!.AsArray().Count, 3, 6);
            Assert.InRange(d["conversationStarters"]!.AsArray().Count, 2, 3);
            Assert.Matches("guitar|skateboarding", d["whyItFits"]!.GetValue<string>());
            Assert.Equal("offline-composer", d["provenance"]!["generator"]!.GetValue<string>());
        }

        // Approve one with an edit, reject one with a reason.
        var approved = await mentor.PostAsJsonAsync($"/api/drafts/{draftIds[0]}/approve", new { edits = new { title = "Maya's skate-park sound map" } });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var approvedBody = await approved.Json();
        Assert.Equal("approved", approvedBody["status"]!.GetValue<string>());
        Assert.Equal("Maya's skate-park sound map", approvedBody["title"]!.GetValue<string>());
        Assert.NotEqual("Maya's skate-park sound map", approvedBody["original"]!["title"]!.GetValue<string>());
        var rejected = await mentor.PostAsJsonAsync($"/api/drafts/{draftIds[1]}/reject", new { reason = "Too much writing for now" });
        Assert.Equal("Too much writing for now", (await rejected.Json())["rejectionReason"]!.GetValue<string>());

        // Approved is not yet visible: it must be shared in a conversation first.
        Assert.Empty((await (await student.GetAsync("/api/portal/projects")).Json())["items"]!.AsArray());
        var delivered = await mentor.PostAsJsonAsync($"/api/drafts/{draftIds[0]}/deliver",
            new { conversationAt = DateTimeOffset.UtcNow.AddMinutes(-10), note = "Talked after practice" });
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);

        // The student sees exactly that one, with the edit, and none of the mentor's private material.
        var portal = (await (await student.GetAsync("/api/portal/projects")).Json())["items"]!.AsArray();
        var only = Assert.Single(portal)!.AsObject();
        Assert.Equal(draftIds[0], only["id"]!.GetValue<Guid>());
        Assert.Equal("Maya's skate-park sound map", only["title"]!.GetValue<string>());
        Assert.Equal("Staff mentor", only["sharedBy"]!.GetValue<string>());
        foreach (var hidden in new[] { "conversationStarters", "original", "provenance", "delivery", "note", "rejectionReason" })
            Assert.False(only.ContainsKey(hidden), $"student view leaks '{hidden}'");
        Assert.DoesNotContain("Talked after practice", only.ToJsonString());
        await (await student.GetAsync($"/api/portal/projects/{draftIds[1]}")).Problem(HttpStatusCode.NotFound);
        await (await student.GetAsync($"/api/portal/projects/{draftIds[2]}")).Problem(HttpStatusCode.NotFound);

        // The student responds; the mentor sees the response.
        var responded = await student.PostAsJsonAsync($"/api/portal/projects/{draftIds[0]}/response", new { response = "sparked", comment = "Can I film it?" });
        Assert.Equal(HttpStatusCode.OK, responded.StatusCode);
        Assert.Equal("sparked", (await responded.Json())["myResponse"]!["response"]!.GetValue<string>());
        var seen = await (await mentor.GetAsync($"/api/drafts/{draftIds[0]}")).Json();
        Assert.Equal("delivered", seen["status"]!.GetValue<string>());
        Assert.Equal("Can I film it?", seen["studentResponse"]!["comment"]!.GetValue<string>());
    }

    [Fact]
    public async Task RegeneratingWithFeedbackRejectsTheSourceAndDraftsTowardsTheFeedback()
    {
        var school = TestSchool.Create(factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, _) = await school.AddStudent("sam", interests: ["minecraft", "baking"], mentorId: mentorId);
        var first = await TestSchool.RequestAndWait(mentor, studentId, count: 1);
        var sourceId = first["draftIds"]![0]!.GetValue<Guid>();

        var accepted = await mentor.PostAsJsonAsync($"/api/drafts/{sourceId}/regenerate", new { feedback = "Make it about baking and cooking for people" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var second = await TestSchool.WaitFinished(mentor, accepted.Headers.Location!.ToString());
        Assert.Equal("drafted", second["status"]!.GetValue<string>());
        Assert.Equal(sourceId, second["regeneratedFromDraftId"]!.GetValue<Guid>());

        var source = await (await mentor.GetAsync($"/api/drafts/{sourceId}")).Json();
        Assert.Equal("rejected", source["status"]!.GetValue<string>());
        Assert.Contains("baking and cooking", source["rejectionReason"]!.GetValue<string>());
        var redraft = await (await mentor.GetAsync($"/api/drafts/{second["draftIds"]![0]!.GetValue<Guid>()}")).Json();
        Assert.True(redraft["whyItFits"]!.GetValue<string>().Contains("baking"), $"{second.ToJsonString()}\n{source.ToJsonString()}\n{redraft.ToJsonString()}");
        Assert.NotEqual(source["provenance"]!["promptVersion"]!.GetValue<string>(), redraft["provenance"]!["promptVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReassigningTheStudentMovesTheirDraftsToTheNewMentorsQueue()
    {
        var school = TestSchool.Create(factory);
        var (firstId, first) = await school.AddStaff("first", "mentor");
        var (secondId, second) = await school.AddStaff("second", "mentor");
        var (studentId, _) = await school.AddStudent("jo", interests: ["horses"], mentorId: firstId);
        var request = await TestSchool.RequestAndWait(first, studentId, count: 2);
        var draftId = request["draftIds"]![0]!.GetValue<Guid>();

        var admin = await school.Admin();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/students/{studentId}/mentor", new { mentorId = secondId })).StatusCode);

        Assert.Empty((await (await first.GetAsync("/api/reviews")).Json())["items"]!.AsArray());
        Assert.Equal(2, (await (await second.GetAsync("/api/reviews")).Json())["items"]!.AsArray().Count);
        await (await first.PostAsJsonAsync($"/api/drafts/{draftId}/approve", new { })).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await second.PostAsJsonAsync($"/api/drafts/{draftId}/approve", new { })).StatusCode);
        var history = await admin.GetAsync($"/api/students/{studentId}");
        Assert.Equal(secondId, (await history.Json())["mentorId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task InvalidTransitionsAreConflictsAndChangeNothing()
    {
        var school = TestSchool.Create(factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, _) = await school.AddStudent("kim", interests: ["cooking"], mentorId: mentorId);
        var ids = (await TestSchool.RequestAndWait(mentor, studentId, count: 2))["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToArray();

        // Deliver an unapproved draft.
        var p1 = await (await mentor.PostAsJsonAsync($"/api/drafts/{ids[0]}/deliver", new { conversationAt = DateTimeOffset.UtcNow })).Problem(HttpStatusCode.Conflict);
        Assert.Equal("This draft is pendingReview; only an approved draft can be delivered.", p1["detail"]!.GetValue<string>());
        // Approve a rejected draft.
        await mentor.PostAsJsonAsync($"/api/drafts/{ids[1]}/reject", new { reason = "no" });
        var p2 = await (await mentor.PostAsJsonAsync($"/api/drafts/{ids[1]}/approve", new { })).Problem(HttpStatusCode.Conflict);
        Assert.Contains("rejected", p2["detail"]!.GetValue<string>());
        // Reject needs a reason; an approved draft cannot be approved again.
        await (await mentor.PostAsJsonAsync($"/api/drafts/{ids[0]}/reject", new { reason = " " })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{ids[0]}/approve", new { })).StatusCode);
        await (await mentor.PostAsJsonAsync($"/api/drafts/{ids[0]}/approve", new { edits = new { title = "Changed" } })).Problem(HttpStatusCode.Conflict);

        var d0 = await (await mentor.GetAsync($"/api/drafts/{ids[0]}")).Json();
        var d1 = await (await mentor.GetAsync($"/api/drafts/{ids[1]}")).Json();
        Assert.Equal("approved", d0["status"]!.GetValue<string>());
        Assert.NotEqual("Changed", d0["title"]!.GetValue<string>());
        Assert.Equal("rejected", d1["status"]!.GetValue<string>());
        Assert.Equal("no", d1["rejectionReason"]!.GetValue<string>());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CoreLoopOnSqlite(SqliteApp app) : CoreLoopTests(app.Factory);

[Collection(PostgresCollection.Name)]
public sealed class CoreLoopOnPostgres(PostgresApp app) : CoreLoopTests(app.Factory);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>Class-unit drafting through Semantic Kernel against the loopback stub: what the model sees, and what it may not invent.</summary>
public sealed class ClassUnitAiTests(StubbedApp app) : IClassFixture<StubbedApp>
{
    private async Task<(JsonObject Request, List<CapturedRequest> Calls, TestSchool School, Guid[] StudentIds, string Unit)> RequestWith(
        Func<int, StubReply> script, string[] standards)
    {
        app.Stub.Script = script;
        var school = TestSchool.Create(app.Factory);
        var (teacherId, teacher) = await school.AddStaff("teacher", "teacher");
        var students = new[]
        {
            await school.AddStudent("zanzibar", interests: ["robots", "drawing"]),
            await school.AddStudent("quixote", interests: ["Robots", "skateboarding"]),
        };
        var ids = students.Select(s => s.Id).ToArray();
        var admin = await school.Admin();
        var created = await admin.PostAsJsonAsync("/api/classes", new { title = "Tech 8", subject = "Technology", teacherIds = new[] { teacherId }, studentIds = ids });
        var classId = (await created.Json())["id"]!.GetValue<Guid>();
        var unit = $"Simple machines {Guid.NewGuid():N}"[..30];
        var accepted = await teacher.PostAsJsonAsync($"/api/classes/{classId}/idea-requests", new { unit, standards, count = 2 });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var request = await TestSchool.WaitFinished(teacher, accepted.Headers.Location!.ToString());
        var calls = app.Stub.Requests.Where(r => OpenAIStub.PromptText(r.Body).Contains(unit)).ToList();
        return (request, calls, school, ids, unit);
    }

    [Fact]
    public async Task TheModelSeesTheUnitAndInterestCountsButNoStudentAndTheDraftsKeepTheTeachersStandards()
    {
        var (request, calls, school, ids, _) = await RequestWith(_ => StubReply.Valid, ["MS-ETS1-1"]);
        Assert.Equal("drafted", request["status"]!.GetValue<string>());
        var call = Assert.Single(calls);
        var prompt = OpenAIStub.PromptText(call.Body);
        Assert.Contains("{\"interest\":\"robots\",\"students\":2}", prompt);
        Assert.Contains("Teacher's standards: [\"MS-ETS1-1\"]", prompt);
        Assert.Contains("Students in the class: 2", prompt);
        foreach (var secret in new[] { "zanzibar", "quixote", school.Email("zanzibar"), school.Email("teacher"), "Staff teacher" }.Concat(ids.Select(i => i.ToString())))
            Assert.DoesNotContain(secret, call.Body, StringComparison.OrdinalIgnoreCase);

        var draftIds = request["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToArray();
        Assert.Equal(2, draftIds.Length);
        var drafts = await app.Factory.WithDbAsync(db => db.Drafts.Where(d => draftIds.Contains(d.Id)).ToListAsync());
        Assert.All(drafts, d =>
        {
            Assert.Null(d.StudentId);
            Assert.Equal(["MS-ETS1-1"], d.Original.Standards);
            Assert.StartsWith("draft-class-unit-projects@", d.Provenance.PromptVersion);
            Assert.True(d.Quality!.WhyItFitsNamesInterest);
        });
    }

    [Fact]
    public async Task AModelThatInventsAStandardIsAskedOnceMoreThenTheRequestFailsWithNoDrafts()
    {
        var (request, calls, _, _, _) = await RequestWith(_ => StubReply.InventsAStandard, ["MS-ETS1-1"]);
        Assert.Equal("failed", request["status"]!.GetValue<string>());
        Assert.Empty(request["draftIds"]!.AsArray());
        Assert.Contains("was not given by the teacher", request["error"]!.GetValue<string>());
        Assert.Equal(2, calls.Count);
        Assert.Contains("CCSS.INVENTED.9.Z.1", OpenAIStub.PromptText(calls[1].Body));
    }

    [Fact]
    public async Task WithoutStandardsFromTheTeacherAModelsStandardIsRefusedToo()
    {
        var (request, _, _, _, _) = await RequestWith(_ => StubReply.InventsAStandard, []);
        Assert.Equal("failed", request["status"]!.GetValue<string>());
        Assert.Contains("the teacher gave no standards", request["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task AClassRequestTheModelFailedIsDraftedOfflineByItsTeacherFromTheApiOrThePage()
    {
        var (request, _, school, _, unit) = await RequestWith(_ => StubReply.ServerError, []);
        Assert.Equal("failed", request["status"]!.GetValue<string>());
        app.Stub.Script = _ => StubReply.Valid;
        var teacher = await school.ClientFor(school.Email("teacher"));
        var (_, outsider) = await school.AddStaff("outsider", "teacher", "mentor");
        var failedUrl = $"/api/idea-requests/{request["id"]!.GetValue<Guid>()}";
        await (await outsider.PostAsync($"{failedUrl}/redraft-offline", null)).Problem(HttpStatusCode.Forbidden);

        // The teacher's page offers it next to the failed request.
        var browser = app.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/dev/sign-in?email={Uri.EscapeDataString(school.Email("teacher"))}")).StatusCode);
        var page = await browser.GetStringAsync("/teacher");
        Assert.Contains($"data-failed-request=\"{request["id"]}\"", page);
        Assert.Contains(unit, page);

        var accepted = await teacher.PostAsync($"{failedUrl}/redraft-offline", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var redraft = await TestSchool.WaitFinished(teacher, accepted.Headers.Location!.ToString());
        Assert.Equal("drafted", redraft["status"]!.GetValue<string>());
        Assert.Equal(request["classId"]!.GetValue<Guid>(), redraft["classId"]!.GetValue<Guid>());
        Assert.Equal(unit, redraft["classUnit"]!["unit"]!.GetValue<string>());
        foreach (var id in redraft["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()))
        {
            var draft = await (await teacher.GetAsync($"/api/drafts/{id}")).Json();
            Assert.Equal("offline-composer", draft["provenance"]!["generator"]!.GetValue<string>());
            Assert.Equal("pendingReview", draft["status"]!.GetValue<string>());
        }
        Assert.DoesNotContain("data-failed-request", await browser.GetStringAsync("/teacher"));
    }
}

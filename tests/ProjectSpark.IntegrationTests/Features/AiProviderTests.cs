using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProjectSpark.Features.Ideas;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>The full loop with a chat model behind Semantic Kernel, against a loopback stub that records every request.</summary>
public sealed class AiProviderTests
{
    [Fact]
    public async Task TheModelSeesOnlyThePseudonymousBriefNeverNamesEmailsOrIds()
    {
        using var stub = new OpenAIStub();
        using var app = new SparkFactory(StorageKind.Sqlite, settings: StubSettings.For(stub, "OpenAICompatible"));
        var school = TestSchool.Create(app);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, _) = await school.AddStudent("zelda", grade: 8, interests: ["guitar", "skateboarding"], mentorId: mentorId);
        // Attendance, grades and the flags they raise exist for this student, with values that would be easy to spot.
        var admin = await school.Admin();
        var days = new[] { "2026-09-01", "2026-09-02", "2026-09-03", "2026-09-04" };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/attendance",
            new { records = days.Select(d => new { studentId, date = d, status = "absent" }) })).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/grades", new
        {
            grades = new[]
            {
                new { studentId, course = "Zebrafish Chemistry", term = "2026-T1", percent = 88.25m, core = true },
                new { studentId, course = "Zebrafish Chemistry", term = "2026-T2", percent = 41.75m, core = true },
            },
        })).StatusCode);
        var flags = (await (await admin.GetAsync($"/api/students/{studentId}/signals")).Json())["flags"]!.AsArray()
            .Select(f => f!["type"]!.GetValue<string>()).ToList();
        Assert.Contains("courseFailure", flags);
        Assert.Contains("absenceStreak", flags);

        var request = await TestSchool.RequestAndWait(mentor, studentId, count: 3, focus: "science");
        Assert.Equal("drafted", request["status"]!.GetValue<string>());
        var requestId = request["id"]!.GetValue<Guid>();
        await AiAssert.DraftsPendingReview(mentor, request, 3, model: "stub-model");

        var sent = Assert.Single(stub.RequestsFor(DraftIdeasJob.Pseudonym(requestId)));
        Assert.Equal("/v1/chat/completions", sent.Path);
        // The brief did reach the model (so the absence checks below can fail)...
        Assert.Contains("guitar", sent.Body);
        Assert.Contains("Grade level: 8", OpenAIStub.PromptText(sent.Body));

        // A redraft with reviewer feedback: the feedback goes along as delimited data.
        var firstDraft = request["draftIds"]![0]!.GetValue<Guid>();
        var accepted = await mentor.PostAsJsonAsync($"/api/drafts/{firstDraft}/regenerate", new { feedback = "More hands-on, less writing" });
        var redraft = await TestSchool.WaitFinished(mentor, accepted.Headers.Location!.ToString());
        Assert.Equal("drafted", redraft["status"]!.GetValue<string>());
        // The stub answers word for word as before, a near-duplicate of the first set, so the job asks once more.
        var redraftCalls = stub.RequestsFor(DraftIdeasJob.Pseudonym(redraft["id"]!.GetValue<Guid>()));
        Assert.Equal(2, redraftCalls.Count);
        var resent = redraftCalls[0];
        Assert.All(redraftCalls, c => Assert.Contains("Reviewer feedback on an earlier draft: \"More hands-on, less writing\"", OpenAIStub.PromptText(c.Body)));
        // The redraft goes through the revise prompt, which shows the model the draft it is redoing (as drafted).
        var firstTitle = (await (await mentor.GetAsync($"/api/drafts/{firstDraft}")).Json())["title"]!.GetValue<string>();
        Assert.All(redraftCalls, c => Assert.Contains($"Earlier draft the reviewer asked you to redo: [{{\"title\":\"{firstTitle}\"", OpenAIStub.PromptText(c.Body)));
        foreach (var id in redraft["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()))
            Assert.StartsWith("revise-with-feedback@", (await (await mentor.GetAsync($"/api/drafts/{id}")).Json())["provenance"]!["promptVersion"]!.GetValue<string>());
        Assert.NotEqual(sent.Pseudonym, resent.Pseudonym);

        // ...and in no call did anything that identifies a person.
        string[] identifying = ["Student zelda", school.Email("zelda"), "Staff mentor", school.Email("mentor"), school.AdminEmail,
            studentId.ToString(), studentId.ToString("N"), mentorId.ToString(), mentorId.ToString("N"), school.SchoolId.ToString(), requestId.ToString(),
            // nor attendance, grades or flags
            "Zebrafish", "41.75", "88.25", "2026-09-0", "absent", .. flags];
        foreach (var body in stub.Requests.Select(r => r.Body))
            foreach (var value in identifying)
                Assert.DoesNotContain(value, body, StringComparison.OrdinalIgnoreCase);

        // One structured call: a strict JSON schema, no tools the model could call.
        var json = JsonNode.Parse(sent.Body)!.AsObject();
        Assert.False(json.ContainsKey("tools") || json.ContainsKey("functions") || json.ContainsKey("tool_choice"), sent.Body);
        Assert.Equal("json_schema", json["response_format"]!["type"]!.GetValue<string>());
        Assert.True(json["response_format"]!["json_schema"]!["strict"]!.GetValue<bool>());
        Assert.NotNull(json["max_tokens"] ?? json["max_completion_tokens"]);

        // The key went to the provider, and nowhere else.
        Assert.Equal($"Bearer {StubSettings.ApiKey}", sent.Headers["Authorization"]);
        Assert.NotEmpty(app.Logs.Messages);
        Assert.DoesNotContain(app.Logs.Messages, m => m.Contains(StubSettings.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AzureOpenAIDraftsThroughTheDeploymentUrlAndTheWholeLoopReachesTheStudent()
    {
        using var stub = new OpenAIStub();
        using var app = new SparkFactory(StorageKind.Sqlite, settings: StubSettings.For(stub, "AzureOpenAI", model: "spark-drafts"));
        var school = TestSchool.Create(app);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, student) = await school.AddStudent("ade", interests: ["football"], mentorId: mentorId);

        var request = await TestSchool.RequestAndWait(mentor, studentId, count: 2);
        Assert.Equal("drafted", request["status"]!.GetValue<string>());
        await AiAssert.DraftsPendingReview(mentor, request, 2, model: "spark-drafts");

        var sent = Assert.Single(stub.RequestsFor(DraftIdeasJob.Pseudonym(request["id"]!.GetValue<Guid>())));
        Assert.Equal("/openai/deployments/spark-drafts/chat/completions", sent.Path);
        Assert.Contains("api-version=", sent.Query);
        Assert.Equal(StubSettings.ApiKey, sent.Headers["api-key"]);
        Assert.Equal("json_schema", JsonNode.Parse(sent.Body)!["response_format"]!["type"]!.GetValue<string>());

        // The rest of the loop, with the model's drafts: approve with an edit, reject one, share, the student answers.
        var ids = request["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToArray();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{ids[0]}/approve", new { edits = new { title = "Ade's match-day data lab" } })).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{ids[1]}/reject", new { reason = "Too much writing" })).StatusCode);
        // Edited at approval, so the conversation starters are written again for the project as approved.
        string[] starters = [];
        for (var waited = 0; waited < 60 && !starters.SequenceEqual(OpenAIStub.StarterReply); waited++)
        {
            await Task.Delay(250);
            starters = (await (await mentor.GetAsync($"/api/drafts/{ids[0]}")).Json())["conversationStarters"].Strings();
        }
        Assert.Equal(OpenAIStub.StarterReply, starters);
        var startersCall = Assert.Single(stub.Requests, r => OpenAIStub.PromptText(r.Body).Contains("BEGIN APPROVED PROJECT"));
        Assert.Contains("Ade's match-day data lab", OpenAIStub.PromptText(startersCall.Body));
        foreach (var value in new[] { "Student ade", school.Email("ade"), studentId.ToString(), school.Email("mentor") })
            Assert.DoesNotContain(value, startersCall.Body, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(OpenAIStub.StarterReply, (await (await mentor.GetAsync($"/api/drafts/{ids[0]}")).Json())["original"]!["conversationStarters"].Strings());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{ids[0]}/deliver", new { conversationAt = DateTimeOffset.UtcNow })).StatusCode);
        var portal = (await (await student.GetAsync("/api/portal/projects")).Json())["items"]!.AsArray();
        var shared = Assert.Single(portal);
        Assert.Equal("Ade's match-day data lab", shared!["title"]!.GetValue<string>());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await student.PostAsJsonAsync($"/api/portal/projects/{ids[0]}/response", new { response = "sparked" })).StatusCode);
        Assert.Equal("sparked", (await (await mentor.GetAsync($"/api/drafts/{ids[0]}")).Json())["studentResponse"]!["response"]!.GetValue<string>());
    }

    [Fact]
    public void ABrokenPromptFileStopsStartupWithItsName()
    {
        var folder = Directory.CreateTempSubdirectory("prompts-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "draft-student-projects.yaml"), "name: draft-student-projects\ntemplate: [oops\n");
            using var app = new SparkFactory(StorageKind.Sqlite, settings: new Dictionary<string, string>
            {
                ["AI:PromptsPath"] = folder,
                ["AI:PatternsPath"] = Path.Combine(AppContext.BaseDirectory, "prompts", "patterns"),
            });
            var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
            Assert.Contains("Prompt file 'draft-student-projects.yaml' is invalid", error.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AnIncompleteProviderConfigurationStopsStartupNamingWhatIsMissing()
    {
        using var app = new SparkFactory(StorageKind.Sqlite, settings: new Dictionary<string, string> { ["AI:Provider"] = "AzureOpenAI" });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("AI:Endpoint is required", error.ToString());
    }
}

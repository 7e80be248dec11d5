using System.Net;
using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Browser;

/// <summary>People doing their jobs in a real browser; each test saves screenshots to artifacts/screenshots.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalBrowserTests(BrowserApp app)
{
    private async Task<(TestSchool School, string MentorEmail, Guid StudentId, string StudentEmail, HttpClient Mentor, Guid[] Drafts)> MentorWithDrafts(int count = 3)
    {
        var school = TestSchool.Create(app.Factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, _) = await school.AddStudent("maya", interests: ["guitar", "skateboarding"], mentorId: mentorId);
        var drafts = (await TestSchool.RequestAndWait(mentor, studentId, count))["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToArray();
        return (school, school.Email("mentor"), studentId, school.Email("maya"), mentor, drafts);
    }

    [Fact]
    public async Task AStudentSeesOnlyDeliveredProjectsAndResponds()
    {
        var (_, _, _, studentEmail, mentor, drafts) = await MentorWithDrafts();
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{drafts[0]}/approve", new { edits = new { title = "Maya's sound map" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{drafts[0]}/deliver", new { conversationAt = DateTimeOffset.UtcNow })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{drafts[1]}/approve", new { })).StatusCode);
        var hidden = new List<string>();
        foreach (var id in drafts[1..]) hidden.Add((await (await mentor.GetAsync($"/api/drafts/{id}")).Json())["title"]!.GetValue<string>());

        var page = await app.SignedIn(studentEmail, width: 390);
        Assert.EndsWith("/student", page.Url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Maya's sound map" }));
        var html = await page.ContentAsync();
        foreach (var title in hidden) Assert.DoesNotContain(WebUtility.HtmlEncode(title), html);
        await BrowserApp.Shot(page, "student-projects");

        await page.GetByRole(AriaRole.Button, new() { Name = "This sparks me" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your mentor will see your answer" }));
        Assert.Equal("true", await page.GetByRole(AriaRole.Button, new() { Name = "This sparks me" }).GetAttributeAsync("aria-pressed"));
        Assert.Equal("sparked", (await (await mentor.GetAsync($"/api/drafts/{drafts[0]}")).Json())["studentResponse"]!["response"]!.GetValue<string>());
        await BrowserApp.Shot(page, "student-responded");
    }

    [Fact]
    public async Task AMentorApprovesWithAnEditDeliversAndTheStudentThenSeesIt()
    {
        var (_, mentorEmail, _, studentEmail, _, drafts) = await MentorWithDrafts(count: 2);
        var page = await app.SignedIn(mentorEmail);
        Assert.EndsWith("/mentor", page.Url);
        var card = page.Locator($"[data-draft='{drafts[0]}']");
        await card.GetByText("Approve (edit first if you like)").ClickAsync();
        await card.GetByLabel("Title").FillAsync("Skate-park soundtrack");
        await BrowserApp.Shot(page, "mentor-review-queue");
        await card.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Approved." }));

        var share = page.Locator($"[data-draft='{drafts[0]}']");
        await share.GetByLabel("Private note (only staff see it)").FillAsync("Talked at lunch");
        await share.GetByRole(AriaRole.Button, new() { Name = "I shared this in a conversation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The student can now see this project" }));
        await BrowserApp.Shot(page, "mentor-delivered");

        var student = await app.SignedIn(studentEmail);
        await Expect(student.GetByRole(AriaRole.Heading, new() { Name = "Skate-park soundtrack" }));
        Assert.DoesNotContain("Talked at lunch", await student.ContentAsync());
        await BrowserApp.Shot(student, "student-sees-delivered");
    }

    [Fact]
    public async Task AMentorRequestsIdeasAndWatchesThemArrive()
    {
        var school = TestSchool.Create(app.Factory);
        var (mentorId, _) = await school.AddStaff("mentor", "mentor");
        await school.AddStudent("sam", interests: ["minecraft", "baking"], mentorId: mentorId);
        var page = await app.SignedIn(school.Email("mentor"));
        await Expect(page.GetByText("No drafts waiting"));
        await page.GetByLabel("How many ideas").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request ideas for Student sam" }).ClickAsync();
        // The page polls the request and reloads when the drafts are in.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "To review (2)" }), timeoutMs: 60_000);
        await BrowserApp.Shot(page, "mentor-drafts-arrived");
    }

    [Fact]
    public async Task AnAdminAssignsAMentorToAStudentWithNoAdult()
    {
        var school = TestSchool.Create(app.Factory);
        var (mentorId, _) = await school.AddStaff("coach", "mentor");
        var (studentId, _) = await school.AddStudent("zoe", interests: ["anime"]);
        var page = await app.SignedIn(school.AdminEmail);
        Assert.EndsWith("/admin", page.Url);
        await Expect(page.GetByText("1 of 1 students have no adult assigned yet"));
        await BrowserApp.Shot(page, "admin-unconnected");
        var row = page.Locator($"[data-student='{studentId}']");
        await row.GetByLabel("Mentor for Student zoe").SelectOptionAsync(mentorId.ToString());
        await row.GetByRole(AriaRole.Button, new() { Name = "Save mentor" }).ClickAsync();
        await Expect(page.GetByText("0 of 1 students have no adult assigned yet"));
        var admin = await school.Admin();
        Assert.Equal(mentorId, (await (await admin.GetAsync($"/api/students/{studentId}")).Json())["mentorId"]!.GetValue<Guid>());
        await BrowserApp.Shot(page, "admin-assigned");
    }

    [Fact]
    public async Task ATeacherMarksAStudentTheyKnowAndTheStudentLeavesTheUnconnectedList()
    {
        var school = TestSchool.Create(app.Factory);
        await school.AddStaff("teacher", "teacher");
        var (studentId, _) = await school.AddStudent("kai", interests: ["drums"]);
        var admin = await school.Admin();
        Assert.Single((await (await admin.GetAsync("/api/relationship-map?unconnected=true")).Json())["items"]!.AsArray());

        var page = await app.SignedIn(school.Email("teacher"));
        await page.GotoAsync(app.BaseUrl + "/relationships");
        await page.Locator($"[data-student='{studentId}']").GetByRole(AriaRole.Button, new() { Name = "Mark Student kai" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Marked." }));
        await BrowserApp.Shot(page, "teacher-marks-student");
        Assert.Empty((await (await admin.GetAsync("/api/relationship-map?unconnected=true")).Json())["items"]!.AsArray());
    }

    [Fact]
    public async Task AMentorLogsACheckInAndTheInterestHeardReachesTheProfile()
    {
        var school = TestSchool.Create(app.Factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, _) = await school.AddStudent("ivy", interests: ["volleyball"], mentorId: mentorId);
        var page = await app.SignedIn(school.Email("mentor"));
        await page.GetByLabel("Interests you heard (comma-separated, added to their profile)").FillAsync("photography");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log check-in with Student ivy" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Check-in logged." }));
        Assert.Contains("photography", (await (await mentor.GetAsync($"/api/students/{studentId}")).Json())["interests"].Strings());
        await BrowserApp.Shot(page, "mentor-check-in");
    }

    [Fact]
    public async Task EveryPageHasNoSeriousOrCriticalAccessibilityViolations()
    {
        var (school, mentorEmail, _, studentEmail, mentor, drafts) = await MentorWithDrafts(count: 2);
        await mentor.PostAsJsonAsync($"/api/drafts/{drafts[0]}/approve", new { });
        await mentor.PostAsJsonAsync($"/api/drafts/{drafts[0]}/deliver", new { conversationAt = DateTimeOffset.UtcNow });
        var (_, _) = await school.AddStaff("teacher", "teacher");
        var pages = new (string Email, string Path)[]
        {
            (studentEmail, "/student"), (mentorEmail, "/mentor"), (school.AdminEmail, "/admin"), (school.Email("teacher"), "/teacher"),
            (school.Email("teacher"), "/relationships"),
        };
        var problems = new List<string>();
        foreach (var (email, path) in pages)
        {
            var page = await app.SignedIn(email);
            await page.GotoAsync(app.BaseUrl + path);
            problems.AddRange(await SeriousViolations(page, path));
        }
        var anonymous = await (await app.Browser.NewContextAsync()).NewPageAsync();
        await anonymous.GotoAsync(app.BaseUrl + "/sign-in");
        problems.AddRange(await SeriousViolations(anonymous, "/sign-in"));
        await anonymous.GotoAsync(app.BaseUrl + "/no-such-page");
        Assert.Contains("We could not find that page", await anonymous.ContentAsync());
        problems.AddRange(await SeriousViolations(anonymous, "/error?code=404"));
        Assert.Empty(problems);
    }

    private static async Task<IEnumerable<string>> SeriousViolations(IPage page, string path)
    {
        var result = await page.RunAxe();
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help} x{v.Nodes.Length}");
    }

    private static Task Expect(ILocator locator, int timeoutMs = 10_000) =>
        Assertions.Expect(locator).ToBeVisibleAsync(new() { Timeout = timeoutMs });
}

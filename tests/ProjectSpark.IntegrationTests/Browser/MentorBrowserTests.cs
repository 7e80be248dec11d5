using System.Net.Http.Json;
using Microsoft.Playwright;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Browser;

/// <summary>A mentor's other review actions and their students' signals, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MentorBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task AMentorRejectsWithAReasonRegeneratesWithFeedbackAndSeesFlagsAndFollowUps()
    {
        var school = TestSchool.Create(app.Factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, _) = await school.AddStudent("noor", interests: ["baking", "minecraft"], mentorId: mentorId);
        var admin = await school.Admin();
        var absences = new[] { "2026-09-01", "2026-09-02", "2026-09-03" }.Select(d => new { studentId, date = d, status = "absent" });
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/attendance", new { records = absences })).StatusCode);
        var drafts = (await TestSchool.RequestAndWait(mentor, studentId, 2))["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToArray();

        var page = await app.SignedIn(school.Email("mentor"));
        // The flag and its follow-up are on the mentor's desk, as words, never as a message to anyone.
        await Expect(page.Locator($"[data-flag='absenceStreak']"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Follow-ups", Exact = false }));

        var first = page.Locator($"[data-draft='{drafts[0]}']");
        await first.GetByText("Reject", new() { Exact = true }).First.ClickAsync();
        await first.GetByLabel("Why is it not right for Student noor?").FillAsync("Needs an oven she does not have");
        await first.GetByRole(AriaRole.Button, new() { Name = "Reject", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Rejected." }));
        var rejected = await (await mentor.GetAsync($"/api/drafts/{drafts[0]}")).Json();
        Assert.Equal(("rejected", "Needs an oven she does not have"), (rejected["status"]!.GetValue<string>(), rejected["rejectionReason"]!.GetValue<string>()));

        var second = page.Locator($"[data-draft='{drafts[1]}']");
        await second.GetByText("Regenerate with feedback").ClickAsync();
        await second.GetByLabel("What should the new idea do differently?").FillAsync("More about minecraft, less writing");
        await second.GetByRole(AriaRole.Button, new() { Name = "Regenerate" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Drafting a new idea with your feedback." }));
        var newest = await app.Factory.WithDbAsync(db => Task.FromResult(db.IdeaRequests.Where(r => r.StudentId == studentId).OrderByDescending(r => r.CreatedAt).First()));
        Assert.Equal(drafts[1], newest.RegeneratedFromDraftId);
        Assert.Equal("More about minecraft, less writing", newest.Feedback);
        Assert.Equal("drafted", (await TestSchool.WaitFinished(mentor, $"/api/idea-requests/{newest.Id}"))["status"]!.GetValue<string>());
        await BrowserApp.Shot(page, "mentor-rejected-and-regenerated");
    }

    private static Task Expect(ILocator locator) => Assertions.Expect(locator.First).ToBeVisibleAsync(new() { Timeout = 10_000 });
}

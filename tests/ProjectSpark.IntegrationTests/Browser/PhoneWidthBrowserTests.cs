using System.Net.Http.Json;
using Microsoft.Playwright;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Browser;

/// <summary>A student on a phone, a mentor between classes: every page fits a 360-pixel-wide screen without sideways scrolling.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneWidthBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task EveryPageFitsAPhoneScreenWithoutScrollingSideways()
    {
        var school = TestSchool.Create(app.Factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor", "teacher");
        var (studentId, _) = await school.AddStudent("rosalind-a-rather-long-name", interests: ["marine biology", "competitive swimming"], mentorId: mentorId);
        var drafts = (await TestSchool.RequestAndWait(mentor, studentId, 2))["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToArray();
        await mentor.PostAsJsonAsync($"/api/drafts/{drafts[0]}/approve", new { });
        await mentor.PostAsJsonAsync($"/api/drafts/{drafts[0]}/deliver", new { conversationAt = DateTimeOffset.UtcNow });
        var admin = await school.Admin();
        await admin.PostAsJsonAsync("/api/attendance", new { records = new[] { new { studentId, date = "2026-09-08", status = "absent" } } });

        var pages = new (string Email, string Path)[]
        {
            (school.Email("rosalind-a-rather-long-name"), "/student"), (school.Email("mentor"), "/mentor"), (school.Email("mentor"), "/teacher"),
            (school.Email("mentor"), "/relationships"), (school.AdminEmail, "/admin"), (school.AdminEmail, "/admin/dashboard"),
            (school.AdminEmail, "/admin/imports"),
        };
        var overflowing = new List<string>();
        foreach (var (email, path) in pages)
        {
            var page = await app.SignedIn(email, width: 360);
            await page.GotoAsync(app.BaseUrl + path);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            var (scroll, viewport) = (widths[0], widths[1]);
            if (scroll > viewport) overflowing.Add($"{path}: {scroll}px wide on a {viewport}px screen");
            await BrowserApp.Shot(page, "phone" + path.Replace('/', '-'));
        }
        Assert.Empty(overflowing);
    }
}

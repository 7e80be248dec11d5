using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Browser;

/// <summary>An admin's imports (dry run first, then for real) and the engagement dashboard, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task AnAdminChecksAnAttendanceFileSeesTheBadLineImportsItAndSeesTheTrend()
    {
        var school = TestSchool.Create(app.Factory);
        var (studentId, _) = await school.AddStudent("lee");
        var admin = await school.Admin();
        var csv = Path.Combine(Path.GetTempPath(), $"attendance-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, $"""
            email,date,status
            {school.Email("lee")},2026-09-07,present
            {school.Email("lee")},2026-09-08,absent
            {school.Email("lee")},2026-09-09,sick
            {school.Email("lee")},2026-09-10,present
            """);

        var page = await app.SignedIn(school.AdminEmail);
        await page.GotoAsync(app.BaseUrl + "/admin/imports");
        await page.GetByLabel("Attendance (CSV: email or studentId, date, status)").CheckAsync();
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(csv);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file (dry run)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dry run: nothing has been written yet" }));
        Assert.Equal(["4", "3", "0", "0", "1"], await page.Locator("[data-count='attendance'] td").AllInnerTextsAsync());
        await Expect(page.Locator("[data-issues='Rows refused'] tr").Filter(new() { HasText = "Must be present, absent, tardy or excused." }));
        Assert.Equal(0, (await (await admin.GetAsync($"/api/students/{studentId}/signals")).Json())["daysEnrolled"]!.GetValue<int>());
        await BrowserApp.Shot(page, "admin-import-dry-run");
        Assert.Empty(await SeriousViolations(page));

        await page.GetByRole(AriaRole.Button, new() { Name = "Import for real" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Imported." }));
        Assert.Equal(3, (await (await admin.GetAsync($"/api/students/{studentId}/signals")).Json())["daysEnrolled"]!.GetValue<int>());
        await BrowserApp.Shot(page, "admin-import-done");

        await page.GotoAsync(app.BaseUrl + "/admin/dashboard");
        await Expect(page.Locator("[data-chart='trend-school']"));
        await page.GetByLabel("Student", new() { Exact = true }).SelectOptionAsync(studentId.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("[data-chart='trend-student']"));
        await page.GetByText("The numbers").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "67%" }).First);
        await BrowserApp.Shot(page, "admin-dashboard");
        Assert.Empty(await SeriousViolations(page));
        File.Delete(csv);
    }

    [Fact]
    public async Task AnAdminChecksAOneRosterExportAndCancelsWithoutWritingAnything()
    {
        var school = TestSchool.Create(app.Factory);
        var admin = await school.Admin();
        var page = await app.SignedIn(school.AdminEmail);
        await page.GotoAsync(app.BaseUrl + "/admin/imports");
        await page.GetByLabel("A OneRoster 1.1 or 1.2 export (zip)").CheckAsync();
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(Path.Combine(RosterFixtures.Folder, "Test_full_data_set.zip"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file (dry run)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dry run: nothing has been written yet" }));
        var dry = await (await admin.PostZip("Test_full_data_set.zip", dryRun: true)).Json();
        Assert.Equal(RosterFixtures.Counts(dry, "students").Split('/'), (await page.Locator("[data-count='students'] td").AllInnerTextsAsync()).ToArray());
        Assert.Equal(dry["errors"]!.AsArray().Count, await page.Locator("[data-issues='Rows refused'] tbody tr").CountAsync());
        await BrowserApp.Shot(page, "admin-roster-dry-run");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Nothing was imported." }));
        Assert.Single((await (await admin.GetAsync("/api/staff")).Json())["items"]!.AsArray()); // the admin only
        Assert.Empty((await (await admin.GetAsync("/api/students")).Json())["items"]!.AsArray());
    }

    private static async Task<List<string>> SeriousViolations(IPage page) =>
        (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help} x{v.Nodes.Length}").ToList();

    private static Task Expect(ILocator locator) => Assertions.Expect(locator).ToBeVisibleAsync(new() { Timeout = 10_000 });
}

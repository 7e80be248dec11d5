using System.Net;
using System.Text.RegularExpressions;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>The portal's own guards, over plain HTTP: a strict CSP on every page, antiforgery on every form, sign-out included.</summary>
[Collection(SqliteCollection.Name)]
public sealed partial class PortalSecurityTests(SqliteApp app)
{
    private async Task<HttpClient> SignedIn(string email)
    {
        var browser = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/dev/sign-in?email={Uri.EscapeDataString(email)}")).StatusCode);
        return browser;
    }

    [Fact]
    public async Task EveryPageSendsAStrictContentSecurityPolicyAndEveryFormCarriesAnAntiforgeryToken()
    {
        var school = TestSchool.Create(app.Factory);
        var (mentorId, _) = await school.AddStaff("mentor", "mentor", "teacher");
        await school.AddStudent("ana", interests: ["chess"], mentorId: mentorId);
        foreach (var (email, path) in new[] { (school.Email("mentor"), "/mentor"), (school.Email("mentor"), "/teacher"), (school.Email("mentor"), "/relationships"),
                     (school.Email("ana"), "/student"), (school.AdminEmail, "/admin"), (school.AdminEmail, "/admin/dashboard"), (school.AdminEmail, "/admin/imports") })
        {
            var response = await (await SignedIn(email)).GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("default-src 'self'", csp);
            Assert.Contains("script-src 'self';", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("http", csp);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotMatch("<script(?![^>]*src=\"/)", html); // no inline or third-party scripts
            var forms = PostForm().Matches(html);
            Assert.NotEmpty(forms);
            foreach (Match form in forms)
                Assert.Contains("name=\"__RequestVerificationToken\"", form.Value);
        }
    }

    [Fact]
    public async Task SignOutNeedsTheFormsTokenSoAnotherSiteCannotSignSomeoneOut()
    {
        var school = TestSchool.Create(app.Factory);
        await school.AddStaff("mentor", "mentor");
        var browser = await SignedIn(school.Email("mentor"));
        var page = await (await browser.GetAsync("/mentor")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/sign-out", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/mentor")).StatusCode); // still signed in

        var form = PostForm().Matches(page).Single(m => m.Value.Contains("action=\"/sign-out\""));
        var token = Regex.Match(form.Value, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signedOut = await browser.PostAsync("/sign-out", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/sign-in", signedOut.Headers.Location!.OriginalString);
        var after = await browser.GetAsync("/mentor");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/sign-in", after.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();
}

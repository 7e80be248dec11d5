using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProjectSpark.Features.Staff;

namespace ProjectSpark.IntegrationTests.Infrastructure;

/// <summary>
/// A school of its own for each test: an admin made directly in the database (production bootstraps its first admin
/// from configuration); everything else through the HTTP API, as a user would.
/// </summary>
public sealed class TestSchool
{
    private readonly SparkFactory _factory;
    private readonly string _tag = Guid.NewGuid().ToString("N")[..10];
    public Guid SchoolId { get; }
    public string AdminEmail { get; }

    private TestSchool(SparkFactory factory, Guid schoolId, string adminEmail)
    {
        _factory = factory;
        SchoolId = schoolId;
        AdminEmail = adminEmail;
    }

    public static TestSchool Create(SparkFactory factory)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var email = $"admin-{tag}@school.test";
        var schoolId = factory.WithDb(db =>
        {
            var school = new School($"Test school {tag}");
            db.Schools.Add(school);
            db.Staff.Add(new StaffMember(school.Id, "Test Admin", email, StaffRoles.Admin));
            db.SaveChanges();
            return school.Id;
        });
        return new TestSchool(factory, schoolId, email);
    }

    public string Email(string who) => $"{who}-{_tag}@school.test";

    public HttpClient Anonymous() => _factory.CreateClient();

    public async Task<HttpClient> ClientFor(string email)
    {
        var client = _factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/dev/tokens", new { email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> Admin() => ClientFor(AdminEmail);

    public async Task<(Guid Id, HttpClient Client)> AddStaff(string who, params string[] roles)
    {
        var admin = await Admin();
        var email = Email(who);
        var created = await admin.PostAsJsonAsync("/api/staff", new { name = $"Staff {who}", email, roles });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Json())["id"]!.GetValue<Guid>();
        return (id, await ClientFor(email));
    }

    public async Task<(Guid Id, HttpClient Client)> AddStudent(string who, int grade = 9, string[]? interests = null, Guid? mentorId = null)
    {
        var admin = await Admin();
        var email = Email(who);
        var created = await admin.PostAsJsonAsync("/api/students", new { displayName = $"Student {who}", email, gradeLevel = grade });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Json())["id"]!.GetValue<Guid>();
        if (mentorId is { } m)
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/students/{id}/mentor", new { mentorId = m })).StatusCode);
        var client = await ClientFor(email);
        if (interests is not null)
            Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/students/{id}/interests", new { interests })).StatusCode);
        return (id, client);
    }

    /// <summary>Requests ideas and waits for the background job to finish them.</summary>
    public static async Task<JsonObject> RequestAndWait(HttpClient mentor, Guid studentId, int count = 3, string? focus = null)
    {
        var accepted = await mentor.PostAsJsonAsync($"/api/students/{studentId}/idea-requests", new { count, focus });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return await WaitFinished(mentor, accepted.Headers.Location!.ToString());
    }

    public static async Task<JsonObject> WaitFinished(HttpClient client, string location, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var status = await (await client.GetAsync(location)).Json();
            var s = status["status"]!.GetValue<string>();
            if (s is "drafted" or "failed") return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Idea request {location} still '{s}' after {seconds}s");
            await Task.Delay(200);
        }
    }
}

public static class HttpJson
{
    public static async Task<JsonObject> Json(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static async Task<JsonObject> Problem(this HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Json();
        Assert.Equal((int)expected, body["status"]!.GetValue<int>());
        return body;
    }

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PutRaw(this HttpClient client, string url, string json) =>
        client.PutAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public static string[] Strings(this JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}

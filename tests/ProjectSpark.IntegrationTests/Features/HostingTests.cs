using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>How the app presents itself: health, OpenAPI, production hardening, and the demo tour.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task ProductionHasNoDevTokensAndAnswersHealthAndOpenApi()
    {
        using var app = new SparkFactory(StorageKind.Sqlite, environment: "Production", settings: new Dictionary<string, string>
        {
            ["Database:MigrateOnStartup"] = "true",
            ["Auth:Authority"] = "https://login.school.example",
            ["Auth:Audience"] = "projectspark",
        });
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/dev/tokens", new { email = "admin@spark.test" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/drafts/{id}/deliver", openApi);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/scalar/v1")).StatusCode);

        // A forged token (signed with the development key) is refused outside Development.
        var forged = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImFkbWluQHNwYXJrLnRlc3QifQ.x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task DevelopmentServesTheInteractiveApiReferenceAndTheOpenApiDocumentNamesEveryRoute()
    {
        using var app = new SparkFactory(StorageKind.Sqlite);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/v1")).StatusCode);
        var doc = await client.GetStringAsync("/openapi/v1.json");
        foreach (var route in new[] { "/api/staff", "/api/students/{id}/mentor", "/api/students/{id}/interests", "/api/students/{id}/idea-requests",
                     "/api/idea-requests/{id}", "/api/reviews", "/api/drafts/{id}/approve", "/api/drafts/{id}/reject",
                     "/api/drafts/{id}/regenerate", "/api/portal/projects/{id}/response", "/api/me", "/api/dev/tokens" })
            Assert.Contains($"\"{route}\"", doc);
    }

    [Fact]
    public async Task TheDemoSchoolIsATourWithDraftsInEveryState()
    {
        using var app = new SparkFactory(StorageKind.Sqlite, settings: new Dictionary<string, string> { ["Demo:Seed"] = "true" });
        var school = TestSchool.Create(app);
        var admin = await school.ClientFor("admin@spark.test");
        Assert.Equal(8, (await (await admin.GetAsync("/api/students")).Json())["items"]!.AsArray().Count);
        Assert.Equal(4, (await (await admin.GetAsync("/api/staff")).Json())["items"]!.AsArray().Count);

        var mentor = await school.ClientFor("mentor1@spark.test");
        var all = (await (await mentor.GetAsync("/api/reviews?status=all")).Json())["items"]!.AsArray();
        var states = all.Select(i => i!["status"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "pendingReview", "approved", "rejected", "delivered" }, states);

        var student = await school.ClientFor("student1@spark.test");
        var projects = (await (await student.GetAsync("/api/portal/projects")).Json())["items"]!.AsArray();
        Assert.Single(projects);
        Assert.Equal("sparked", projects[0]!["myResponse"]!["response"]!.GetValue<string>());
        Assert.Empty((await (await (await school.ClientFor("student7@spark.test")).GetAsync("/api/portal/projects")).Json())["items"]!.AsArray());

        // Mrs. Dubois teaches Science 8: one class project introduced (two answers), two waiting for her; Jordan sees the one.
        var teacher = await school.ClientFor("teacher@spark.test");
        Assert.Equal("Science 8 · Period 2", Assert.Single((await (await teacher.GetAsync("/api/classes")).Json())["items"]!.AsArray())!["title"]!.GetValue<string>());
        var classDrafts = (await (await teacher.GetAsync("/api/reviews?status=all")).Json())["items"]!.AsArray();
        Assert.Equal(["delivered", "pendingReview", "pendingReview"], classDrafts.Select(i => i!["status"]!.GetValue<string>()).Order());
        Assert.All(classDrafts, i => Assert.Equal("class", i!["kind"]!.GetValue<string>()));
        var jordan = (await (await (await school.ClientFor("student2@spark.test")).GetAsync("/api/portal/projects")).Json())["items"]!.AsArray();
        Assert.Equal("class", Assert.Single(jordan)!["kind"]!.GetValue<string>());

        // Ethan (student7, no adult yet) is chronically absent; Jordan's mentor has follow-ups for his absence streak.
        var map = (await (await admin.GetAsync("/api/relationship-map?unconnected=true")).Json())["items"]!.AsArray();
        var ethan = map.Single(i => i!["displayName"]!.GetValue<string>() == "Ethan Brooks")!;
        Assert.Contains("chronicAbsence", ethan["flags"]!.AsArray().Select(f => f!["type"]!.GetValue<string>()));
        var followUps = (await (await mentor.GetAsync("/api/follow-ups")).Json())["items"]!.AsArray();
        Assert.Contains(followUps, f => f!["studentName"]!.GetValue<string>() == "Jordan Smith" && f["flagType"]!.GetValue<string>() == "absenceStreak");
    }
}

public sealed class EndpointPolicyTests
{
    [Fact]
    public void EveryEndpointDeclaresWhoMayCallIt()
    {
        using var app = new SparkFactory(StorageKind.Sqlite);
        _ = app.Server;
        var endpoints = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints;
        var open = endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null
                        && e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
            .Select(e => e.RoutePattern.RawText).ToList();
        Assert.True(endpoints.Count > 15);
        Assert.Empty(open);
    }
}

using System.Net;
using System.Net.Http.Json;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>Relationship mapping and check-ins over HTTP, on each storage mode.</summary>
public abstract class RelationshipTests(SparkFactory factory)
{
    [Fact]
    public async Task StudentsWithNoAdultAreListedUntilSomeoneMarksOrTakesThemOn()
    {
        var school = TestSchool.Create(factory);
        var (coachId, coach) = await school.AddStaff("coach", "mentor");
        var (_, teacher) = await school.AddStaff("teacher", "teacher");
        var (aliId, _) = await school.AddStudent("ali");
        var (bea, beaClient) = await school.AddStudent("bea");
        var (cyId, _) = await school.AddStudent("cy");
        var admin = await school.Admin();

        async Task<Guid[]> Unconnected() => (await (await admin.GetAsync("/api/relationship-map?unconnected=true")).Json())["items"]!
            .AsArray().Select(i => i!["studentId"]!.GetValue<Guid>()).Order().ToArray();
        Assert.Equal(new[] { aliId, bea, cyId }.Order(), await Unconnected());

        // A teacher marks Ali (twice: still one mark); Bea names the coach; Cy is taken on as a mentee.
        Assert.Equal(HttpStatusCode.Created, (await teacher.PostAsJsonAsync("/api/relationship-map/marks", new { studentId = aliId })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teacher.PostAsJsonAsync("/api/relationship-map/marks", new { studentId = aliId })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await beaClient.PostAsJsonAsync("/api/portal/trusted-adults", new { staffId = coachId })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/students/{cyId}/mentor", new { mentorId = coachId })).StatusCode);
        Assert.Empty(await Unconnected());

        var map = (await (await admin.GetAsync("/api/relationship-map")).Json())["items"]!.AsArray();
        var ali = map.Single(i => i!["studentId"]!.GetValue<Guid>() == aliId)!;
        var link = Assert.Single(ali["connections"]!.AsArray())!;
        Assert.Equal("staffMarked", link["source"]!.GetValue<string>());
        Assert.Equal("studentNamed", map.Single(i => i!["studentId"]!.GetValue<Guid>() == bea)!["connections"]![0]!["source"]!.GetValue<string>());

        // Removing the mark puts Ali back on the list.
        Assert.Equal(HttpStatusCode.NoContent, (await teacher.DeleteAsync($"/api/relationship-map/marks/{aliId}")).StatusCode);
        Assert.Equal([aliId], await Unconnected());
        // Only admins see the map; students cannot mark.
        await (await coach.GetAsync("/api/relationship-map")).Problem(HttpStatusCode.Forbidden);
        await (await beaClient.PostAsJsonAsync("/api/relationship-map/marks", new { studentId = aliId })).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AMentorAtCapacityCannotTakeAnotherStudentAndIsSuggestedLast()
    {
        var school = TestSchool.Create(factory);
        var (fullId, _) = await school.AddStaff("full", "mentor");
        var (hoopsId, hoops) = await school.AddStaff("hoops", "mentor");
        var admin = await school.Admin();
        for (var i = 0; i < 15; i++) await school.AddStudent($"s{i}", mentorId: fullId);
        var (newId, _) = await school.AddStudent("new", interests: ["basketball", "drawing"]);

        var refused = await (await admin.PutAsJsonAsync($"/api/students/{newId}/mentor", new { mentorId = fullId })).Problem(HttpStatusCode.Conflict);
        Assert.Contains("15", refused["detail"]!.GetValue<string>());
        Assert.Null((await (await admin.GetAsync($"/api/students/{newId}")).Json())["mentorId"]);

        Assert.Equal(HttpStatusCode.OK, (await hoops.PutAsJsonAsync("/api/staff/me/interests", new { interests = new[] { "hoops", "NBA" } })).StatusCode);
        var suggestions = (await (await admin.GetAsync($"/api/students/{newId}/mentor-suggestions")).Json())["items"]!.AsArray();
        Assert.Equal(hoopsId, suggestions[0]!["staffId"]!.GetValue<Guid>());
        Assert.Contains("basketball", suggestions[0]!["sharedInterests"].Strings());
        Assert.Equal(fullId, suggestions[^1]!["staffId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task AMentorLogsACheckInAndTheInterestsHeardJoinTheProfile()
    {
        var school = TestSchool.Create(factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (_, other) = await school.AddStaff("other", "mentor");
        var (studentId, student) = await school.AddStudent("dee", interests: ["chess"], mentorId: mentorId);

        var logged = await mentor.PostAsJsonAsync($"/api/students/{studentId}/check-ins",
            new { at = DateTimeOffset.UtcNow.AddHours(-1), kind = "twoByTen", note = "Talked about the tournament", interestsHeard = new[] { "Chess", "rap music" } });
        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        Assert.Equal(["rap music"], (await logged.Json())["interestsAdded"].Strings());
        Assert.Equal(["chess", "rap music"], (await (await mentor.GetAsync($"/api/students/{studentId}")).Json())["interests"].Strings());

        var list = (await (await mentor.GetAsync($"/api/students/{studentId}/check-ins")).Json())["items"]!.AsArray();
        Assert.Equal("Talked about the tournament", Assert.Single(list)!["note"]!.GetValue<string>());
        // Another mentor cannot log or read; the student never sees check-ins.
        await (await other.PostAsJsonAsync($"/api/students/{studentId}/check-ins", new { at = DateTimeOffset.UtcNow, kind = "other" })).Problem(HttpStatusCode.Forbidden);
        await (await other.GetAsync($"/api/students/{studentId}/check-ins")).Problem(HttpStatusCode.Forbidden);
        await (await student.GetAsync($"/api/students/{studentId}/check-ins")).Problem(HttpStatusCode.Forbidden);
        // Bad input names the field and logs nothing.
        var bad = await (await mentor.PostAsJsonAsync($"/api/students/{studentId}/check-ins", new { at = DateTimeOffset.UtcNow, kind = "chat" })).Problem(HttpStatusCode.BadRequest);
        Assert.True(bad["errors"]!.AsObject().ContainsKey("kind"));
        await (await mentor.PostAsJsonAsync($"/api/students/{studentId}/check-ins", new { at = DateTimeOffset.UtcNow.AddDays(1), kind = "other" })).Problem(HttpStatusCode.BadRequest);
        Assert.Single((await (await mentor.GetAsync($"/api/students/{studentId}/check-ins")).Json())["items"]!.AsArray());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RelationshipsOnSqlite(SqliteApp app) : RelationshipTests(app.Factory);

[Collection(PostgresCollection.Name)]
public sealed class RelationshipsOnPostgres(PostgresApp app) : RelationshipTests(app.Factory);

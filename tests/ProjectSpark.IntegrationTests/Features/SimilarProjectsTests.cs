using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>GET /api/projects/similar: semantic search over the school's approved and delivered projects, for staff.</summary>
public abstract class SimilarProjectsTests(SparkFactory factory)
{
    private static Guid[] Ids(JsonObject request) => request["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToArray();

    private static async Task Approve(HttpClient mentor, Guid draft, object? edits = null) =>
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{draft}/approve", new { edits })).StatusCode);

    [Fact]
    public async Task StaffFindTheClosestApprovedAndDeliveredProjectsOfTheirSchoolWithoutWhoseTheyWere()
    {
        var school = TestSchool.Create(factory);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (_, teacher) = await school.AddStaff("teacher", "teacher");
        var (astroId, _) = await school.AddStudent("astro", interests: ["astronomy"], mentorId: mentorId);
        var (bakerId, _) = await school.AddStudent("baker", interests: ["baking"], mentorId: mentorId);
        var astro = Ids(await TestSchool.RequestAndWait(mentor, astroId, count: 3));
        var baker = Ids(await TestSchool.RequestAndWait(mentor, bakerId, count: 1));
        var original = await (await mentor.GetAsync($"/api/drafts/{astro[0]}")).Json();
        await Approve(mentor, astro[0], new { title = "Night sky field notes" });
        await Approve(mentor, astro[1]);
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{astro[1]}/deliver", new { conversationAt = DateTimeOffset.UtcNow })).StatusCode);
        await Approve(mentor, baker[0]);
        // astro[2] stays pending review: never found.

        // Another school's approved project about the same interest is never found here.
        var elsewhere = TestSchool.Create(factory);
        var (otherMentorId, otherMentor) = await elsewhere.AddStaff("mentor", "mentor");
        var (otherStudent, _) = await elsewhere.AddStudent("astro", interests: ["astronomy"], mentorId: otherMentorId);
        var foreign = Ids(await TestSchool.RequestAndWait(otherMentor, otherStudent, count: 1));
        await Approve(otherMentor, foreign[0]);

        var o = original["original"]!;
        var text = $"{o["title"]}. {o["drivingQuestion"]} {o["summary"]}";
        var response = await teacher.GetAsync($"/api/projects/similar?text={Uri.EscapeDataString(text[..Math.Min(500, text.Length)])}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var items = JsonNode.Parse(body)!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();

        Assert.Equal(new[] { astro[0], astro[1], baker[0] }.Order(), items.Select(i => i["draftId"]!.GetValue<Guid>()).Order());
        Assert.Equal(astro[0], items[0]["draftId"]!.GetValue<Guid>());
        Assert.Equal("Night sky field notes", items[0]["title"]!.GetValue<string>()); // as approved, with the reviewer's edit
        var similarities = items.Select(i => i["similarity"]!.GetValue<double>()).ToList();
        Assert.Equal(similarities.OrderByDescending(s => s), similarities);
        Assert.True(similarities[0] > 0.9, $"the draft's own text should be closest, was {similarities[0]}");
        Assert.All(items, i => Assert.Equal(["draftId", "drivingQuestion", "similarity", "summary", "title"], i.Select(p => p.Key).Order()));
        foreach (var identity in new[] { "Student astro", "Student baker", school.Email("astro"), school.Email("baker"), astroId.ToString(), bakerId.ToString() })
            Assert.DoesNotContain(identity, body, StringComparison.OrdinalIgnoreCase);

        var one = await (await mentor.GetAsync($"/api/projects/similar?text=cupcakes%20and%20bread&k=1")).Json();
        Assert.Equal(baker[0], Assert.Single(one["items"]!.AsArray())!["draftId"]!.GetValue<Guid>());
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("?text=%20%20", "text")]
    [InlineData("?text=TOO_LONG", "text")]
    [InlineData("?text=robots&k=0", "k")]
    [InlineData("?text=robots&k=51", "k")]
    public async Task ASearchWithoutTextOrWithKOutOfRangeIsRefusedNamingTheField(string query, string field)
    {
        var school = TestSchool.Create(factory);
        var (_, mentor) = await school.AddStaff("mentor", "mentor");
        var problem = await (await mentor.GetAsync("/api/projects/similar" + query.Replace("TOO_LONG", new string('a', 501)))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem["errors"]!.AsObject().Select(e => e.Key));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SimilarProjectsOnSqlite(SqliteApp app) : SimilarProjectsTests(app.Factory);

[Collection(PostgresCollection.Name)]
public sealed class SimilarProjectsOnPostgres(PostgresApp app) : SimilarProjectsTests(app.Factory);

/// <summary>On PostgreSQL the search has the ORDER BY shape the HNSW cosine index answers (seen in the plan).</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class SimilarProjectsIndexOnPostgres(PostgresApp app)
{
    [Fact]
    public async Task TheNearestQueryIsAnsweredByTheHnswIndex()
    {
        var plan = await app.Factory.WithDbAsync(async db =>
        {
            var query = new ProjectSpark.Features.Projects.SimilarProjects(db, null!)
                .NearestOnPostgres(Guid.NewGuid(), new Pgvector.Vector(new float[384].Select((_, i) => i == 0 ? 1f : 0f).ToArray()), 10)
                .ToQueryString();
            // ToQueryString declares each parameter in a comment; inline them to EXPLAIN the statement as it runs.
            var parameters = Parameter().Matches(query).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            var sql = string.Join("\n", query.Split('\n').Where(l => !l.StartsWith("--")));
            foreach (var (name, value) in parameters.OrderByDescending(p => p.Key.Length)) sql = sql.Replace(name, $"'{value}'");
            await using var tx = await db.Database.BeginTransactionAsync();
            // A test database is tiny, so the planner would rightly scan and sort; forbid that to see whether the
            // index can deliver the order at all (it can only if the ORDER BY is exactly "Embedding" <=> vector).
            await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off");
#pragma warning disable EF1003 // the statement is the app's own query text, with its own parameter values
            return string.Join("\n", await db.Database.SqlQueryRaw<string>("EXPLAIN " + sql).ToListAsync());
#pragma warning restore EF1003
        });
        Assert.True(plan.Contains("Index Scan using \"IX_Drafts_Embedding\""), plan);
        Assert.Contains("Order By: (\"Embedding\" <=>", plan);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^-- (@\w+)='([^']*)'", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex Parameter();
}

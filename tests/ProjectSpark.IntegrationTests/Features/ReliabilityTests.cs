using ProjectSpark.Data;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectSpark.Features.Ideas;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>Nothing is lost: a restart mid-request is finished by the next start; a job run twice makes one set of drafts.</summary>
public abstract class ReliabilityTests(StorageKind kind)
{
    private string NewDatabase() => kind == StorageKind.Sqlite ? SparkFactory.NewSqliteDatabase() : SparkFactory.NewPostgresDatabase();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARequestQueuedOrMidDraftBeforeARestartIsDraftedAfterIt(bool crashedWhileDrafting)
    {
        var database = NewDatabase();
        Guid studentId;
        string location;
        // First run: no job server, so the request is saved and queued but nothing drafts it before the "crash".
        using (var before = new SparkFactory(kind, database, hangfireServer: false))
        {
            var school = TestSchool.Create(before);
            var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
            (studentId, _) = await school.AddStudent("rae", interests: ["photography"], mentorId: mentorId);
            var accepted = await mentor.PostAsJsonAsync($"/api/students/{studentId}/idea-requests", new { count = 2 });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            location = accepted.Headers.Location!.ToString();
            Assert.Equal("queued", (await (await mentor.GetAsync(location)).Json())["status"]!.GetValue<string>());
            if (crashedWhileDrafting)
            {
                // A job had started (attempt 1) when the process died: the request is left "drafting".
                var id = Guid.Parse(location.Split('/')[^1]);
                await before.WithDbAsync(async db =>
                {
                    (await db.IdeaRequests.SingleAsync(r => r.Id == id)).StartAttempt(DateTimeOffset.UtcNow);
                    return await db.SaveChangesAsync();
                });
                Assert.Equal("drafting", (await (await mentor.GetAsync(location)).Json())["status"]!.GetValue<string>());
            }
        }

        // Second run on the same database: startup recovery re-enqueues it and the job drafts it.
        using var after = new SparkFactory(kind, database);
        var mentorEmail = await after.WithDbAsync(db => db.Students.Where(s => s.Id == studentId).Select(s => s.CurrentMentor!.Email).FirstAsync());
        var again = await TestSchool.Create(after).ClientFor(mentorEmail);
        var finished = await TestSchool.WaitFinished(again, location);
        Assert.Equal("drafted", finished["status"]!.GetValue<string>());
        Assert.Equal(2, finished["draftIds"]!.AsArray().Count);
    }

    [Fact]
    public async Task RunningTheDraftingJobTwiceMakesOneSetOfDrafts()
    {
        using var app = new SparkFactory(kind, NewDatabase(), hangfireServer: false);
        var school = TestSchool.Create(app);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, _) = await school.AddStudent("ola", interests: ["dance", "cooking"], mentorId: mentorId);
        var accepted = await mentor.PostAsJsonAsync($"/api/students/{studentId}/idea-requests", new { count = 3 });
        var requestId = (await accepted.Json())["id"]!.GetValue<Guid>();

        // Two concurrent runs (as after a retry racing a recovered job), then a third after both finished.
        await Task.WhenAll(RunJob(app, requestId), RunJob(app, requestId));
        await RunJob(app, requestId);

        var drafts = await app.WithDbAsync(db => db.Drafts.Where(d => d.IdeaRequestId == requestId).CountAsync());
        Assert.Equal(3, drafts);
        var status = await (await mentor.GetAsync(accepted.Headers.Location)).Json();
        Assert.Equal("drafted", status["status"]!.GetValue<string>());
        Assert.Equal(3, status["draftIds"]!.AsArray().Count);
    }

    [Fact]
    public async Task ARunThatReadTheRequestBeforeAnotherRunFinishedItCannotTurnItBackToDrafting()
    {
        using var app = new SparkFactory(kind, NewDatabase(), hangfireServer: false);
        var school = TestSchool.Create(app);
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
        var (studentId, _) = await school.AddStudent("ola", interests: ["dance", "cooking"], mentorId: mentorId);
        var accepted = await mentor.PostAsJsonAsync($"/api/students/{studentId}/idea-requests", new { count = 2 });
        var requestId = (await accepted.Json())["id"]!.GetValue<Guid>();

        // A late run read the request while it was still queued...
        using var late = app.Services.CreateScope();
        var lateDb = late.ServiceProvider.GetRequiredService<SparkDbContext>();
        var stale = await lateDb.IdeaRequests.SingleAsync(r => r.Id == requestId);
        // ...another run drafted it meanwhile...
        await RunJob(app, requestId);
        // ...so the late run's "drafting" write is refused instead of overwriting "drafted".
        stale.StartAttempt(DateTimeOffset.UtcNow);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => lateDb.SaveChangesAsync());

        var status = await (await mentor.GetAsync(accepted.Headers.Location)).Json();
        Assert.Equal("drafted", status["status"]!.GetValue<string>());
        Assert.Equal(2, status["draftIds"]!.AsArray().Count);
        // And the job itself, run late, leaves it alone.
        await RunJob(app, requestId);
        Assert.Equal("drafted", (await (await mentor.GetAsync(accepted.Headers.Location)).Json())["status"]!.GetValue<string>());
    }

    private static async Task RunJob(SparkFactory app, Guid requestId)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DraftIdeasJob>().RunAsync(requestId, CancellationToken.None);
    }
}

public sealed class ReliabilityOnSqlite() : ReliabilityTests(StorageKind.Sqlite);

public sealed class ReliabilityOnPostgres() : ReliabilityTests(StorageKind.Postgres);

using System.Security.Claims;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Classes;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Ideas;

public static class IdeasApi
{
    public static IEndpointRouteBuilder MapIdeasApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Ideas").RequireAuthorization(Policies.Staff)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapPost("/students/{id:guid}/idea-requests", RequestIdeas).WithName("RequestIdeas")
            .WithSummary("Queue drafting of 1-5 project ideas for a student (current mentor or admin); drafts go to the mentor for review")
            .ProducesProblem(409).ProducesProblem(429).RequireRateLimiting(IdeaRateLimit.Policy);
        api.MapPost("/idea-requests/{id:guid}/redraft-offline", RedraftOffline).WithName("RedraftIdeaRequestOffline")
            .WithSummary("Draft a failed request again with the offline composer (current mentor, a teacher of the class, or admin); returns the new request")
            .ProducesProblem(409);
        api.MapGet("/idea-requests/{id:guid}", GetIdeaRequest).WithName("GetIdeaRequest")
            .WithSummary("Status of an idea request and the ids of its drafts (requester, current mentor or admin)");
        return app;
    }

    public static async Task<Accepted<IdeaRequestAccepted>> RequestIdeas(Guid id, CreateIdeaRequest request, ClaimsPrincipal user,
        SparkDbContext db, IAuthorizationService auth, IdeaQueue queue, CancellationToken ct)
    {
        var student = await StudentsApi.LoadAsync(db, user, id, ct);
        await auth.RequireAsync(user, student, StudentOperation.RequestIdeas, "Student");
        request.Validate();
        if (student.Interests.Count == 0)
            throw new DomainException("This student has no interests recorded yet. Add at least one interest before requesting ideas.");
        var idea = await queue.SubmitAsync(student, user.UserIdOf(), request.Count ?? IdeaRequest.DefaultCount, request.Focus, null, null, ct);
        return TypedResults.Accepted($"/api/idea-requests/{idea.Id}", new IdeaRequestAccepted(idea.Id, IdeaRequestResponse.StatusName(idea.Status)));
    }

    public static async Task<Accepted<IdeaRequestAccepted>> RedraftOffline(Guid id, ClaimsPrincipal user, SparkDbContext db,
        IAuthorizationService auth, IdeaQueue queue, CancellationToken ct)
    {
        var school = user.SchoolIdOf();
        var failed = await db.IdeaRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.SchoolId == school, ct)
            ?? throw new NotFoundException("Idea request");
        if (failed.ClassId is { } classId)
            await auth.RequireAsync(user, await ClassesApi.LoadAsync(db, user, classId, ct), ClassOperation.Teach, "Idea request");
        else
            await auth.RequireAsync(user, await StudentsApi.LoadAsync(db, user, failed.StudentId!.Value, ct), StudentOperation.RequestIdeas, "Idea request");
        var idea = await queue.RedraftOfflineAsync(failed, user.UserIdOf(), ct);
        return TypedResults.Accepted($"/api/idea-requests/{idea.Id}", new IdeaRequestAccepted(idea.Id, IdeaRequestResponse.StatusName(idea.Status)));
    }

    public static async Task<Ok<IdeaRequestResponse>> GetIdeaRequest(Guid id, ClaimsPrincipal user, SparkDbContext db,
        IAuthorizationService auth, CancellationToken ct)
    {
        var school = user.SchoolIdOf();
        var idea = await db.IdeaRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.SchoolId == school, ct)
            ?? throw new NotFoundException("Idea request");
        if (idea.RequestedById != user.UserIdOf())
        {
            if (idea.ClassId is { } classId)
                await auth.RequireAsync(user, await ClassesApi.LoadAsync(db, user, classId, ct), ClassOperation.Teach, "Idea request");
            else
                await auth.RequireAsync(user, await StudentsApi.LoadAsync(db, user, idea.StudentId!.Value, ct), StudentOperation.RequestIdeas, "Idea request");
        }
        var draftIds = await db.Drafts.Where(d => d.IdeaRequestId == id).OrderBy(d => d.Ordinal).Select(d => d.Id).ToListAsync(ct);
        return TypedResults.Ok(IdeaRequestResponse.From(idea, draftIds));
    }
}

/// <summary>Saves a request, then enqueues its drafting job. If the process dies in between, startup recovery enqueues it.</summary>
public sealed class IdeaQueue(SparkDbContext db, IBackgroundJobClient jobs, IdeaBudget budget, TimeProvider clock)
{
    public async Task<IdeaRequest> SubmitAsync(Student student, Guid requestedBy, int count, string? focus, string? feedback,
        Guid? regeneratedFrom, CancellationToken ct)
    {
        await budget.EnsureAvailableAsync(student.SchoolId, ct);
        return await SubmitAsync(new IdeaRequest(student.SchoolId, student.Id, requestedBy, count, focus, feedback, regeneratedFrom,
            Random.Shared.Next(), clock.GetUtcNow()), ct);
    }

    /// <summary>A failed request drafted again by the offline composer: it spends no tokens, so no budget applies.</summary>
    public Task<IdeaRequest> RedraftOfflineAsync(IdeaRequest failed, Guid requestedBy, CancellationToken ct) =>
        SubmitAsync(failed.RedraftOffline(requestedBy, Random.Shared.Next(), clock.GetUtcNow()), ct);

    public async Task<IdeaRequest> SubmitForClassAsync(SchoolClass schoolClass, Guid requestedBy, ClassUnit unit, int count, string? feedback,
        Guid? regeneratedFrom, CancellationToken ct)
    {
        await budget.EnsureAvailableAsync(schoolClass.SchoolId, ct);
        return await SubmitAsync(IdeaRequest.ForClass(schoolClass.SchoolId, schoolClass.Id, requestedBy, unit, count, feedback, regeneratedFrom,
            Random.Shared.Next(), clock.GetUtcNow()), ct);
    }

    /// <summary>At most one active request per student, and per class.</summary>
    private async Task<IdeaRequest> SubmitAsync(IdeaRequest idea, CancellationToken ct)
    {
        var active = db.IdeaRequests.Where(r => r.Status == IdeaRequestStatus.Queued || r.Status == IdeaRequestStatus.Drafting);
        if (idea.ClassId is { } classId
                ? await active.AnyAsync(r => r.ClassId == classId, ct)
                : await active.AnyAsync(r => r.StudentId == idea.StudentId, ct))
            throw new DomainException($"Ideas for this {(idea.IsForClass ? "class" : "student")} are already being drafted. Wait for that request to finish, then try again.");
        db.IdeaRequests.Add(idea);
        await db.SaveChangesAsync(ct);
        Enqueue(jobs, idea.Id);
        return idea;
    }

    public static void Enqueue(IBackgroundJobClient jobs, Guid ideaRequestId) =>
        jobs.Enqueue<DraftIdeasJob>(job => job.RunAsync(ideaRequestId, CancellationToken.None));
}

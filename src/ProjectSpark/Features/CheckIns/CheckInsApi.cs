using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.CheckIns;

public sealed record CheckInRequest(DateTimeOffset? At, string? Kind, string? Note, string[]? InterestsHeard, bool AddInterestsToProfile = true)
{
    public static readonly IReadOnlyDictionary<string, CheckInKind> Kinds = new Dictionary<string, CheckInKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["twoByTen"] = CheckInKind.TwoByTen, ["conversation"] = CheckInKind.Conversation, ["project"] = CheckInKind.Project, ["other"] = CheckInKind.Other,
    };

    public CheckInKind Validated()
    {
        var errors = new FieldErrors()
            .When(At is null, "at", "'at' is required: when did the check-in happen?")
            .Optional(Note, "note", CheckIn.MaxNoteLength);
        CheckInKind kind = default;
        if (Kind is null || !Kinds.TryGetValue(Kind, out kind)) errors.Add("kind", "'kind' must be one of twoByTen, conversation, project, other.");
        errors.Interests(InterestsHeard, "interestsHeard", required: false).ThrowIfAny();
        return kind;
    }
}

public sealed record CheckInResponse(Guid Id, Guid StudentId, Guid MentorId, DateTimeOffset At, string Kind, string? Note,
    IReadOnlyList<string> InterestsHeard, IReadOnlyList<string> InterestsAdded)
{
    public static CheckInResponse From(CheckIn c, IReadOnlyList<string> added) => new(c.Id, c.StudentId, c.MentorId, c.At,
        CheckInRequest.Kinds.First(k => k.Value == c.Kind).Key, c.Note, c.InterestsHeard, added);
}

/// <summary>Check-ins by the student's mentor. Students never see them (the notes are private to staff).</summary>
public static class CheckInsApi
{
    public static IEndpointRouteBuilder MapCheckInsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/students/{id:guid}/check-ins").WithTags("Check-ins").RequireAuthorization(Policies.Staff)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapPost("/", LogCheckIn).WithName("LogCheckIn")
            .WithSummary("Log a check-in with your mentee; interests heard can be added to their profile in the same step").ProducesProblem(409);
        api.MapGet("/", ListCheckIns).WithName("ListCheckIns").WithSummary("A student's check-ins, newest first (current mentor or admin)");
        return app;
    }

    public static async Task<Created<CheckInResponse>> LogCheckIn(Guid id, CheckInRequest request, ClaimsPrincipal user, SparkDbContext db,
        IAuthorizationService auth, TimeProvider clock, CancellationToken ct)
    {
        var student = await StudentsApi.LoadAsync(db, user, id, ct);
        await auth.RequireAsync(user, student, StudentOperation.EditInterests, "Student");
        var kind = request.Validated();
        var now = clock.GetUtcNow();
        var checkIn = new CheckIn(student.SchoolId, student.Id, user.UserIdOf(), request.At!.Value, kind, request.Note, request.InterestsHeard ?? [], now);
        var added = request.AddInterestsToProfile ? student.AddInterests(checkIn.InterestsHeard) : [];
        db.CheckIns.Add(checkIn);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/students/{id}/check-ins", CheckInResponse.From(checkIn, added));
    }

    public static async Task<Ok<ItemsResponse<CheckInResponse>>> ListCheckIns(Guid id, ClaimsPrincipal user, SparkDbContext db,
        IAuthorizationService auth, CancellationToken ct)
    {
        var student = await StudentsApi.LoadAsync(db, user, id, ct);
        await auth.RequireAsync(user, student, StudentOperation.RequestIdeas, "Student");
        var items = await db.CheckIns.AsNoTracking().Where(c => c.StudentId == id).OrderByDescending(c => c.At).ToListAsync(ct);
        return TypedResults.Ok(new ItemsResponse<CheckInResponse>(items.Select(c => CheckInResponse.From(c, [])).ToList()));
    }
}

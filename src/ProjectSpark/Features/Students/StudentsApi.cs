using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Staff;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Students;

public static class StudentsApi
{
    public static IEndpointRouteBuilder MapStudentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/students").WithTags("Students").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapPost("/", CreateStudent).WithName("CreateStudent").WithSummary("Add a student to the caller's school (admin)").RequireAuthorization(Policies.Admin).ProducesProblem(409);
        api.MapGet("/", ListStudents).WithName("ListStudents").WithSummary("Admins: every student of the school; mentors: the students they mentor now").RequireAuthorization(Policies.Staff);
        api.MapGet("/{id:guid}", GetStudent).WithName("GetStudent").WithSummary("One student's profile (admin, current mentor, or the student)").RequireAuthorization(Policies.Member);
        api.MapPut("/{id:guid}/mentor", AssignMentor).WithName("AssignMentor").WithSummary("Assign, change or clear the student's mentor (admin); history is kept").RequireAuthorization(Policies.Admin).ProducesProblem(409);
        api.MapPut("/{id:guid}/interests", SetInterests).WithName("SetInterests").WithSummary("Replace the student's interests (current mentor or the student)").RequireAuthorization(Policies.Member);
        return app;
    }

    public static async Task<Created<StudentResponse>> CreateStudent(CreateStudentRequest request, ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        request.Validate();
        var email = Emails.Normalize(request.Email!);
        await EnsureEmailFreeAsync(db, email, ct);
        var student = new Student(user.SchoolIdOf(), request.DisplayName!, email, request.GradeLevel!.Value);
        db.Students.Add(student);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/students/{student.Id}", StudentResponse.From(student));
    }

    public static async Task<Ok<ItemsResponse<StudentResponse>>> ListStudents(ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        var school = user.SchoolIdOf();
        var query = db.Students.AsNoTracking().Include(s => s.CurrentMentor).Where(s => s.SchoolId == school);
        if (!user.IsAdmin())
        {
            var me = user.UserIdOf();
            query = query.Where(s => s.CurrentMentorId == me);
        }
        var students = await query.OrderBy(s => s.DisplayName).ToListAsync(ct);
        return TypedResults.Ok(new ItemsResponse<StudentResponse>(students.Select(StudentResponse.From).ToList()));
    }

    public static async Task<Ok<StudentResponse>> GetStudent(Guid id, ClaimsPrincipal user, SparkDbContext db, IAuthorizationService auth, CancellationToken ct)
    {
        var student = await LoadAsync(db, user, id, ct);
        await auth.RequireAsync(user, student, StudentOperation.View, "Student");
        return TypedResults.Ok(StudentResponse.From(student));
    }

    public static async Task<Ok<StudentResponse>> AssignMentor(Guid id, AssignMentorRequest request, ClaimsPrincipal user, SparkDbContext db,
        TimeProvider clock, IConfiguration config, CancellationToken ct)
    {
        var student = await LoadAsync(db, user, id, ct);
        StaffMember? mentor = null;
        if (request.MentorId is { } mentorId)
        {
            mentor = await db.Staff.FirstOrDefaultAsync(s => s.Id == mentorId && s.SchoolId == student.SchoolId, ct)
                ?? throw new RequestValidationException("mentorId", "No staff member with this id works at your school.");
        }
        if (mentor is not null && mentor.Id != student.CurrentMentorId)
        {
            // Each adult can only really take on so many students.
            var capacity = Relationships.RelationshipsApi.MentorCapacity(config);
            var load = await db.Students.CountAsync(s => s.CurrentMentorId == mentor.Id, ct);
            if (load >= capacity)
                throw new DomainException($"{mentor.Name} already mentors {load} students, the most one adult takes on here ({capacity}). Choose another mentor.");
        }
        await db.Entry(student).Collection(s => s.Assignments).LoadAsync(ct);
        student.AssignMentor(mentor, user.UserIdOf(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(StudentResponse.From(student));
    }

    public static async Task<Ok<StudentResponse>> SetInterests(Guid id, SetInterestsRequest request, ClaimsPrincipal user, SparkDbContext db,
        IAuthorizationService auth, CancellationToken ct)
    {
        var student = await LoadAsync(db, user, id, ct);
        await auth.RequireAsync(user, student, StudentOperation.EditInterests, "Student");
        request.Validate();
        student.SetInterests(request.Interests!, request.Strengths, request.Constraints);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(StudentResponse.From(student));
    }

    /// <summary>Loads a student of the caller's school; other schools' students do not exist for the caller.</summary>
    internal static async Task<Student> LoadAsync(SparkDbContext db, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var school = user.SchoolIdOf();
        return await db.Students.Include(s => s.CurrentMentor).FirstOrDefaultAsync(s => s.Id == id && s.SchoolId == school, ct)
            ?? throw new NotFoundException("Student");
    }

    internal static async Task EnsureEmailFreeAsync(SparkDbContext db, string email, CancellationToken ct)
    {
        if (await db.Staff.AnyAsync(s => s.Email == email, ct) || await db.Students.AnyAsync(s => s.Email == email, ct))
            throw new DomainException($"The email '{email}' is already in use.");
    }
}

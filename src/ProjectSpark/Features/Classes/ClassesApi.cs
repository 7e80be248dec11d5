using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Ideas;
using ProjectSpark.Features.Staff;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Classes;

/// <summary>Classes and the ideas a teacher requests for a class unit. Rosters normally fill classes; admins can add one by hand.</summary>
public static class ClassesApi
{
    public static IEndpointRouteBuilder MapClassesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/classes").WithTags("Classes")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapPost("/", CreateClass).WithName("CreateClass")
            .WithSummary("Add a class with its teachers and students (admin)").RequireAuthorization(Policies.Admin);
        api.MapGet("/", ListClasses).WithName("ListClasses")
            .WithSummary("Admins: every class of the school; teachers: the classes they teach").RequireAuthorization(Policies.Staff);
        api.MapPost("/{id:guid}/idea-requests", RequestClassIdeas).WithName("RequestClassIdeas")
            .WithSummary("Queue drafting of 1-5 project ideas for a class unit, from the class's interests as counts (a teacher of the class, or an admin)")
            .RequireAuthorization(Policies.Staff).ProducesProblem(409).ProducesProblem(429).RequireRateLimiting(IdeaRateLimit.Policy);
        return app;
    }

    public static async Task<Created<ClassResponse>> CreateClass(CreateClassRequest request, ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        request.Validate();
        var school = user.SchoolIdOf();
        var teacherIds = (request.TeacherIds ?? []).Distinct().ToList();
        var studentIds = (request.StudentIds ?? []).Distinct().ToList();
        var teachers = await db.Staff.Where(s => s.SchoolId == school && teacherIds.Contains(s.Id)).ToListAsync(ct);
        var known = await db.Students.Where(s => s.SchoolId == school && studentIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        var errors = new FieldErrors();
        for (var i = 0; i < teacherIds.Count; i++)
            errors.When(teachers.All(t => t.Id != teacherIds[i]), $"teacherIds[{i}]", "No staff member with this id works at your school.");
        for (var i = 0; i < studentIds.Count; i++)
            errors.When(!known.Contains(studentIds[i]), $"studentIds[{i}]", "No student with this id at your school.");
        errors.ThrowIfAny();

        var c = new SchoolClass(school, request.Title!, request.Subject);
        c.Members.AddRange(teacherIds.Select(t => ClassMember.ForTeacher(c.Id, t)));
        c.Members.AddRange(studentIds.Select(s => ClassMember.ForStudent(c.Id, s)));
        db.Classes.Add(c);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/classes/{c.Id}",
            new ClassResponse(c.Id, c.Title, c.Subject, teachers.Select(t => new ClassTeacher(t.Id, t.Name)).ToList(), studentIds.Count));
    }

    public static async Task<Ok<ItemsResponse<ClassResponse>>> ListClasses(ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        var me = user.UserIdOf();
        var school = user.SchoolIdOf();
        var all = user.IsAdmin();
        var classes = await db.Classes.AsNoTracking().Include(c => c.Members)
            .Where(c => c.SchoolId == school && (all || c.Members.Any(m => m.StaffId == me && m.Role == ClassRole.Teacher)))
            .ToListAsync(ct);
        var teacherIds = classes.SelectMany(c => c.Members).Select(m => m.StaffId).OfType<Guid>().Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => teacherIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var items = classes.OrderBy(c => c.Title, StringComparer.OrdinalIgnoreCase)
            .Select(c => new ClassResponse(c.Id, c.Title, c.Subject,
                c.Members.Where(m => m.Role == ClassRole.Teacher && m.StaffId is not null)
                    .Select(m => new ClassTeacher(m.StaffId!.Value, names.GetValueOrDefault(m.StaffId.Value, ""))).ToList(),
                c.Members.Count(m => m.Role == ClassRole.Student)))
            .ToList();
        return TypedResults.Ok(new ItemsResponse<ClassResponse>(items));
    }

    public static async Task<Accepted<IdeaRequestAccepted>> RequestClassIdeas(Guid id, CreateClassIdeaRequest request, ClaimsPrincipal user,
        SparkDbContext db, IAuthorizationService auth, IdeaQueue queue, CancellationToken ct)
    {
        var c = await LoadAsync(db, user, id, ct);
        await auth.RequireAsync(user, c, ClassOperation.Teach, "Class");
        request.Validate();
        var grades = await (from m in db.ClassMembers where m.ClassId == c.Id && m.Role == ClassRole.Student
                            join s in db.Students on m.StudentId equals s.Id select s.GradeLevel).ToListAsync(ct);
        var (interests, _) = await ClassInterests.AggregateAsync(db, c.Id, ct);
        if (interests.Count == 0)
            throw new DomainException("No student in this class has interests recorded yet. Ideas for a class are drawn from what its students are into.");
        var typicalGrade = grades.GroupBy(g => g).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var idea = await queue.SubmitForClassAsync(c, user.UserIdOf(), request.ToUnit(c.Subject, typicalGrade),
            request.Count ?? IdeaRequest.DefaultCount, null, null, ct);
        return TypedResults.Accepted($"/api/idea-requests/{idea.Id}", new IdeaRequestAccepted(idea.Id, IdeaRequestResponse.StatusName(idea.Status)));
    }

    /// <summary>A class of the caller's school with its members; another school's class does not exist for the caller.</summary>
    public static async Task<SchoolClass> LoadAsync(SparkDbContext db, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var school = user.SchoolIdOf();
        return await db.Classes.Include(c => c.Members).FirstOrDefaultAsync(c => c.Id == id && c.SchoolId == school, ct)
            ?? throw new NotFoundException("Class");
    }
}

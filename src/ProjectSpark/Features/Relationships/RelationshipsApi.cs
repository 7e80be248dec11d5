using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.AI;
using ProjectSpark.Data;
using ProjectSpark.Features.Staff;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Relationships;

/// <summary>
/// Relationship mapping (Making Caring Common): staff mark the students they have a positive relationship with,
/// students name adults they trust, admins see who has no adult and assign one, helped by suggestions.
/// </summary>
public static class RelationshipsApi
{
    public static IEndpointRouteBuilder MapRelationshipsApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api").WithTags("Relationships").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        staff.MapPost("/relationship-map/marks", Mark).WithName("MarkRelationship")
            .WithSummary("Mark a student you have a positive relationship with (any staff member)").RequireAuthorization(Policies.Staff);
        staff.MapDelete("/relationship-map/marks/{studentId:guid}", Unmark).WithName("UnmarkRelationship")
            .WithSummary("Remove your mark").RequireAuthorization(Policies.Staff);
        staff.MapGet("/relationship-map", Map).WithName("RelationshipMap")
            .WithSummary("Every student with their adult connections; unconnected=true lists those with no adult at all (admin)").RequireAuthorization(Policies.Admin);
        staff.MapGet("/students/{id:guid}/mentor-suggestions", Suggestions).WithName("MentorSuggestions")
            .WithSummary("Mentors ranked by existing marks, then by interests shared with the student (admin)").RequireAuthorization(Policies.Admin);
        staff.MapPut("/staff/me/interests", SetMyInterests).WithName("SetMyInterests")
            .WithSummary("Declare your own interests, used to suggest students who share them").RequireAuthorization(Policies.Staff);
        staff.MapGet("/portal/adults", Adults).WithName("ListAdults")
            .WithSummary("The adults at your school, and which ones you said you trust (student)").RequireAuthorization(Policies.Student);
        staff.MapPost("/portal/trusted-adults", NameTrustedAdult).WithName("NameTrustedAdult")
            .WithSummary("Name an adult at school you trust (student)").RequireAuthorization(Policies.Student);
        staff.MapDelete("/portal/trusted-adults/{staffId:guid}", UnnameTrustedAdult).WithName("UnnameTrustedAdult")
            .WithSummary("Take back naming an adult (student)").RequireAuthorization(Policies.Student);
        return app;
    }

    public static async Task<Results<Created<ConnectionView>, Ok<ConnectionView>>> Mark(MarkRequest request, ClaimsPrincipal user,
        SparkDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var studentId = request.Validated();
        var student = await StudentsApi.LoadAsync(db, user, studentId, ct);
        var me = await db.Staff.AsNoTracking().FirstAsync(s => s.Id == user.UserIdOf(), ct);
        var view = new ConnectionView(me.Id, me.Name, ConnectionNames.Of(ConnectionSource.StaffMarked));
        if (await Exists(db, student.Id, me.Id, ConnectionSource.StaffMarked, ct)) return TypedResults.Ok(view);
        db.Connections.Add(new Connection(student.SchoolId, student.Id, me.Id, ConnectionSource.StaffMarked, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/relationship-map?studentId={student.Id}", view);
    }

    public static async Task<NoContent> Unmark(Guid studentId, ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        var me = user.UserIdOf();
        await db.Connections.Where(c => c.StudentId == studentId && c.StaffId == me && c.Source == ConnectionSource.StaffMarked).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<ItemsResponse<MapItem>>> Map(bool? unconnected, ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        var school = user.SchoolIdOf();
        var students = await db.Students.AsNoTracking().Include(s => s.CurrentMentor).Where(s => s.SchoolId == school).ToListAsync(ct);
        var connections = await (from c in db.Connections.AsNoTracking()
                                 join s in db.Staff.AsNoTracking() on c.StaffId equals s.Id
                                 where c.SchoolId == school
                                 select new { c.StudentId, c.StaffId, s.Name, c.Source }).ToListAsync(ct);
        var byStudent = connections.ToLookup(c => c.StudentId);
        var flags = (await db.Flags.AsNoTracking().Where(f => f.SchoolId == school).ToListAsync(ct)).ToLookup(f => f.StudentId);
        var items = students.Select(s =>
            {
                var links = byStudent[s.Id].Select(c => new ConnectionView(c.StaffId, c.Name, ConnectionNames.Of(c.Source))).ToList();
                return new MapItem(s.Id, s.DisplayName, s.GradeLevel, s.CurrentMentorId, s.CurrentMentor?.Name, links,
                    links.Count > 0 || s.CurrentMentorId is not null,
                    flags[s.Id].OrderBy(f => f.Type).Select(f => new Signals.FlagView(f.Type, f.Since, f.Detail)).ToList());
            })
            .Where(i => unconnected != true || !i.Connected)
            .OrderBy(i => i.Connected).ThenByDescending(i => i.Flags.Count).ThenBy(i => i.DisplayName).ToList();
        return TypedResults.Ok(new ItemsResponse<MapItem>(items));
    }

    public static async Task<Ok<ItemsResponse<MentorSuggestion>>> Suggestions(Guid id, ClaimsPrincipal user, SparkDbContext db,
        InterestVectors interestVectors, IConfiguration config, CancellationToken ct)
    {
        var student = await StudentsApi.LoadAsync(db, user, id, ct);
        var ranked = await RankMentorsAsync(db, student.SchoolId, [student], interestVectors, config, ct);
        return TypedResults.Ok(new ItemsResponse<MentorSuggestion>(ranked[student.Id]));
    }

    /// <summary>
    /// Mentors ranked for each of the given students of one school: marks and trust first, then shared interests by
    /// meaning ("hoops" ~ "basketball"), mentors at capacity last. Mentors, loads and links are read once for all.
    /// </summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<MentorSuggestion>>> RankMentorsAsync(SparkDbContext db, Guid school,
        IReadOnlyList<Student> students, InterestVectors interestVectors, IConfiguration config, CancellationToken ct)
    {
        var capacity = MentorCapacity(config);
        var mentors = (await db.Staff.AsNoTracking().Where(s => s.SchoolId == school).ToListAsync(ct))
            .Where(s => s.Has(StaffRoles.Mentor)).ToList();
        var loads = await db.Students.Where(s => s.SchoolId == school && s.CurrentMentorId != null)
            .GroupBy(s => s.CurrentMentorId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var ids = students.Select(s => s.Id).ToList();
        var links = (await db.Connections.AsNoTracking().Where(c => ids.Contains(c.StudentId)).ToListAsync(ct)).ToLookup(c => c.StudentId);
        var vectors = await interestVectors.GetAsync(students.SelectMany(s => s.Interests).Concat(mentors.SelectMany(m => m.Interests)), ct);

        return students.ToDictionary(student => student.Id, IReadOnlyList<MentorSuggestion> (student) => mentors.Select(m =>
            {
                var pairs = (from si in student.Interests from mi in m.Interests
                             select (Interest: si, Similarity: Vectors.Cosine(vectors[si], vectors[mi]))).ToList();
                var shared = pairs.Where(p => p.Similarity >= 0.5f).Select(p => p.Interest).Distinct().ToList();
                var marked = links[student.Id].Any(l => l.StaffId == m.Id && l.Source == ConnectionSource.StaffMarked);
                var named = links[student.Id].Any(l => l.StaffId == m.Id && l.Source == ConnectionSource.StudentNamed);
                var best = pairs.Count == 0 ? 0 : pairs.Max(p => p.Similarity);
                var load = loads.GetValueOrDefault(m.Id);
                var score = (marked ? 2 : 0) + (named ? 2 : 0) + best - (load >= capacity ? 10 : 0);
                return new MentorSuggestion(m.Id, m.Name, load, capacity, marked, named, shared, Math.Round(score, 3));
            })
            .OrderByDescending(s => s.Score).ThenBy(s => s.CurrentStudents).ToList());
    }

    public static async Task<Ok<StaffResponse>> SetMyInterests(StaffInterestsRequest request, ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        request.Validate();
        var me = await db.Staff.FirstAsync(s => s.Id == user.UserIdOf(), ct);
        me.SetInterests(request.Interests!);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(StaffResponse.From(me));
    }

    public static async Task<Ok<ItemsResponse<AdultView>>> Adults(ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        var me = user.UserIdOf();
        var school = user.SchoolIdOf();
        var trusted = await db.Connections.Where(c => c.StudentId == me && c.Source == ConnectionSource.StudentNamed).Select(c => c.StaffId).ToListAsync(ct);
        var adults = await db.Staff.AsNoTracking().Where(s => s.SchoolId == school).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        return TypedResults.Ok(new ItemsResponse<AdultView>(adults.Select(a => new AdultView(a.Id, a.Name, trusted.Contains(a.Id))).ToList()));
    }

    public static async Task<Results<Created<AdultView>, Ok<AdultView>>> NameTrustedAdult(TrustedAdultRequest request, ClaimsPrincipal user,
        SparkDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var staffId = request.Validated();
        var school = user.SchoolIdOf();
        var me = user.UserIdOf();
        var adult = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId && s.SchoolId == school, ct)
            ?? throw new RequestValidationException("staffId", "No adult with this id works at your school.");
        var view = new AdultView(adult.Id, adult.Name, true);
        if (await Exists(db, me, adult.Id, ConnectionSource.StudentNamed, ct)) return TypedResults.Ok(view);
        db.Connections.Add(new Connection(school, me, adult.Id, ConnectionSource.StudentNamed, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created("/api/portal/adults", view);
    }

    public static async Task<NoContent> UnnameTrustedAdult(Guid staffId, ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        var me = user.UserIdOf();
        await db.Connections.Where(c => c.StudentId == me && c.StaffId == staffId && c.Source == ConnectionSource.StudentNamed).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    public static int MentorCapacity(IConfiguration config) => config.GetValue("Mentoring:MaxStudentsPerMentor", 15);

    private static Task<bool> Exists(SparkDbContext db, Guid studentId, Guid staffId, ConnectionSource source, CancellationToken ct) =>
        db.Connections.AnyAsync(c => c.StudentId == studentId && c.StaffId == staffId && c.Source == source, ct);
}

using ProjectSpark.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc;
using ProjectSpark.Data;
using ProjectSpark.Features.Relationships;
using ProjectSpark.Features.Staff;
using ProjectSpark.Features.Students;

namespace ProjectSpark.Pages.Admin;

/// <summary>The relationship map: who has no adult comes first, with suggested mentors; assign someone; add people.</summary>
public sealed class IndexModel(SparkDbContext db, TimeProvider clock, IConfiguration config,
    InterestVectors interestVectors) : SparkPageModel
{
    public IReadOnlyList<MapItem> Students { get; private set; } = [];
    public IReadOnlyList<StaffResponse> Mentors { get; private set; } = [];
    public IReadOnlyDictionary<Guid, int> Load { get; private set; } = new Dictionary<Guid, int>();
    public IReadOnlyDictionary<Guid, IReadOnlyList<MentorSuggestion>> Suggestions { get; private set; } = new Dictionary<Guid, IReadOnlyList<MentorSuggestion>>();
    public int Capacity => RelationshipsApi.MentorCapacity(config);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Students = (await RelationshipsApi.Map(null, User, db, ct)).Value!.Items;
        Mentors = (await StaffApi.ListStaff(User, db, ct)).Value!.Items.Where(s => s.Roles.Contains("mentor")).ToList();
        Load = Students.Where(s => s.MentorId is not null).GroupBy(s => s.MentorId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var unassigned = Students.Where(s => s.MentorId is null).Take(25).Select(s => s.StudentId).ToList();
        var students = await db.Students.AsNoTracking().Where(s => unassigned.Contains(s.Id)).ToListAsync(ct);
        Suggestions = (await RelationshipsApi.RankMentorsAsync(db, User.SchoolIdOf(), students, interestVectors, config, ct))
            .ToDictionary(r => r.Key, r => (IReadOnlyList<MentorSuggestion>)r.Value.Where(m => m.CurrentStudents < m.Capacity).Take(3).ToList());
    }

    public Task<IActionResult> OnPostAssignAsync(Guid studentId, Guid? mentorId, CancellationToken ct) =>
        Act(() => StudentsApi.AssignMentor(studentId, new AssignMentorRequest(mentorId), User, db, clock, config, ct),
            mentorId is null ? "Mentor removed." : "Mentor assigned. They will see this student on their page.");

    public Task<IActionResult> OnPostAddStudentAsync(string? displayName, string? email, int? gradeLevel, CancellationToken ct) =>
        Act(() => StudentsApi.CreateStudent(new CreateStudentRequest(displayName, email, gradeLevel), User, db, ct), "Student added.");

    public Task<IActionResult> OnPostAddStaffAsync(string? name, string? email, string[]? roles, CancellationToken ct) =>
        Act(() => StaffApi.CreateStaff(new CreateStaffRequest(name, email, roles), User, db, ct), "Staff member added.");
}

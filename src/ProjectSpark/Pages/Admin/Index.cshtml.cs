using Microsoft.AspNetCore.Mvc;
using ProjectSpark.Data;
using ProjectSpark.Features.Staff;
using ProjectSpark.Features.Students;

namespace ProjectSpark.Pages.Admin;

/// <summary>Who has no adult yet comes first; assign someone; add people.</summary>
public sealed class IndexModel(SparkDbContext db, TimeProvider clock) : SparkPageModel
{
    public IReadOnlyList<StudentResponse> Students { get; private set; } = [];
    public IReadOnlyList<StaffResponse> Mentors { get; private set; } = [];
    public IReadOnlyDictionary<Guid, int> Load { get; private set; } = new Dictionary<Guid, int>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var students = (await StudentsApi.ListStudents(User, db, ct)).Value!.Items;
        Students = students.OrderBy(s => s.MentorId is null ? 0 : 1).ThenBy(s => s.DisplayName).ToList();
        Mentors = (await StaffApi.ListStaff(User, db, ct)).Value!.Items.Where(s => s.Roles.Contains("mentor")).ToList();
        Load = students.Where(s => s.MentorId is not null).GroupBy(s => s.MentorId!.Value).ToDictionary(g => g.Key, g => g.Count());
    }

    public Task<IActionResult> OnPostAssignAsync(Guid studentId, Guid? mentorId, CancellationToken ct) =>
        Act(() => StudentsApi.AssignMentor(studentId, new AssignMentorRequest(mentorId), User, db, clock, ct),
            mentorId is null ? "Mentor removed." : "Mentor assigned. They will see this student on their page.");

    public Task<IActionResult> OnPostAddStudentAsync(string? displayName, string? email, int? gradeLevel, CancellationToken ct) =>
        Act(() => StudentsApi.CreateStudent(new CreateStudentRequest(displayName, email, gradeLevel), User, db, ct), "Student added.");

    public Task<IActionResult> OnPostAddStaffAsync(string? name, string? email, string[]? roles, CancellationToken ct) =>
        Act(() => StaffApi.CreateStaff(new CreateStaffRequest(name, email, roles), User, db, ct), "Staff member added.");
}

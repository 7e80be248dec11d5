using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Relationships;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Pages.Mentor;

/// <summary>The whole roster, for the staff meeting: each adult marks the students who would come to them with a problem.</summary>
public sealed class RelationshipsModel(SparkDbContext db, TimeProvider clock) : SparkPageModel
{
    public IReadOnlyList<(Guid Id, string Name, int Grade, bool Marked)> Roster { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var school = User.SchoolIdOf();
        var me = User.UserIdOf();
        var marked = await db.Connections.Where(c => c.StaffId == me && c.Source == ConnectionSource.StaffMarked).Select(c => c.StudentId).ToListAsync(ct);
        var students = await db.Students.AsNoTracking().Where(s => s.SchoolId == school).OrderBy(s => s.DisplayName)
            .Select(s => new { s.Id, s.DisplayName, s.GradeLevel }).ToListAsync(ct);
        Roster = students.Select(s => (s.Id, s.DisplayName, s.GradeLevel, marked.Contains(s.Id))).ToList();
    }

    public Task<IActionResult> OnPostMarkAsync(Guid studentId, CancellationToken ct) =>
        Act(() => RelationshipsApi.Mark(new MarkRequest(studentId), User, db, clock, ct), "Marked.");

    public Task<IActionResult> OnPostUnmarkAsync(Guid studentId, CancellationToken ct) =>
        Act(() => RelationshipsApi.Unmark(studentId, User, db, ct), "Mark removed.");
}

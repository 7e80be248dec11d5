using ProjectSpark.Data;
using ProjectSpark.Features.Dashboard;
using ProjectSpark.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ProjectSpark.Pages.Admin;

/// <summary>The engagement dashboard: charts drawn on the server as SVG, each with its numbers in a table beside it.</summary>
public sealed class DashboardModel(SparkDbContext db, IConfiguration config) : SparkPageModel
{
    public DashboardResponse Data { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Students { get; private set; } = [];
    public string? StudentName { get; private set; }

    public async Task OnGetAsync(Guid? studentId, CancellationToken ct)
    {
        var school = User.SchoolIdOf();
        Students = (await db.Students.AsNoTracking().Where(s => s.SchoolId == school).OrderBy(s => s.DisplayName)
            .Select(s => new { s.Id, s.DisplayName }).ToListAsync(ct)).Select(s => (s.Id, s.DisplayName)).ToList();
        if (studentId is { } id && Students.All(s => s.Id != id)) studentId = null;
        StudentName = Students.FirstOrDefault(s => s.Id == studentId).Name;
        Data = (await DashboardApi.GetDashboard(studentId, User, db, config, ct)).Value!;
    }
}

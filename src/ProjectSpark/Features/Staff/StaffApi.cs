using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Staff;

public static class StaffApi
{
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/staff").WithTags("Staff").RequireAuthorization(Policies.Admin)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        api.MapPost("/", CreateStaff).WithName("CreateStaff").WithSummary("Add a staff member with one or more roles (admin)").ProducesProblem(409);
        api.MapGet("/", ListStaff).WithName("ListStaff").WithSummary("Every staff member of the caller's school (admin)");
        return app;
    }

    public static async Task<Created<StaffResponse>> CreateStaff(CreateStaffRequest request, ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        var roles = request.ValidatedRoles();
        var email = Emails.Normalize(request.Email!);
        await StudentsApi.EnsureEmailFreeAsync(db, email, ct);
        var staff = new StaffMember(user.SchoolIdOf(), request.Name!, email, roles);
        db.Staff.Add(staff);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/staff/{staff.Id}", StaffResponse.From(staff));
    }

    public static async Task<Ok<ItemsResponse<StaffResponse>>> ListStaff(ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        var school = user.SchoolIdOf();
        var staff = await db.Staff.AsNoTracking().Where(s => s.SchoolId == school).OrderBy(s => s.Name).ToListAsync(ct);
        return TypedResults.Ok(new ItemsResponse<StaffResponse>(staff.Select(StaffResponse.From).ToList()));
    }
}

using ProjectSpark.AI;
using ProjectSpark.Features.Account;
using ProjectSpark.Features.Classes;
using ProjectSpark.Features.CheckIns;
using ProjectSpark.Features.Dashboard;
using ProjectSpark.Features.Relationships;
using ProjectSpark.Features.Signals;
using ProjectSpark.Features.Ideas;
using ProjectSpark.Features.Portal;
using ProjectSpark.Features.Projects;
using ProjectSpark.Features.Reviews;
using ProjectSpark.Features.Roster;
using ProjectSpark.Features.Staff;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddSparkWeb();
builder.AddSparkStorage();
builder.AddSparkAuth();
builder.AddSparkAi();
builder.AddSparkPages();

var app = builder.Build();
if (args is ["reembed", ..])
{
    await app.ReembedAsync();
    return;
}
app.UseSparkWeb();
app.MapAccountApi(app.Environment);
app.MapStaffApi();
app.MapStudentsApi();
app.MapIdeasApi();
app.MapReviewsApi();
app.MapProjectsApi();
app.MapPortalApi();
app.MapClassesApi();
app.MapRelationshipsApi();
app.MapCheckInsApi();
app.MapSignalsApi();
app.MapTimelineApi();
app.MapAttendanceCsvImport();
app.MapGradeCsvImport();
app.MapRosterApi();
app.MapDashboardApi();
app.MapSparkPages();

await app.PrepareDatabaseAsync();
app.Run();

public partial class Program;

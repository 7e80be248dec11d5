using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProjectSpark.Data;
using ProjectSpark.Features.Portal;

namespace ProjectSpark.Pages.Student;

/// <summary>Only what an adult approved and shared: the page is built from the same query as GET /api/portal/projects.</summary>
public sealed class IndexModel(SparkDbContext db, IAuthorizationService auth, TimeProvider clock) : SparkPageModel
{
    public IReadOnlyList<PortalProject> Projects { get; private set; } = [];

    public readonly (string Value, string Label)[] Choices =
        [("sparked", "This sparks me"), ("maybe", "Maybe"), ("notForMe", "Not for me"), ("started", "I started it")];

    public async Task OnGetAsync(CancellationToken ct) =>
        Projects = (await PortalApi.ListProjects(User, db, ct)).Value!.Items;

    public Task<IActionResult> OnPostRespondAsync(Guid id, string? response, string? comment, CancellationToken ct) =>
        Act(() => PortalApi.Respond(id, new RespondRequest(response, comment), User, db, auth, clock, ct), "Thanks! Your mentor will see your answer.");
}

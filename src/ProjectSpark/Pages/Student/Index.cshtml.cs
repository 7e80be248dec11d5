using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProjectSpark.Data;
using ProjectSpark.Features.Portal;
using ProjectSpark.Features.Relationships;

namespace ProjectSpark.Pages.Student;

/// <summary>Only what an adult approved and shared: the page is built from the same query as GET /api/portal/projects.</summary>
public sealed class IndexModel(SparkDbContext db, IAuthorizationService auth, TimeProvider clock) : SparkPageModel
{
    public IReadOnlyList<PortalProject> Projects { get; private set; } = [];
    public IReadOnlyList<PortalProject> ClassProjects { get; private set; } = [];

    public static readonly (string Value, string Label)[] Choices =
        [("sparked", "This sparks me"), ("maybe", "Maybe"), ("notForMe", "Not for me"), ("started", "I started it")];

    public IReadOnlyList<AdultView> Adults { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = (await PortalApi.ListProjects(User, db, ct)).Value!.Items;
        Projects = all.Where(p => p.Kind == "personal").ToList();
        ClassProjects = all.Where(p => p.Kind == "class").ToList();
        Adults = (await RelationshipsApi.Adults(User, db, ct)).Value!.Items;
    }

    public Task<IActionResult> OnPostTrustAsync(Guid staffId, bool trusted, CancellationToken ct) => trusted
        ? Act(() => RelationshipsApi.NameTrustedAdult(new TrustedAdultRequest(staffId), User, db, clock, ct), "Thanks for telling us.")
        : Act(() => RelationshipsApi.UnnameTrustedAdult(staffId, User, db, ct), "Removed.");

    public Task<IActionResult> OnPostRespondAsync(Guid id, string? response, string? comment, string? kind, CancellationToken ct) =>
        Act(() => PortalApi.Respond(id, new RespondRequest(response, comment), User, db, auth, clock, ct),
            kind == "class" ? "Thanks! Your teacher sees how the class answered (not who said what)." : "Thanks! Your mentor will see your answer.");
}

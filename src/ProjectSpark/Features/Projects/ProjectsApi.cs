using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Projects;

/// <summary>The school's approved and delivered projects, searchable by meaning, for staff.</summary>
public static class ProjectsApi
{
    public const int MaxTextLength = 500, MaxK = 50, DefaultK = 10;

    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/projects").WithTags("Projects").RequireAuthorization(Policies.Staff)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        api.MapGet("/similar", Similar).WithName("SimilarProjects")
            .WithSummary("Approved and delivered projects of the caller's school closest in meaning to a text (staff); no student identity");
        return app;
    }

    public static async Task<Ok<ItemsResponse<SimilarProjectItem>>> Similar(string? text, int? k, ClaimsPrincipal user,
        SimilarProjects search, CancellationToken ct)
    {
        new FieldErrors()
            .Required(text, "text", MaxTextLength)
            .When(k is < 1 or > MaxK, "k", $"'k' must be between 1 and {MaxK}.")
            .ThrowIfAny();
        var found = await search.FindAsync(user.SchoolIdOf(), text!.Trim(), k ?? DefaultK, ct);
        return TypedResults.Ok(new ItemsResponse<SimilarProjectItem>(found.Select(SimilarProjectItem.From).ToList()));
    }
}

/// <summary>What staff see of a similar project: its content as approved (with the reviewer's edits), never whose it was.</summary>
public sealed record SimilarProjectItem(Guid DraftId, string Title, string DrivingQuestion, string Summary, double Similarity)
{
    public static SimilarProjectItem From(SimilarDraft s)
    {
        var c = s.Draft.Current;
        return new SimilarProjectItem(s.Draft.Id, c.Title, c.DrivingQuestion, c.Summary, s.Similarity);
    }
}

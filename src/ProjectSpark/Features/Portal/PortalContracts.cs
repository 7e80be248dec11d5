using ProjectSpark.Features.Reviews;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Portal;

/// <summary>
/// What a student sees of a delivered project: the brief as approved (with edits), who shared it, and their own
/// response. Never the original draft, conversation starters, the mentor's private note or provenance.
/// kind is "personal" (shared by their mentor) or "class" (introduced to a class they are in; classTitle names it).
/// </summary>
public sealed record PortalProject(Guid Id, string Kind, string? ClassTitle, string Title, string DrivingQuestion, string Summary,
    IReadOnlyList<Milestone> Milestones, string FinalProduct, string Audience, IReadOnlyList<string> Skills, int EstimatedHours,
    IReadOnlyList<string> Materials, IReadOnlyList<string> Standards, string WhyItFits, string? SharedBy, DateTimeOffset SharedAt,
    ResponseInfo? MyResponse)
{
    public static PortalProject From(ProjectDraft d, string? sharedBy) => From(d, sharedBy, null, DraftResponse.ResponseOf(d));

    /// <summary>A class project, with this student's own response (each student answers for themself).</summary>
    public static PortalProject FromClass(ProjectDraft d, string? sharedBy, string classTitle, ClassProjectResponse? mine) =>
        From(d, sharedBy, classTitle, mine is null ? null : new ResponseInfo(DraftResponse.ResponseName(mine.Response), mine.Comment, mine.RespondedAt));

    private static PortalProject From(ProjectDraft d, string? sharedBy, string? classTitle, ResponseInfo? response)
    {
        var c = d.Current;
        return new(d.Id, DraftResponse.KindOf(d), classTitle, c.Title, c.DrivingQuestion, c.Summary, c.Milestones, c.FinalProduct, c.Audience,
            c.Skills, c.EstimatedHours, c.Materials, c.Standards ?? [], c.WhyItFits, sharedBy, d.ConversationAt ?? d.DeliveredAt!.Value, response);
    }
}

public sealed record RespondRequest(string? Response, string? Comment)
{
    public static readonly IReadOnlyDictionary<string, StudentResponseKind> Kinds = new Dictionary<string, StudentResponseKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["sparked"] = StudentResponseKind.Sparked, ["maybe"] = StudentResponseKind.Maybe,
        ["notForMe"] = StudentResponseKind.NotForMe, ["started"] = StudentResponseKind.Started,
    };

    public StudentResponseKind Validated()
    {
        var errors = new FieldErrors().Optional(Comment, "comment", ProjectDraft.MaxCommentLength);
        StudentResponseKind kind = default;
        if (Response is null || !Kinds.TryGetValue(Response, out kind))
            errors.Add("response", "'response' must be one of sparked, maybe, notForMe, started.");
        errors.ThrowIfAny();
        return kind;
    }
}

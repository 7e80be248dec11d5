using ProjectSpark.Features.Reviews;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Portal;

/// <summary>
/// What a student sees of a delivered project: the brief as approved (with edits), who shared it, and their own
/// response. Never the original draft, conversation starters, the mentor's private note or provenance.
/// </summary>
public sealed record PortalProject(Guid Id, string Title, string DrivingQuestion, string Summary, IReadOnlyList<Milestone> Milestones,
    string FinalProduct, string Audience, IReadOnlyList<string> Skills, int EstimatedHours, IReadOnlyList<string> Materials,
    string WhyItFits, string? SharedBy, DateTimeOffset SharedAt, ResponseInfo? MyResponse)
{
    public static PortalProject From(ProjectDraft d, string? sharedBy)
    {
        var c = d.Current;
        return new(d.Id, c.Title, c.DrivingQuestion, c.Summary, c.Milestones, c.FinalProduct, c.Audience, c.Skills, c.EstimatedHours,
            c.Materials, c.WhyItFits, sharedBy, d.ConversationAt ?? d.DeliveredAt!.Value, DraftResponse.ResponseOf(d));
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

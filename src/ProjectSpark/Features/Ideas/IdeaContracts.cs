using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Ideas;

public sealed record CreateIdeaRequest(int? Count, string? Focus)
{
    public void Validate() => new FieldErrors()
        .When(Count is < IdeaRequest.MinCount or > IdeaRequest.MaxCount, "count",
            $"'count' must be between {IdeaRequest.MinCount} and {IdeaRequest.MaxCount}.")
        .Optional(Focus, "focus", IdeaRequest.MaxFocusLength)
        .ThrowIfAny();
}

public sealed record IdeaRequestAccepted(Guid Id, string Status);

/// <summary>A request's progress; a class request has classId and classUnit instead of studentId.</summary>
public sealed record IdeaRequestResponse(Guid Id, Guid? StudentId, Guid? ClassId, ClassUnit? ClassUnit, string Status, int Count, string? Focus, string? Feedback,
    Guid? RegeneratedFromDraftId, IReadOnlyList<Guid> DraftIds, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
    int? InputTokens, int? OutputTokens, bool ForceOffline)
{
    public static IdeaRequestResponse From(IdeaRequest r, IReadOnlyList<Guid> draftIds) => new(r.Id, r.StudentId, r.ClassId, r.ClassUnit, StatusName(r.Status),
        r.Count, r.Focus, r.Feedback, r.RegeneratedFromDraftId, draftIds, r.Error, r.CreatedAt, r.CompletedAt, r.InputTokens, r.OutputTokens, r.ForceOffline);

    public static string StatusName(IdeaRequestStatus s) => s.ToString().ToLowerInvariant();
}

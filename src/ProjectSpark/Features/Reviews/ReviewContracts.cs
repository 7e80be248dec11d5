using ProjectSpark.Features.Ideas;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Reviews;

public sealed record ApproveRequest(DraftEdits? Edits)
{
    public void Validate()
    {
        if (Edits is null) return;
        new FieldErrors()
            .IfPresent(Edits.Title, "edits.title", 200)
            .IfPresent(Edits.DrivingQuestion, "edits.drivingQuestion", 500)
            .IfPresent(Edits.Summary, "edits.summary", 3000)
            .IfPresent(Edits.FinalProduct, "edits.finalProduct", 1000)
            .IfPresent(Edits.Audience, "edits.audience", 500)
            .ThrowIfAny();
    }

    public DraftEdits? Trimmed() => Edits is null ? null : new DraftEdits(Edits.Title?.Trim(), Edits.DrivingQuestion?.Trim(),
        Edits.Summary?.Trim(), Edits.FinalProduct?.Trim(), Edits.Audience?.Trim());
}

public sealed record RejectRequest(string? Reason)
{
    public void Validate() => new FieldErrors().Required(Reason, "reason", ProjectDraft.MaxReasonLength).ThrowIfAny();
}

public sealed record RegenerateRequest(string? Feedback, int? Count)
{
    public void Validate() => new FieldErrors()
        .Required(Feedback, "feedback", IdeaRequest.MaxFeedbackLength)
        .When(Count is < IdeaRequest.MinCount or > IdeaRequest.MaxCount, "count", $"'count' must be between {IdeaRequest.MinCount} and {IdeaRequest.MaxCount}.")
        .ThrowIfAny();
}

public sealed record DeliverRequest(DateTimeOffset? ConversationAt, string? Note)
{
    public void Validate() => new FieldErrors()
        .When(ConversationAt is null, "conversationAt", "'conversationAt' is required: when did you share it with the student (or introduce it to the class)?")
        .Optional(Note, "note", ProjectDraft.MaxNoteLength)
        .ThrowIfAny();
}

public sealed record DeliveryInfo(DateTimeOffset DeliveredAt, DateTimeOffset ConversationAt, string? Note);

public sealed record ResponseInfo(string Response, string? Comment, DateTimeOffset RespondedAt);

/// <summary>How a class's students answered a delivered class project: counts per answer, never who.</summary>
public sealed record ResponseCounts(int Sparked, int Maybe, int NotForMe, int Started)
{
    public static ResponseCounts From(IEnumerable<StudentResponseKind> responses)
    {
        var list = responses.ToList();
        return new(list.Count(r => r == StudentResponseKind.Sparked), list.Count(r => r == StudentResponseKind.Maybe),
            list.Count(r => r == StudentResponseKind.NotForMe), list.Count(r => r == StudentResponseKind.Started));
    }
}

/// <summary>
/// The reviewer's view: the current brief, the original as drafted, the edits, provenance and the decision trail.
/// kind is "personal" (studentId, studentName) or "class" (classId, classTitle, and once delivered classResponses).
/// </summary>
public sealed record DraftResponse(
    Guid Id, Guid IdeaRequestId, string Kind, Guid? StudentId, string? StudentName, Guid? ClassId, string? ClassTitle, string Status,
    string Title, string DrivingQuestion, string Summary, IReadOnlyList<Milestone> Milestones, string FinalProduct, string Audience,
    IReadOnlyList<string> Skills, int EstimatedHours, IReadOnlyList<string> Materials, string WhyItFits, IReadOnlyList<string> ConversationStarters,
    IReadOnlyList<string> Standards,
    DraftContent Original, DraftEdits? Edits, Provenance Provenance, AI.QualityReport? Quality, string? RejectionReason, DateTimeOffset? ReviewedAt,
    DeliveryInfo? Delivery, ResponseInfo? StudentResponse, ResponseCounts? ClassResponses, DateTimeOffset CreatedAt)
{
    public static DraftResponse From(ProjectDraft d, string? studentName, string? classTitle = null, ResponseCounts? classResponses = null)
    {
        var c = d.Current;
        return new(d.Id, d.IdeaRequestId, KindOf(d), d.StudentId, d.IsForClass ? null : studentName, d.ClassId, classTitle,
            ProjectDraft.StatusName(d.Status),
            c.Title, c.DrivingQuestion, c.Summary, c.Milestones, c.FinalProduct, c.Audience, c.Skills, c.EstimatedHours, c.Materials,
            c.WhyItFits, c.ConversationStarters, c.Standards ?? [], d.Original, d.Edits, d.Provenance, d.Quality, d.RejectionReason, d.ReviewedAt,
            d.DeliveredAt is { } at ? new DeliveryInfo(at, d.ConversationAt!.Value, d.DeliveryNote) : null,
            ResponseOf(d), d.IsForClass && d.Status == DraftStatus.Delivered ? classResponses ?? new ResponseCounts(0, 0, 0, 0) : null, d.CreatedAt);
    }

    public static string KindOf(ProjectDraft d) => d.IsForClass ? "class" : "personal";

    public static ResponseInfo? ResponseOf(ProjectDraft d) => d.Response is { } r
        ? new ResponseInfo(ResponseName(r), d.ResponseComment, d.RespondedAt!.Value) : null;

    public static string ResponseName(StudentResponseKind r) => r switch
    {
        StudentResponseKind.Sparked => "sparked",
        StudentResponseKind.Maybe => "maybe",
        StudentResponseKind.NotForMe => "notForMe",
        _ => "started",
    };
}

public sealed record ReviewItem(Guid Id, string Kind, Guid? StudentId, string? StudentName, Guid? ClassId, string? ClassTitle,
    string Status, string Title, string DrivingQuestion, string Generator, DateTimeOffset CreatedAt);

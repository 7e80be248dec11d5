using Pgvector;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Reviews;

public enum DraftStatus { PendingReview, Approved, Rejected, Delivered }

public enum StudentResponseKind { Sparked, Maybe, NotForMe, Started }

public sealed record Milestone(string Title, int Week);

/// <summary>The brief as drafted. Kept unchanged after review so the original is never lost.</summary>
public sealed record DraftContent(
    string Title,
    string DrivingQuestion,
    string Summary,
    IReadOnlyList<Milestone> Milestones,
    string FinalProduct,
    string Audience,
    IReadOnlyList<string> Skills,
    int EstimatedHours,
    IReadOnlyList<string> Materials,
    string WhyItFits,
    IReadOnlyList<string> ConversationStarters,
    IReadOnlyList<string>? Standards = null);

/// <summary>What a reviewer changed at approval; null means unchanged.</summary>
public sealed record DraftEdits(string? Title = null, string? DrivingQuestion = null, string? Summary = null,
    string? FinalProduct = null, string? Audience = null)
{
    public bool IsEmpty => Title is null && DrivingQuestion is null && Summary is null && FinalProduct is null && Audience is null;
}

public sealed record Provenance(string Generator, string Model, string PromptVersion, DateTimeOffset GeneratedAt);

/// <summary>
/// A Gold Standard PBL brief drafted for one student (StudentId) or for a class unit (ClassId; exactly one is set), and its review: pendingReview -> approved | rejected;
/// approved -> delivered. Only a delivered draft is ever visible to its student.
/// </summary>
public sealed class ProjectDraft
{
    public const int MaxReasonLength = 1000, MaxNoteLength = 2000, MaxCommentLength = 1000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SchoolId { get; private set; }
    public Guid? StudentId { get; private set; }
    /// <summary>Set for a class-unit draft: once delivered, every student enrolled in the class sees it (responses are per student).</summary>
    public Guid? ClassId { get; private set; }
    public Guid IdeaRequestId { get; private set; }
    /// <summary>Position within its request; (IdeaRequestId, Ordinal) is unique, which makes drafting idempotent.</summary>
    public int Ordinal { get; private set; }
    public DraftContent Original { get; private set; } = null!;
    public DraftEdits? Edits { get; private set; }
    /// <summary>Conversation starters written again for the project as approved (after edits), when a model is configured.</summary>
    public List<string>? RevisedStarters { get; private set; }
    public Provenance Provenance { get; private set; } = null!;
    public Vector? Embedding { get; private set; }
    /// <summary>Checked when drafted, shown to the reviewer: Gold Standard elements, interests named, reading level, blocklist.</summary>
    public AI.QualityReport? Quality { get; private set; }
    public DraftStatus Status { get; private set; }
    public Guid? ReviewedById { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? RejectionReason { get; private set; }
    public Guid? DeliveredById { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset? ConversationAt { get; private set; }
    /// <summary>The mentor's private note about the conversation; never shown to the student.</summary>
    public string? DeliveryNote { get; private set; }
    public StudentResponseKind? Response { get; private set; }
    public string? ResponseComment { get; private set; }
    public DateTimeOffset? RespondedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private ProjectDraft() { }

    public ProjectDraft(Guid schoolId, Guid studentId, Guid ideaRequestId, int ordinal, DraftContent content,
        Provenance provenance, float[]? embedding, DateTimeOffset now)
        : this(schoolId, (Guid?)studentId, null, ideaRequestId, ordinal, content, provenance, embedding, now) { }

    public static ProjectDraft ForClass(Guid schoolId, Guid classId, Guid ideaRequestId, int ordinal, DraftContent content,
        Provenance provenance, float[]? embedding, DateTimeOffset now) =>
        new(schoolId, null, classId, ideaRequestId, ordinal, content, provenance, embedding, now);

    private ProjectDraft(Guid schoolId, Guid? studentId, Guid? classId, Guid ideaRequestId, int ordinal, DraftContent content,
        Provenance provenance, float[]? embedding, DateTimeOffset now)
    {
        SchoolId = schoolId;
        StudentId = studentId;
        ClassId = classId;
        IdeaRequestId = ideaRequestId;
        Ordinal = ordinal;
        Original = content;
        Provenance = provenance;
        Embedding = embedding is null ? null : new Vector(embedding);
        Status = DraftStatus.PendingReview;
        CreatedAt = now;
    }

    /// <summary>The brief as the student will see it: the original with the reviewer's edits applied.</summary>
    public DraftContent Current => Edits is null && RevisedStarters is null ? Original : Original with
    {
        Title = Edits?.Title ?? Original.Title,
        DrivingQuestion = Edits?.DrivingQuestion ?? Original.DrivingQuestion,
        Summary = Edits?.Summary ?? Original.Summary,
        FinalProduct = Edits?.FinalProduct ?? Original.FinalProduct,
        Audience = Edits?.Audience ?? Original.Audience,
        ConversationStarters = RevisedStarters ?? Original.ConversationStarters,
    };

    /// <summary>The adult's openers for the project as approved; the originals stay in Original.</summary>
    public void ReviseStarters(IReadOnlyList<string> starters)
    {
        if (Status is not (DraftStatus.Approved or DraftStatus.Delivered))
            throw new DomainException("Conversation starters are revised only for an approved project.");
        RevisedStarters = starters.ToList();
    }

    public void AttachQuality(AI.QualityReport quality) => Quality = quality;

    /// <summary>Only when re-embedding every draft with a new embedding model.</summary>
    public void SetEmbedding(float[] embedding) => Embedding = new Vector(embedding);

    public void Approve(Guid reviewerId, DraftEdits? edits, DateTimeOffset now)
    {
        RequireStatus(DraftStatus.PendingReview, "approved");
        Status = DraftStatus.Approved;
        Edits = edits is null || edits.IsEmpty ? null : edits;
        ReviewedById = reviewerId;
        ReviewedAt = now;
    }

    public void Reject(Guid reviewerId, string reason, DateTimeOffset now)
    {
        RequireStatus(DraftStatus.PendingReview, "rejected");
        if (string.IsNullOrWhiteSpace(reason)) throw new RequestValidationException("reason", "'reason' is required when rejecting a draft.");
        Status = DraftStatus.Rejected;
        RejectionReason = reason.Trim();
        ReviewedById = reviewerId;
        ReviewedAt = now;
    }

    /// <summary>Records that the adult shared the project with the student in a conversation.</summary>
    public void Deliver(Guid mentorId, DateTimeOffset conversationAt, string? note, DateTimeOffset now)
    {
        RequireStatus(DraftStatus.Approved, "delivered");
        if (conversationAt > now.AddMinutes(5))
            throw new RequestValidationException("conversationAt", "'conversationAt' cannot be in the future: record the conversation after it happened.");
        Status = DraftStatus.Delivered;
        DeliveredById = mentorId;
        DeliveredAt = now;
        ConversationAt = conversationAt;
        DeliveryNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    /// <summary>Regenerating is feedback on a draft still under review; a decided draft stays as it is.</summary>
    public void EnsureCanRegenerate()
    {
        if (Status is DraftStatus.Approved or DraftStatus.Delivered)
            throw new DomainException($"This draft is already {StatusName(Status)}; regenerate from a pending or rejected draft.");
    }

    public bool IsForClass => ClassId is not null;

    /// <summary>A personal project's response lives on the draft; a class project's responses are ClassProjectResponses, one per student.</summary>
    public void Respond(StudentResponseKind response, string? comment, DateTimeOffset now)
    {
        if (Status != DraftStatus.Delivered) throw new NotFoundException("Project");
        if (IsForClass) throw new DomainException("A class project's responses are recorded per student.");
        Response = response;
        ResponseComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        RespondedAt = now;
    }

    /// <summary>One student's response to a delivered class project.</summary>
    public ClassProjectResponse RespondAsClassmate(Guid studentId, StudentResponseKind response, string? comment, DateTimeOffset now)
    {
        if (Status != DraftStatus.Delivered || ClassId is null) throw new NotFoundException("Project");
        return new ClassProjectResponse(Id, studentId, response, comment, now);
    }

    private void RequireStatus(DraftStatus required, string verb)
    {
        if (Status != required)
        {
            var name = StatusName(required);
            throw new DomainException($"This draft is {StatusName(Status)}; only {("aeiou".Contains(name[0]) ? "an" : "a")} {name} draft can be {verb}.");
        }
    }

    public static string StatusName(DraftStatus s) => s switch
    {
        DraftStatus.PendingReview => "pendingReview",
        DraftStatus.Approved => "approved",
        DraftStatus.Rejected => "rejected",
        _ => "delivered",
    };
}

/// <summary>A student's response to a class project: sparked, maybe, notForMe or started. Unique per (draft, student).</summary>
public sealed class ClassProjectResponse
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DraftId { get; private set; }
    public Guid StudentId { get; private set; }
    public StudentResponseKind Response { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset RespondedAt { get; private set; }

    private ClassProjectResponse() { }

    internal ClassProjectResponse(Guid draftId, Guid studentId, StudentResponseKind response, string? comment, DateTimeOffset now)
    {
        DraftId = draftId;
        StudentId = studentId;
        Change(response, comment, now);
    }

    public void Change(StudentResponseKind response, string? comment, DateTimeOffset now)
    {
        Response = response;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        RespondedAt = now;
    }
}

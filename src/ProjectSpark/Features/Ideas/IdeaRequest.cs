using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Ideas;

public enum IdeaRequestStatus { Queued, Drafting, Drafted, Failed }

/// <summary>What a teacher asks for when requesting ideas for a class unit. Standards are the teacher's own codes, never invented.</summary>
public sealed record ClassUnit(string Unit, string? Subject, int GradeLevel, IReadOnlyList<string> Standards, int DurationWeeks)
{
    public const int MaxUnitLength = 200, MaxSubjectLength = 100, MaxStandards = 10, MaxStandardLength = 40;
    public const int MinDurationWeeks = 1, MaxDurationWeeks = 12, DefaultDurationWeeks = 4;
}

/// <summary>
/// A request for N drafts for one student, or for a whole class (a unit the teacher plans): exactly one of
/// StudentId and ClassId is set. queued -> drafting -> drafted | failed.
/// The drafting job is the only thing that moves it forward; a restart re-enqueues whatever is not finished.
/// </summary>
public sealed class IdeaRequest
{
    public const int MinCount = 1, MaxCount = 5, DefaultCount = 3;
    public const int MaxFocusLength = 300, MaxFeedbackLength = 1000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SchoolId { get; private set; }
    /// <summary>The student the ideas are for; null for a class request.</summary>
    public Guid? StudentId { get; private set; }
    /// <summary>The class the ideas are for; null for a student request.</summary>
    public Guid? ClassId { get; private set; }
    /// <summary>The unit a class request is for; null for a student request.</summary>
    public ClassUnit? ClassUnit { get; private set; }
    public Guid RequestedById { get; private set; }
    public int Count { get; private set; }
    public string? Focus { get; private set; }
    /// <summary>Reviewer feedback when this request regenerates an earlier draft.</summary>
    public string? Feedback { get; private set; }
    public Guid? RegeneratedFromDraftId { get; private set; }
    /// <summary>Makes the offline composer's choice repeatable for this request.</summary>
    public int Seed { get; private set; }
    public IdeaRequestStatus Status { get; private set; }
    public string? Error { get; private set; }
    public int Attempts { get; private set; }
    /// <summary>Tokens the model spent drafting this request (null for the offline composer): the cost, per request.</summary>
    public int? InputTokens { get; private set; }
    public int? OutputTokens { get; private set; }
    /// <summary>Drafted by the offline composer whatever AI:Provider says (a reviewer's redraft of a failed request).</summary>
    public bool ForceOffline { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    private IdeaRequest() { }

    public IdeaRequest(Guid schoolId, Guid studentId, Guid requestedById, int count, string? focus,
        string? feedback, Guid? regeneratedFrom, int seed, DateTimeOffset now)
    {
        if (count is < MinCount or > MaxCount) throw new RequestValidationException("count", $"'count' must be between {MinCount} and {MaxCount}.");
        SchoolId = schoolId;
        StudentId = studentId;
        RequestedById = requestedById;
        Count = count;
        Focus = string.IsNullOrWhiteSpace(focus) ? null : focus.Trim();
        Feedback = string.IsNullOrWhiteSpace(feedback) ? null : feedback.Trim();
        RegeneratedFromDraftId = regeneratedFrom;
        Seed = seed;
        Status = IdeaRequestStatus.Queued;
        CreatedAt = now;
    }

    public static IdeaRequest ForClass(Guid schoolId, Guid classId, Guid requestedById, ClassUnit unit, int count,
        string? feedback, Guid? regeneratedFrom, int seed, DateTimeOffset now)
    {
        if (count is < MinCount or > MaxCount) throw new RequestValidationException("count", $"'count' must be between {MinCount} and {MaxCount}.");
        return new IdeaRequest
        {
            SchoolId = schoolId, ClassId = classId, ClassUnit = unit, RequestedById = requestedById, Count = count,
            Feedback = string.IsNullOrWhiteSpace(feedback) ? null : feedback.Trim(), RegeneratedFromDraftId = regeneratedFrom,
            Seed = seed, Status = IdeaRequestStatus.Queued, CreatedAt = now,
        };
    }

    public bool IsForClass => ClassId is not null;

    /// <summary>
    /// A failed request drafted again by the offline composer: same student or class, count, focus, unit and feedback.
    /// Only a failed request can be redrafted this way; one that drafted or is still running already has (or will have) its drafts.
    /// </summary>
    public IdeaRequest RedraftOffline(Guid requestedById, int seed, DateTimeOffset now)
    {
        if (Status != IdeaRequestStatus.Failed)
            throw new DomainException($"This request is {Status.ToString().ToLowerInvariant()}; only a failed request can be redrafted offline.");
        var redraft = IsForClass
            ? ForClass(SchoolId, ClassId!.Value, requestedById, ClassUnit!, Count, Feedback, RegeneratedFromDraftId, seed, now)
            : new IdeaRequest(SchoolId, StudentId!.Value, requestedById, Count, Focus, Feedback, RegeneratedFromDraftId, seed, now);
        redraft.ForceOffline = true;
        return redraft;
    }

    public bool IsFinished => Status is IdeaRequestStatus.Drafted or IdeaRequestStatus.Failed;

    public void StartAttempt(DateTimeOffset now)
    {
        if (IsFinished) throw new DomainException($"Idea request is already {Status}.");
        Status = IdeaRequestStatus.Drafting;
        StartedAt ??= now;
        Attempts++;
    }

    public void MarkDrafted(DateTimeOffset now, int? inputTokens = null, int? outputTokens = null)
    {
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
        Status = IdeaRequestStatus.Drafted;
        Error = null;
        CompletedAt = now;
    }

    public void MarkFailed(string error, DateTimeOffset now, int? inputTokens = null, int? outputTokens = null)
    {
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
        Status = IdeaRequestStatus.Failed;
        Error = error.Length > 500 ? error[..500] : error;
        CompletedAt = now;
    }
}

using ProjectSpark.Features.Reviews;

namespace ProjectSpark.AI;

/// <summary>
/// Everything a generator may know about a student, and nothing more: a per-request pseudonym, grade level,
/// interests, strengths/constraints, the request's focus and reviewer feedback. Never a name, email, id,
/// attendance, grade or flag: those do not exist on this type, so no generator can leak them. Examples are other
/// projects of the school (title, driving question, summary as drafted), never whose they were. EarlierDraft is
/// the student's own draft a reviewer asked to redo (as drafted), given with the reviewer's feedback.
/// </summary>
public sealed record DraftBrief(
    string Pseudonym,
    int GradeLevel,
    IReadOnlyList<string> Interests,
    string? Strengths,
    string? Constraints,
    string? Focus,
    string? ReviewerFeedback,
    IReadOnlyList<string> AvoidPatternIds,
    int Count,
    int Seed,
    IReadOnlyList<ProjectExample>? Examples = null,
    ProjectExample? EarlierDraft = null);

/// <summary>
/// Writes conversation starters for a project as a reviewer approved it (with their edits), from the project's text,
/// the grade level and interests only. Exists only when a model is configured (prompts/conversation-starters.yaml).
/// </summary>
public interface IConversationStarterWriter
{
    public const int MinStarters = 2, MaxStarters = 3, MaxLength = 200;

    Task<IReadOnlyList<string>> WriteAsync(DraftContent project, int gradeLevel, IReadOnlyList<string> interests, CancellationToken ct);
}

/// <summary>An approved project of the same school shown to the generator as an example of what reviewers accept.</summary>
public sealed record ProjectExample(string Title, string DrivingQuestion, string Summary);

/// <summary>How many students of a class named an interest. Counts only: never who.</summary>
public sealed record InterestCount(string Interest, int Students);

/// <summary>
/// Everything a generator may know about a class-unit request: the teacher's unit, subject, grade, standards and
/// duration, and the class's interests as counts. No student appears on this type in any form.
/// </summary>
public sealed record ClassUnitBrief(
    string Unit,
    string? Subject,
    int GradeLevel,
    IReadOnlyList<string> Standards,
    int DurationWeeks,
    IReadOnlyList<InterestCount> Interests,
    int StudentCount,
    string? ReviewerFeedback,
    IReadOnlyList<string> AvoidPatternIds,
    int Count,
    int Seed);

/// <summary>Tokens a model spent on one request, over all its calls.</summary>
public sealed record TokenUsage(int InputTokens, int OutputTokens)
{
    public static TokenUsage operator +(TokenUsage a, TokenUsage b) => new(a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens);
}

/// <param name="SetUsage">Tokens spent drafting the whole set this draft belongs to (the same on each draft of it); null offline.</param>
public sealed record GeneratedDraft(DraftContent Content, Provenance Provenance, string? PatternId, TokenUsage? SetUsage = null);

public interface IDraftGenerator
{
    Task<IReadOnlyList<GeneratedDraft>> GenerateAsync(DraftBrief brief, CancellationToken ct);

    /// <summary>Drafts for a whole class and one unit; standards in a draft are only ever those in the brief.</summary>
    Task<IReadOnlyList<GeneratedDraft>> GenerateForClassAsync(ClassUnitBrief brief, CancellationToken ct);
}
